package io.jenkins.plugins.stagedrollout.core.rollout;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.BOB;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.PACKAGES_2;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.PRAGUE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.START;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.stagedrollout.core.notify.Notification;
import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process rules end to end through the service, with a hand-moved clock. */
class RolloutLifecycleTest {
    @TempDir
    Path dir;
    final Fixture f = new Fixture();

    private RolloutService invited(RolloutPolicy policy) {
        RolloutService s = f.open(dir.resolve("rollout.log"), policy);
        s.invite(MANAGER, List.of(INFN, CESGA));
        return s;
    }

    @Test
    void manualAcceptAfterSoakWithRejectWithdrawnAndReport() {
        RolloutService s = invited(RolloutPolicy.defaults());
        assertThat(s.view().state()).isEqualTo("AWAITING_ANSWERS");
        assertThat(f.sent).filteredOn(n -> n instanceof Notification.Invitation).extracting(Notification::recipients)
                .containsExactly(List.of("ea-infn@example.org"), List.of("ea-cesga@example.org", "ops-cesga@example.org"));

        RolloutView v = s.answer(ALICE, INFN, AnswerKind.ACCEPT, "installing today");
        assertThat(v.state()).isEqualTo("SOAK");
        assertThat(v.soakEnd()).isEqualTo(START.plus(Duration.ofDays(5)));
        assertThat(v.reportsDue()).isEqualTo(START.plus(Duration.ofDays(7)));

        v = s.answerFromText(BOB, "  reject   ngi_ibergrid-cesga \n> quoted invitation");
        assertThat(v.rejected()).containsExactly("ea-NGI_IBERGRID-CESGA");
        assertThat(f.sent).filteredOn(n -> n instanceof Notification.Escalation e && e.reason().equals("REJECT_RECEIVED"))
                .singleElement().extracting(Notification::recipients).isEqualTo(List.of("maria@example.org"));

        v = s.answerFromText(BOB, "Withdraw ea-NGI_IBERGRID-CESGA");
        assertThat(v.rejected()).isEmpty();
        assertThat(s.rollout().teams().get(CESGA).history()).extracting(Answer::kind)
                .containsExactly(AnswerKind.REJECT, AnswerKind.WITHDRAW);

        f.clock.advance(Duration.ofDays(5));
        assertThat(s.tick().state()).isEqualTo("REPORTING");
        s.fileReport(ALICE, report(INFN, Verdict.POSITIVE));
        assertThat(s.view().state()).as("automatic decision is off by default").isEqualTo("REPORTING");
        assertThat(f.sent).filteredOn(n -> n instanceof Notification.Escalation e && e.reason().equals("READY_FOR_DECISION"))
                .singleElement().isInstanceOfSatisfying(Notification.Escalation.class, e -> assertThat(e.detail()).isEqualTo(
                        "All 1 accepting teams reported (1 positive, 0 negative) and 0 rejected; record ACCEPT or REJECT"
                                + " (automatic decision is off: the manager decides)"));
        s.tick();
        assertThat(f.sent).as("asked once").filteredOn(n -> n instanceof Notification.Escalation e
                && e.reason().equals("READY_FOR_DECISION")).hasSize(1);

        v = s.decide(MANAGER, Decision.ACCEPT, "INFN-T1 ran it a week without problems");
        assertThat(v.outcome()).isEqualTo("ACCEPT");
        assertThat(v.decidedBy()).isEqualTo("maria");
        assertThat(v.automatic()).isFalse();
        assertThat(f.sent.get(f.sent.size() - 1)).isInstanceOfSatisfying(Notification.Outcome.class, o -> {
            assertThat(o.outcome()).isEqualTo("ACCEPT");
            assertThat(o.recipients()).containsExactly("ea-infn@example.org", "ea-cesga@example.org", "ops-cesga@example.org",
                    "maria@example.org");
        });
        assertThat(v.nextDeadline()).isNull();
    }

    @Test
    void automaticAcceptWhenQuorumSoakAndPositiveReports() {
        RolloutService s = invited(RolloutPolicy.defaults().withAutoDecide(true));
        s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
        f.clock.advance(Duration.ofDays(5));
        s.tick();
        assertThat(s.view().automaticAcceptBlocker()).isEqualTo("reports missing from [ea-NGI_IT-INFN-T1]");
        RolloutView v = s.fileReport(ALICE, report(INFN, Verdict.POSITIVE));
        assertThat(v.state()).isEqualTo("ACCEPTED");
        assertThat(v.automatic()).isTrue();
        assertThat(v.decidedBy()).isEqualTo("SYSTEM");
    }

    @Test
    void anyRejectStopsAutomaticAcceptAndAsksTheManager() {
        RolloutService s = invited(RolloutPolicy.defaults().withAutoDecide(true));
        s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
        s.answer(BOB, CESGA, AnswerKind.REJECT, "breaks our SRM");
        f.clock.advance(Duration.ofDays(5));
        s.tick();
        RolloutView v = s.fileReport(ALICE, report(INFN, Verdict.POSITIVE));
        assertThat(v.state()).isEqualTo("REPORTING");
        assertThat(v.automaticAcceptBlocker()).isEqualTo("rejected by [ea-NGI_IBERGRID-CESGA]: the manager decides");
        assertThat(s.decide(MANAGER, Decision.REJECT, "CESGA found an SRM regression").outcome()).isEqualTo("REJECT");
    }

