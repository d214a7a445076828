package io.jenkins.plugins.stagedrollout.core.rollout;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map handed to Pipeline scripts holds only plain values. */
class RolloutViewTest {
    @TempDir
    Path dir;

    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertPlain(v);
            });
        } else if (value instanceof List<?> l) {
            l.forEach(RolloutViewTest::assertPlain);
        } else {
            assertThat(value).isInstanceOfAny(String.class, Boolean.class, Integer.class);
        }
    }

    @Test
    void plainMapHasOutcomeStateAnswersAndTeams() {
        Fixture f = new Fixture();
        try (RolloutService s = f.open(dir.resolve("r.log"), RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, "go");
            Map<String, Object> m = s.view().toPlainMap();
            assertPlain(m);
            assertThat(m).containsEntry("outcome", "PENDING").containsEntry("state", "SOAK")
                    .containsEntry("accepted", List.of("ea-NGI_IT-INFN-T1")).containsEntry("rejected", List.of())
                    .containsEntry("silent", List.of("ea-NGI_IBERGRID-CESGA")).containsEntry("reports", 0)
                    .containsEntry("reported", List.of()).containsEntry("missingReports", List.of("ea-NGI_IT-INFN-T1"))
                    .containsEntry("quorumMet", true).containsEntry("soakEnd", "2026-11-30T09:00:00Z")
                    .containsEntry("reportsDue", "2026-12-02T09:00:00Z").containsEntry("reportsReminder", "2026-12-01T09:00:00Z")
                    .containsEntry("nextDeadline", "2026-11-25T21:00:00Z");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> teams = (List<Map<String, Object>>) m.get("teams");
            assertThat(teams.get(0)).containsEntry("team", "ea-NGI_IT-INFN-T1").containsEntry("status", "ACCEPTED")
                    .containsEntry("deadline", "2026-11-26T09:00:00Z").containsEntry("answeredBy", "alice");

            s.fileReport(ALICE, Fixture.report(INFN, Verdict.POSITIVE));
            assertThat(s.view().toPlainMap()).containsEntry("reports", 1).containsEntry("reported", List.of("ea-NGI_IT-INFN-T1"))
                    .containsEntry("missingReports", List.of()).as("no report missing, no reminder").containsEntry("reportsReminder", "");

            s.decide(MANAGER, Decision.ACCEPT, "fine");
            assertThat(s.view().toPlainMap()).containsEntry("outcome", "ACCEPT").containsEntry("reason", "fine")
                    .containsEntry("nextDeadline", "");
        }
    }

    @Test
    void theStartOfTheStagedRolloutIsKeptAcrossAReplay() {
        Fixture f = new Fixture();
        Path log = dir.resolve("r.log");
        try (RolloutService s = RolloutService.open(log, f.env, MANAGER, Fixture.RELEASE, RolloutPolicy.defaults(), Fixture.LINKS)) {
            assertThat(s.rollout().stagedRolloutStart()).as("still in verification").isEmpty();
            s.bindPackageSet(MANAGER, Fixture.PACKAGES);
            f.clock.advance(Duration.ofHours(3));
            s.startStagedRollout(MANAGER, "promoted untested -> testing");
            f.clock.advance(Duration.ofDays(2));
            s.invite(MANAGER, List.of(INFN));
            s.bindPackageSet(MANAGER, Fixture.PACKAGES_2);
            assertThat(s.rollout().stagedRolloutStart()).as("a new package set does not restart the count")
                    .contains(Fixture.START.plus(Duration.ofHours(3)));
        }
        try (RolloutService reloaded = RolloutService.load(log, f.env)) {
            assertThat(reloaded.rollout().stagedRolloutStart()).contains(Fixture.START.plus(Duration.ofHours(3)));
        }
    }
}
