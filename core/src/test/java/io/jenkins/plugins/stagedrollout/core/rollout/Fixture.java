package io.jenkins.plugins.stagedrollout.core.rollout;

import io.jenkins.plugins.stagedrollout.core.notify.Notification;
import io.jenkins.plugins.stagedrollout.core.notify.Notifier;
import io.jenkins.plugins.stagedrollout.core.release.PackageSet;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.report.Metrics;
import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import io.jenkins.plugins.stagedrollout.core.schedule.WorkingCalendar;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.EarlyAdopterTeam;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import io.jenkins.plugins.stagedrollout.core.team.StackManagers;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A small world: three teams, one UMD manager, a Europe/Amsterdam calendar, a hand-moved clock. */
public final class Fixture {
    public static final Release RELEASE = Release.parseTitle("Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64");
    public static final PackageSet PACKAGES = PackageSet.of("dpm-1.8.0-1.el9.x86_64", "dpm-libs-1.8.0-1.el9.x86_64");
    public static final PackageSet PACKAGES_2 = PackageSet.of("dpm-1.8.0-2.el9.x86_64", "dpm-libs-1.8.0-2.el9.x86_64");
    public static final ReleaseLinks LINKS = new ReleaseLinks("https://docs.example.org/dpm/1.8.0/notes",
            "https://docs.example.org/dpm/1.8.0/install", "https://issues.example.org/dpm?fixed=1.8.0",
            "https://docs.example.org/dpm", null, "https://jenkins.example.org/job/dpm/42/staged-rollout/");
    public static final TeamId INFN = TeamId.parse("ea-NGI_IT-INFN-T1");
    public static final TeamId CESGA = TeamId.parse("ea-NGI_IBERGRID-CESGA");
    public static final TeamId PRAGUE = TeamId.parse("ea-NGI_CZ-PRAGUE_LCG2");
    public static final Actor MANAGER = Actor.user("maria");
    public static final Actor ALICE = Actor.user("alice");
    public static final Actor BOB = Actor.user("bob", "ea-NGI_IBERGRID-CESGA");
    public static final Actor CAROL = Actor.user("carol");
    public static final Actor MALLORY = Actor.user("mallory");
    /** Wednesday 2026-11-25 10:00 in Amsterdam. */
    public static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    public static final WorkingCalendar CALENDAR = WorkingCalendar.of(ZoneId.of("Europe/Amsterdam"));
    public static final Roster ROSTER = Roster.of(List.of(
            EarlyAdopterTeam.of("ea-NGI_IT-INFN-T1", List.of("ea-infn@example.org"), Set.of("alice"), null),
            EarlyAdopterTeam.of("NGI_IBERGRID-CESGA", List.of("ea-cesga@example.org", "ops-cesga@example.org"), Set.of(),
                    "ea-NGI_IBERGRID-CESGA"),
            EarlyAdopterTeam.of("ngi_cz-prague_lcg2", List.of("ea-prague@example.org"), Set.of("carol"), null)),
            List.of(new StackManagers("UMD", Set.of("maria"), Set.of(), List.of("maria@example.org"))));

    public final MutableClock clock = new MutableClock(START);
    public final List<Notification> sent = new ArrayList<>();
    public final Notifier recorder = sent::add;
    public final RolloutEnvironment env;

    public Fixture() {
        this(null);
    }

    public Fixture(Notifier notifier) {
        env = new RolloutEnvironment(ROSTER, CALENDAR, notifier == null ? recorder : notifier, clock);
    }

    public RolloutService open(Path log, RolloutPolicy policy) {
        RolloutService s = RolloutService.open(log, env, MANAGER, RELEASE, policy, LINKS);
        s.bindPackageSet(MANAGER, PACKAGES);
        s.startStagedRollout(MANAGER, "promoted untested -> testing");
        return s;
    }

    public static EaReport report(TeamId team, Verdict verdict) {
        return new EaReport(team, verdict, true, null, List.of("upgrade from 1.7.4", "SRM get/put"),
                new Metrics(1200, 35000, List.of("atlas", "cms")), "Ran for a week under production load.", null,
                List.of("https://ggus.example.org/ticket/1234"));
    }
}