    @Test
    void negativeReportBlocksAutomaticAcceptAndEscalates() {
        RolloutService s = invited(RolloutPolicy.defaults().withAutoDecide(true));
        s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
        f.clock.advance(Duration.ofDays(5));
        s.tick();
        RolloutView v = s.fileReport(ALICE, report(INFN, Verdict.NEGATIVE));
        assertThat(v.state()).isEqualTo("REPORTING");
        assertThat(v.automaticAcceptBlocker()).isEqualTo("a report is negative: the manager decides");
        assertThat(f.sent).filteredOn(n -> n instanceof Notification.Escalation e && e.reason().equals("NEGATIVE_REPORT")).hasSize(1);
    }

    @Test
    void remindersAndDeadlineEscalationFireExactlyOnceAndExtensionReschedules() {
        RolloutService s = invited(RolloutPolicy.defaults());
        // Wednesday 10:00 Amsterdam + 1 working day = Thursday 10:00; halfway = Wednesday 22:00.
        Instant halfway = Instant.parse("2026-11-25T21:00:00Z");
        Instant deadline = Instant.parse("2026-11-26T09:00:00Z");
        assertThat(s.nextDeadline()).contains(halfway);
        long events = s.rollout().lastSeq();
        s.tick();
        assertThat(s.rollout().lastSeq()).as("nothing due yet").isEqualTo(events);

        f.clock.set(halfway);
        s.tick();
        s.tick();
        assertThat(f.sent).filteredOn(n -> n instanceof Notification.Reminder).extracting(n -> ((Notification.Reminder) n).team())
                .containsExactly(INFN, CESGA);
        assertThat(s.nextDeadline()).contains(deadline);

        f.clock.set(deadline.plusSeconds(60));
        s.tick();
        s.tick();
        assertThat(f.sent).filteredOn(n -> n instanceof Notification.Escalation).singleElement()
                .isInstanceOfSatisfying(Notification.Escalation.class, e -> {
                    assertThat(e.reason()).isEqualTo("NO_QUORUM_BY_DEADLINE");
                    assertThat(e.teams()).containsExactly(INFN, CESGA);
                    assertThat(e.detail()).isEqualTo("0 of 1 required teams accepted by the deadline; invite more teams or extend the deadline");
                });
        assertThat(s.nextDeadline()).isEmpty();

        s.extendAnswerDeadline(MANAGER, 1);
        assertThat(s.rollout().teams().get(INFN).deadline()).isEqualTo(Instant.parse("2026-11-27T09:01:00Z"));
        assertThat(s.nextDeadline()).contains(Instant.parse("2026-11-26T21:01:00Z"));
    }

    @Test
    void changedPackageSetResetsAnswersAndReportsAndTellsTheTeams() {
        RolloutService s = invited(RolloutPolicy.defaults());
        s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
        s.fileReport(ALICE, report(INFN, Verdict.POSITIVE));
        f.clock.advance(Duration.ofHours(2));
        RolloutView v = s.bindPackageSet(MANAGER, PACKAGES_2);
        assertThat(v.state()).isEqualTo("AWAITING_ANSWERS");
        assertThat(v.accepted()).isEmpty();
        assertThat(v.reports()).isZero();
        assertThat(v.packageDigest()).isEqualTo(PACKAGES_2.digest());
        assertThat(v.teams()).extracting(TeamView::status).containsExactly("INVITED", "INVITED");
        assertThat(s.rollout().teams().get(INFN).history()).hasSize(1);
        assertThat(f.sent.get(f.sent.size() - 1)).isInstanceOfSatisfying(Notification.PackageSetChanged.class, p -> {
            assertThat(p.recipients()).containsExactly("ea-infn@example.org", "ea-cesga@example.org", "ops-cesga@example.org");
            assertThat(p.nevras()).containsExactly("dpm-1.8.0-2.el9.x86_64", "dpm-libs-1.8.0-2.el9.x86_64");
        });
        assertThat(s.answer(ALICE, INFN, AnswerKind.ACCEPT, "again", PACKAGES_2.digest()).state()).isEqualTo("SOAK");
        assertThat(s.rollout().teams().get(INFN).history()).extracting(Answer::packageDigest)
                .containsExactly(Fixture.PACKAGES.digest(), PACKAGES_2.digest());
    }

    @Test
    void quorumOfTwoWaitsForTheSecondAccept() {
        RolloutService s = invited(RolloutPolicy.defaults().withMinAccepts(2));
        assertThat(s.answer(ALICE, INFN, AnswerKind.ACCEPT, null).state()).isEqualTo("AWAITING_ANSWERS");
        assertThat(s.answer(BOB, CESGA, AnswerKind.ACCEPT, null).state()).isEqualTo("SOAK");
    }

