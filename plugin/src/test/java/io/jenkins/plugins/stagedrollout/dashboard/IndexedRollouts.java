package io.jenkins.plugins.stagedrollout.dashboard;

import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.rollout.Fixture;
import io.jenkins.plugins.stagedrollout.core.rollout.Rollout;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutPolicy;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutService;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Real rollouts made by the core (its test roster and clock, the release in testing, teams invited), put into the
 * dashboard's index as the rollout action puts them: for tests and the benchmark of what the dashboard draws from
 * the index, without running a Pipeline per rollout.
 */
public final class IndexedRollouts {

    private final Path dir;
    private final Fixture fixture = new Fixture();
    private int logs;

    public IndexedRollouts(Path dir) {
        this.dir = dir;
    }

    /** The core's clock for the rollouts made next (every deadline is computed from it). */
    public Fixture fixture() {
        return fixture;
    }

    /**
     * Opens {@code title} (the release in testing), invites {@code teams}, runs {@code then} (answers, a decision),
     * and puts the rollout into the index as rollout 1 of build {@code build} of {@code job}.
     */
    public Rollout index(String job, int build, String title, List<TeamId> teams, Consumer<RolloutService> then) {
        Path log = dir.resolve("rollout-" + ++logs + ".jsonl");
        try (RolloutService s = RolloutService.open(
                log, fixture.env, Actor.SYSTEM, Release.parseTitle(title), RolloutPolicy.defaults(), Fixture.LINKS)) {
            s.bindPackageSet(Actor.SYSTEM, Fixture.PACKAGES);
            s.startStagedRollout(Actor.SYSTEM, "promoted untested -> testing");
            s.invite(Actor.SYSTEM, teams);
            then.accept(s);
            Rollout r = s.rollout();
            RolloutIndex.get().put(RolloutEntry.of(job, build, "1", "rollout", r));
            return r;
        }
    }

    /** Moves the core's clock on, so the next rollout opens (and its deadlines fall) later. */
    public void later(Duration d) {
        fixture.clock.advance(d);
    }
}
