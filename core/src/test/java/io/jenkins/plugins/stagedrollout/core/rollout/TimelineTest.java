package io.jenkins.plugins.stagedrollout.core.rollout;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.BOB;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history a rollout page shows is the event log read as sentences, with who and when; reports newest first. */
class TimelineTest {
    @TempDir
    Path dir;

    @Test
    void everyStepOfARolloutIsALineWithActorAndTime() {
        Fixture f = new Fixture();
        try (RolloutService s = f.open(dir.resolve("r.log"), RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            f.clock.advance(Duration.ofHours(1));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, "fine here");
            s.answer(BOB, CESGA, AnswerKind.ACCEPT, null);
            s.fileReport(ALICE, Fixture.report(INFN, Verdict.POSITIVE));
            f.clock.advance(Duration.ofMinutes(5));
            s.fileReport(BOB, Fixture.report(CESGA, Verdict.NEGATIVE));
            s.recordRepositoryChange(Actor.SYSTEM, "testing", "withdrawn", "Took testing/el9/x86_64 back\nsecond line");
            s.decide(MANAGER, Decision.REJECT, "CESGA's report");

            List<TimelineEntry> timeline = TimelineEntry.of(s.events());
            assertThat(timeline).extracting(TimelineEntry::kind).containsSubsequence(
                    "opened", "invited", "invited", "answered", "soak", "answered", "reported", "reported", "escalated",
                    "withdrawn", "decided");
            assertThat(timeline).extracting(TimelineEntry::text).contains(
                    "Invited ea-NGI_IT-INFN-T1",
                    "ea-NGI_IT-INFN-T1 answered accept: fine here",
                    "Quorum met: the soak started",
                    "ea-NGI_IBERGRID-CESGA filed a negative report",
                    "Withdrawn from testing: Took testing/el9/x86_64 back",
                    "Decided REJECT: CESGA's report");
            TimelineEntry answer = timeline.stream().filter(l -> l.kind().equals("answered")).findFirst().orElseThrow();
            assertThat(answer.actor()).isEqualTo("alice");
            assertThat(answer.at()).isEqualTo(Fixture.START.plus(Duration.ofHours(1)));

            List<TimelineEntry.FiledReport> reports = TimelineEntry.reports(s.events());
            assertThat(reports).extracting(r -> r.report().team()).containsExactly(CESGA, INFN);
            assertThat(reports.get(0).actor()).isEqualTo("bob");
            assertThat(reports.get(0).at()).isEqualTo(Fixture.START.plus(Duration.ofMinutes(65)));
        }
    }
}
