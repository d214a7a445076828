package io.jenkins.plugins.stagedrollout.core.rollout;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.BOB;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CAROL;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.PACKAGES;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.PACKAGES_2;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.PRAGUE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.START;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.stagedrollout.core.notify.Notification;
import io.jenkins.plugins.stagedrollout.core.notify.Notification.SoakDates;
import io.jenkins.plugins.stagedrollout.core.notify.Notification.SoakOccasion;
import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak's dates go to the accepting teams (quorum met, an accept during the soak, an extension), and a day before the
 * reports are due the teams still owing one are reminded, once per due time.
 */
class SoakMailsTest {
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path dir;
    final Fixture f = new Fixture();

    private RolloutService open(RolloutPolicy policy) {
        return f.open(dir.resolve("rollout.log"), policy);
    }

    private List<SoakDates> soakDates() {
        return f.sent.stream().filter(n -> n instanceof SoakDates).map(n -> (SoakDates) n).toList();
    }

    private List<Notification.ReportReminder> reportReminders() {
        return f.sent.stream().filter(n -> n instanceof Notification.ReportReminder).map(n -> (Notification.ReportReminder) n).toList();
    }

    private List<Change.ReportsReminded> remindedEvents(RolloutService s) {
        return s.events().stream().filter(e -> e.change() instanceof Change.ReportsReminded)
                .map(e -> (Change.ReportsReminded) e.change()).toList();
    }