    @Test
    void answersFreezeAtSoakEndAndOverdueReportsEscalateOnce() {
        RolloutService s = invited(RolloutPolicy.defaults());
        s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
        f.clock.advance(Duration.ofDays(7));
        RolloutView v = s.tick();
        s.tick();
        assertThat(v.state()).isEqualTo("REPORTING");
        assertThat(f.sent).filteredOn(n -> n instanceof Notification.Escalation e && e.reason().equals("REPORTS_OVERDUE")).hasSize(1);
        assertThat(v.missingReports()).containsExactly("ea-NGI_IT-INFN-T1");

        v = s.extendSoak(MANAGER, 3);
        assertThat(v.state()).as("extending a finished soak reopens it").isEqualTo("SOAK");
        assertThat(v.soakEnd()).isEqualTo(START.plus(Duration.ofDays(8)));
    }

    @Test
    void duplicateAnswerChangesNothing() {
        RolloutService s = invited(RolloutPolicy.defaults());
        s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
        long seq = s.rollout().lastSeq();
        s.answerFromText(ALICE, "ACCEPT NGI_IT-INFN-T1");
        assertThat(s.rollout().lastSeq()).isEqualTo(seq);
    }

    @Test
    void abortEndsTheRollout() {
        RolloutService s = invited(RolloutPolicy.defaults());
        RolloutView v = s.abort(MANAGER, "superseded by 1.8.1");
        assertThat(v.state()).isEqualTo("ABORTED");
        assertThat(v.outcome()).isEqualTo("ABORTED");
        assertThat(v.reason()).isEqualTo("superseded by 1.8.1");
    }

    @Test
    void aRepeatedAnswerWithANewCommentIsKeptAndAPlainRepeatChangesNothing() {
        RolloutService s = invited(RolloutPolicy.defaults());
        s.answerFromText(ALICE, "accept NGI_IT-INFN-T1");
        long afterFirst = s.rollout().lastSeq();

        s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
        s.answerFromText(ALICE, "accept NGI_IT-INFN-T1");
        assertThat(s.rollout().lastSeq()).as("a second click or a mail delivered twice").isEqualTo(afterFirst);

        RolloutView v = s.answer(ALICE, INFN, AnswerKind.ACCEPT, "  installed on 3 CEs  ");
        assertThat(s.rollout().teams().get(INFN).history()).extracting(Answer::kind, Answer::comment)
                .containsExactly(tuple(AnswerKind.ACCEPT, null), tuple(AnswerKind.ACCEPT, "installed on 3 CEs"));
        assertThat(v.teams()).filteredOn(t -> t.team().equals(INFN.id())).singleElement()
                .extracting(TeamView::comment).isEqualTo("installed on 3 CEs");
        assertThat(v.state()).as("the soak is not restarted").isEqualTo("SOAK");
        assertThat(v.soakEnd()).isEqualTo(START.plus(Duration.ofDays(5)));

        long afterComment = s.rollout().lastSeq();
        s.answer(ALICE, INFN, AnswerKind.ACCEPT, "installed on 3 CEs");
        assertThat(s.rollout().lastSeq()).as("the same comment again").isEqualTo(afterComment);
    }

    @Test
    void aRepeatedRejectWithANewReasonIsKeptWithoutASecondEscalation() {
        RolloutService s = invited(RolloutPolicy.defaults());
        s.answer(BOB, CESGA, AnswerKind.REJECT, "breaks our SRM");
        s.answer(BOB, CESGA, AnswerKind.REJECT, "breaks our SRM: dpm-xrootd fails to start");
        assertThat(s.rollout().teams().get(CESGA).history()).extracting(Answer::comment)
                .containsExactly("breaks our SRM", "breaks our SRM: dpm-xrootd fails to start");
        assertThat(f.sent).filteredOn(n -> n instanceof Notification.Escalation e && e.reason().equals("REJECT_RECEIVED"))
                .hasSize(1);
    }

    @Test
    void invitingDuringReportingSaysToExtendTheSoakFirstAndWorksAfterwards() {
        RolloutService s = invited(RolloutPolicy.defaults());
        s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
        f.clock.advance(Duration.ofDays(5));
        assertThat(s.tick().state()).isEqualTo("REPORTING");
        long before = s.rollout().lastSeq();

        assertThatThrownBy(() -> s.invite(MANAGER, List.of(PRAGUE)))
                .isInstanceOf(RolloutException.class)
                .hasMessage("Cannot invite teams: " + s.rollout().release() + " is REPORTING (the soak ended "
                        + START.plus(Duration.ofDays(5)) + "), so a new team would have no time to run the update;"
                        + " extend the soak first (extend the soak by at least 5 days: the rollout returns to SOAK),"
                        + " then invite the teams");
        assertThat(s.rollout().lastSeq()).as("nothing recorded").isEqualTo(before);

        assertThat(s.extendSoak(MANAGER, 5).state()).isEqualTo("SOAK");
        RolloutView v = s.invite(MANAGER, List.of(PRAGUE));
        assertThat(v.teams()).extracting(TeamView::team).contains(PRAGUE.id());
    }
}
