package io.jenkins.plugins.stagedrollout.core.report;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.BOB;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.PRAGUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.stagedrollout.core.rollout.AnswerKind;
import io.jenkins.plugins.stagedrollout.core.rollout.Decision;
import io.jenkins.plugins.stagedrollout.core.rollout.Fixture;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutPolicy;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryReportTest {
    @TempDir
    Path dir;

    private SummaryReport summaryOfADecidedRollout() {
        Fixture f = new Fixture();
        try (RolloutService s = f.open(dir.resolve("r.log"), RolloutPolicy.defaults().withMinAccepts(2))) {
            s.invite(MANAGER, List.of(INFN, CESGA, PRAGUE));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, "ok | will test");
            s.answer(BOB, CESGA, AnswerKind.ACCEPT, null);
            s.fileReport(ALICE, Fixture.report(INFN, Verdict.POSITIVE));
            s.fileReport(BOB, new EaReport(CESGA, Verdict.NEGATIVE, false, "the upgrade section misses the DB schema step",
                    List.of("fresh install", "upgrade"), new Metrics(null, 800, List.of("biomed")), "SRM copy fails under load",
                    Attachment.ofReference("ea-NGI_IBERGRID-CESGA-UMD-dpm-1.8.0-1.pdf", "https://documents.example.org/42"),
                    List.of("https://ggus.example.org/ticket/77")));
            f.clock.advance(Duration.ofDays(5));
            s.tick();
            s.decide(MANAGER, Decision.REJECT, "SRM copy regression at CESGA");
            return s.summary();
        }
    }

    @Test
    void jsonCarriesEveryAnswerAndReportAndReadsBack() {
        SummaryReport summary = summaryOfADecidedRollout();
        assertThat(summary.outcome()).isEqualTo("REJECT");
        assertThat(summary.answers()).extracting(TeamAnswerLine::team, TeamAnswerLine::answer).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ea-NGI_IT-INFN-T1", "ACCEPTED"),
                org.assertj.core.groups.Tuple.tuple("ea-NGI_IBERGRID-CESGA", "ACCEPTED"),
                org.assertj.core.groups.Tuple.tuple("ea-NGI_CZ-PRAGUE_LCG2", "INVITED"));
        String json = summary.toJson();
        assertThat(json).contains("\"release\" : \"Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64\"", "\"transfersPerDay\" : 800");
        assertThat(SummaryReport.fromJson(json)).isEqualTo(summary);
        assertThat(summary.fileName("json").fileName()).isEqualTo("summary-UMD-dpm-1.8.0-1.json");
    }

    @Test
    void markdownIsReadable() {
        String md = summaryOfADecidedRollout().toMarkdown();
        assertThat(md).startsWith("# Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64\n\n- Outcome: **REJECT** - SRM copy regression at CESGA\n");
        assertThat(md).contains(
                "| ea-NGI_IT-INFN-T1 | ACCEPTED | ok \\| will test |\n",
                "### ea-NGI_IBERGRID-CESGA-UMD-dpm-1.8.0-1.md\n\n- Verdict: NEGATIVE\n"
                        + "- Release notes correct: no - the upgrade section misses the DB schema step\n"
                        + "- Tests performed: fresh install; upgrade\n"
                        + "- Jobs per day: -, transfers per day: 800, VOs: biomed\n"
                        + "- Related issues: https://ggus.example.org/ticket/77\n"
                        + "- Attachment: ea-NGI_IBERGRID-CESGA-UMD-dpm-1.8.0-1.pdf at https://documents.example.org/42\n\n"
                        + "SRM copy fails under load\n");
    }

    @Test
    void reportsRefuseMissingOrAbsurdContent() {
        assertThatThrownBy(() -> new EaReport(INFN, Verdict.POSITIVE, true, null, List.of(" "), null, null, null, null))
                .hasMessage("Report of ea-NGI_IT-INFN-T1 lists no test performed; name at least one, e.g. 'upgrade from the previous version'");
        assertThatThrownBy(() -> new EaReport(INFN, Verdict.POSITIVE, false, "", List.of("upgrade"), null, null, null, null))
                .hasMessage("Report of ea-NGI_IT-INFN-T1 says the release notes are wrong but not why; add a release notes comment");
        assertThatThrownBy(() -> new Metrics(-5, null, null))
                .hasMessage("Report metric jobs per day = -5 is out of range; give 0 to 999999999 or leave it empty");
        assertThatThrownBy(() -> Attachment.ofBytes("x.odt", new byte[Attachment.MAX_BYTES + 1]))
                .hasMessage("Attachment x.odt is larger than 5242880 bytes; store it in the document server and give its reference instead");
    }
}