    @Test
    void quorumMailGoesToTheAcceptingTeamsOnlyWithTheDatesTheEngineUses() {
        try (RolloutService s = open(RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA, PRAGUE));
            s.answer(BOB, CESGA, AnswerKind.REJECT, "breaks our SRM");
            assertThat(soakDates()).as("a reject meets no quorum").isEmpty();
            f.clock.advance(Duration.ofHours(1));
            Instant quorum = START.plus(Duration.ofHours(1));

            s.answer(ALICE, INFN, AnswerKind.ACCEPT, "installing");

            assertThat(soakDates()).as("not the rejecting CESGA, not the silent PRAGUE, not the managers").singleElement()
                    .satisfies(d -> {
                        assertThat(d.team()).isEqualTo(INFN);
                        assertThat(d.recipients()).containsExactly("ea-infn@example.org");
                        assertThat(d.occasion()).isEqualTo(SoakOccasion.QUORUM_MET);
                        assertThat(d.accepted()).isEqualTo(1);
                        assertThat(d.minAccepts()).isEqualTo(1);
                        assertThat(d.soakStart()).isEqualTo(quorum);
                        assertThat(d.soakEnd()).isEqualTo(quorum.plus(Duration.ofDays(5))).isEqualTo(s.view().soakEnd());
                        assertThat(d.reportsDue()).isEqualTo(quorum.plus(Duration.ofDays(7))).isEqualTo(s.view().reportsDue());
                        assertThat(d.links()).isEqualTo(Fixture.LINKS);
                        assertThat(d.packageDigest()).isEqualTo(PACKAGES.digest());
                        assertThat(d.nevras()).isEqualTo(PACKAGES.nevras());
                    });
        }
    }

    @Test
    void aQuorumOfTwoTellsBothAcceptingTeams() {
        try (RolloutService s = open(RolloutPolicy.defaults().withMinAccepts(2))) {
            s.invite(MANAGER, List.of(INFN, CESGA, PRAGUE));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            assertThat(soakDates()).as("1 of 2: no soak yet").isEmpty();
            s.answer(CAROL, PRAGUE, AnswerKind.ACCEPT, null);
            assertThat(soakDates()).extracting(SoakDates::team, SoakDates::recipients, SoakDates::occasion, SoakDates::accepted)
                    .containsExactly(tuple(INFN, List.of("ea-infn@example.org"), SoakOccasion.QUORUM_MET, 2),
                            tuple(PRAGUE, List.of("ea-prague@example.org"), SoakOccasion.QUORUM_MET, 2));
        }
    }

    @Test
    void aTeamAcceptingDuringTheSoakAloneGetsTheSameDatesOnce() {
        try (RolloutService s = open(RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA, PRAGUE));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            SoakDates quorum = soakDates().get(0);
            f.clock.advance(DAY);

            s.answer(CAROL, PRAGUE, AnswerKind.ACCEPT, "installed on 2 CEs");

            assertThat(soakDates()).hasSize(2);
            SoakDates late = soakDates().get(1);
            assertThat(late.team()).isEqualTo(PRAGUE);
            assertThat(late.recipients()).containsExactly("ea-prague@example.org");
            assertThat(late.occasion()).isEqualTo(SoakOccasion.ACCEPTED_DURING_SOAK);
            assertThat(late.accepted()).isEqualTo(2);
            assertThat(late.soakStart()).as("the soak started at quorum").isEqualTo(quorum.soakStart()).isEqualTo(START);
            assertThat(late.soakEnd()).isEqualTo(quorum.soakEnd());
            assertThat(late.reportsDue()).isEqualTo(quorum.reportsDue());
            assertThat(late.nevras()).as("it installs now").isEqualTo(PACKAGES.nevras());

            s.answer(CAROL, PRAGUE, AnswerKind.ACCEPT, "and on a third CE");
            s.answer(BOB, CESGA, AnswerKind.REJECT, "breaks our SRM");
            assertThat(soakDates()).as("a repeated accept or a reject during the soak").hasSize(2);

            s.answer(CAROL, PRAGUE, AnswerKind.WITHDRAW, null);
            s.answer(CAROL, PRAGUE, AnswerKind.ACCEPT, "back in");
            assertThat(soakDates()).as("an accept after a withdrawal is a new accept").hasSize(3)
                    .last().extracting(SoakDates::team, SoakDates::occasion).containsExactly(PRAGUE, SoakOccasion.ACCEPTED_DURING_SOAK);
        }
    }

    @Test
    void extendingTheSoakSendsTheNewDatesToTheAcceptingTeams() {
        try (RolloutService s = open(RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA, PRAGUE));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            s.answer(CAROL, PRAGUE, AnswerKind.ACCEPT, null);
            s.answer(BOB, CESGA, AnswerKind.REJECT, "breaks our SRM");
            int before = soakDates().size();
            f.clock.advance(DAY);

            s.extendSoak(MANAGER, 2);

            List<SoakDates> extended = soakDates().subList(before, soakDates().size());
            assertThat(extended).extracting(SoakDates::team).containsExactly(INFN, PRAGUE);
            assertThat(extended).allSatisfy(d -> {
                assertThat(d.occasion()).isEqualTo(SoakOccasion.SOAK_EXTENDED);
                assertThat(d.soakStart()).isEqualTo(START);
                assertThat(d.soakEnd()).isEqualTo(START.plus(Duration.ofDays(7)));
                assertThat(d.reportsDue()).isEqualTo(START.plus(Duration.ofDays(9)));
                assertThat(d.nevras()).as("they run the packages already").isEmpty();
            });
        }
    }

    @Test
    void theReportReminderFiresADayBeforeTheDueTimeOnceAndNotForTeamsThatReported() {
        try (RolloutService s = open(RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            s.answer(BOB, CESGA, AnswerKind.ACCEPT, null);
            s.fileReport(ALICE, report(INFN, Verdict.POSITIVE));
            Instant due = START.plus(Duration.ofDays(7));
            Instant reminder = due.minus(DAY);
            assertThat(s.rollout().reportsReminderAt()).contains(reminder);

            f.clock.set(START.plus(Duration.ofDays(5)));
            assertThat(s.tick().state()).isEqualTo("REPORTING");
            assertThat(s.nextDeadline()).as("the reminder is what comes next").contains(reminder);
            f.clock.set(reminder.minusSeconds(1));
            s.tick();
            assertThat(reportReminders()).as("not before its time").isEmpty();

            f.clock.set(reminder);
            s.tick();
            s.tick();

            assertThat(reportReminders()).singleElement().satisfies(r -> {
                assertThat(r.team()).isEqualTo(CESGA);
                assertThat(r.recipients()).containsExactly("ea-cesga@example.org", "ops-cesga@example.org");
                assertThat(r.reportsDue()).isEqualTo(due);
                assertThat(r.links()).isEqualTo(Fixture.LINKS);
            });
            assertThat(remindedEvents(s)).containsExactly(new Change.ReportsReminded(List.of(CESGA), due));
            assertThat(s.rollout().reportsReminded()).isTrue();
            assertThat(s.nextDeadline()).as("then the due time itself").contains(due);

            f.clock.set(due);
            s.tick();
            assertThat(reportReminders()).as("the overdue escalation follows, no second reminder").hasSize(1);
            assertThat(f.sent).filteredOn(n -> n instanceof Notification.Escalation e && e.reason().equals("REPORTS_OVERDUE"))
                    .singleElement().extracting(n -> ((Notification.Escalation) n).teams()).isEqualTo(List.of(CESGA));
        }
    }

    @Test
    void anExtensionSetsANewDueTimeAndTheReminderFiresAgainForIt() {
        try (RolloutService s = open(RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            f.clock.set(START.plus(Duration.ofDays(6)));
            s.tick();
            assertThat(reportReminders()).hasSize(1);

            s.extendSoak(MANAGER, 3);
            assertThat(s.rollout().reportsReminded()).isFalse();
            Instant due = START.plus(Duration.ofDays(10));
            assertThat(s.rollout().reportsReminderAt()).contains(due.minus(DAY));
            assertThat(s.nextDeadline()).as("the soak's new end comes first").contains(START.plus(Duration.ofDays(8)));

            f.clock.set(due.minus(DAY));
            s.tick();
            s.tick();
            assertThat(reportReminders()).extracting(Notification.ReportReminder::reportsDue)
                    .containsExactly(START.plus(Duration.ofDays(7)), due);
            assertThat(remindedEvents(s)).hasSize(2);
        }
    }

    @Test
    void aNewPackageSetStartsANewSoakWithItsOwnReminder() {
        try (RolloutService s = open(RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            f.clock.set(START.plus(Duration.ofDays(6)));
            s.tick();
            assertThat(s.rollout().reportsReminded()).isTrue();

            s.bindPackageSet(MANAGER, PACKAGES_2);
            assertThat(s.rollout().reportsReminded()).isFalse();
            assertThat(s.rollout().reportsReminderAt()).as("no soak, no reminder").isEmpty();
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null, PACKAGES_2.digest());

            Instant quorum = START.plus(Duration.ofDays(6));
            assertThat(soakDates()).last().satisfies(d -> {
                assertThat(d.occasion()).isEqualTo(SoakOccasion.QUORUM_MET);
                assertThat(d.soakStart()).isEqualTo(quorum);
                assertThat(d.nevras()).isEqualTo(PACKAGES_2.nevras());
            });
            assertThat(s.rollout().reportsReminderAt()).contains(quorum.plus(Duration.ofDays(6)));
        }
    }

    @Test
    void nextDeadlineWakesTheHostForTheReminderDuringTheSoak() {
        try (RolloutService s = open(RolloutPolicy.defaults().withSoakDays(5, 5))) {
            s.invite(MANAGER, List.of(INFN));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            // reports due with the soak's end, so the reminder (a day before) comes while the soak still runs
            Instant reminder = START.plus(Duration.ofDays(4));
            assertThat(s.nextDeadline()).contains(reminder);
            assertThat(s.view().nextDeadline()).isEqualTo(reminder);
            f.clock.set(reminder);
            assertThat(s.tick().state()).isEqualTo("SOAK");
            assertThat(reportReminders()).singleElement().extracting(Notification.ReportReminder::team).isEqualTo(INFN);
            assertThat(s.nextDeadline()).contains(START.plus(Duration.ofDays(5)));
        }
    }

    @Test
    void noReminderWhenNoReportIsMissingOrTheDueTimeIsADayAfterQuorum() {
        try (RolloutService s = open(RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            s.fileReport(ALICE, report(INFN, Verdict.POSITIVE));
            assertThat(s.rollout().reportsReminderAt()).isEmpty();
            f.clock.set(START.plus(Duration.ofDays(6)));
            s.tick();
            assertThat(reportReminders()).isEmpty();
        }
        Fixture g = new Fixture();
        try (RolloutService s = g.open(dir.resolve("short.log"), RolloutPolicy.defaults().withSoakDays(1, 1))) {
            s.invite(MANAGER, List.of(INFN));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            // the quorum mail has just given the due time: a reminder at the same moment would repeat it
            assertThat(s.rollout().reportsReminderAt()).isEmpty();
            assertThat(s.nextDeadline()).contains(START.plus(DAY));
        }
    }

    @Test
    void aTickAfterTheDueTimeEscalatesInsteadOfRemindingAndThenWaitsForNothing() {
        try (RolloutService s = open(RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            f.clock.set(START.plus(Duration.ofDays(8))); // the host slept through the reminder and the due time
            s.tick();
            assertThat(reportReminders()).isEmpty();
            assertThat(f.sent).filteredOn(n -> n instanceof Notification.Escalation e && e.reason().equals("REPORTS_OVERDUE")).hasSize(1);
            assertThat(s.nextDeadline()).as("no missed reminder keeps the host busy").isEmpty();
        }
    }

    @Test
    void theNewEventsReplayToTheLiveRolloutAndAreInTheHistory() throws IOException {
        Path log = dir.resolve("rollout.log");
        Rollout live;
        RolloutView liveView;
        try (RolloutService s = f.open(log, RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            f.clock.set(START.plus(Duration.ofDays(6)));
            s.tick();
            s.extendSoak(MANAGER, 2);
            live = s.rollout();
            liveView = s.view();
        }
        assertThat(Files.readAllLines(log)).filteredOn(l -> l.contains("\"type\":\"ReportsReminded\"")).singleElement().asString()
                .endsWith("\"change\":{\"type\":\"ReportsReminded\",\"teams\":[\"ea-NGI_IT-INFN-T1\"],"
                        + "\"reportsDue\":\"2026-12-02T09:00:00Z\"}}");
        try (RolloutService again = RolloutService.load(log, f.env)) {
            assertThat(again.rollout()).isEqualTo(live);
            assertThat(again.view()).isEqualTo(liveView);
            assertThat(again.nextDeadline()).contains(START.plus(Duration.ofDays(7)));
            assertThat(TimelineEntry.of(again.events())).extracting(TimelineEntry::kind, TimelineEntry::actor, TimelineEntry::text)
                    .contains(tuple("reminded", "SYSTEM", "Reminded ea-NGI_IT-INFN-T1 of the report due 2026-12-02T09:00:00Z"),
                            tuple("extended", "maria", "Soak extended by 2 day(s)"));
        }
    }

    @Test
    void aLogWrittenBeforeTheReminderExistedReplaysAndGetsItsReminder() throws IOException {
        // Logs from before this rule hold no ReportsReminded: they replay as not reminded, and the next tick in time reminds.
        Path log = dir.resolve("rollout.log");
        try (RolloutService s = f.open(log, RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            f.clock.set(START.plus(Duration.ofDays(5)));
            s.tick();
        }
        assertThat(Files.readString(log)).contains("\"type\":\"SoakEnded\"").doesNotContain("ReportsReminded");
        f.clock.set(START.plus(Duration.ofDays(6)).plus(Duration.ofHours(1)));
        try (RolloutService again = RolloutService.load(log, f.env)) {
            assertThat(again.rollout().reportsReminded()).isFalse();
            assertThat(again.nextDeadline()).contains(START.plus(Duration.ofDays(6)));
            again.tick();
            assertThat(remindedEvents(again)).extracting(Change.ReportsReminded::teams).containsExactly(List.<TeamId>of(INFN));
        }
    }
}
