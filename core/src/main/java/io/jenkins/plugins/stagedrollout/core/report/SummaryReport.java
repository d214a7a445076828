package io.jenkins.plugins.stagedrollout.core.report;

import java.io.Serializable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.release.SummaryFileName;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The manager's summary of a rollout (seed step 13): every team's answer and every report, as JSON for machines
 * and Markdown for people, under the conventional name {@code summary-<MW stack>-<component>-<version>.<ext>}.
 */
public record SummaryReport(Release release, String packageDigest, List<String> packages, String outcome, String reason,
                            List<TeamAnswerLine> answers, List<EaReport> reports) implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    public SummaryReport {
        packages = List.copyOf(packages);
        answers = List.copyOf(answers);
        reports = List.copyOf(reports);
    }

    public SummaryFileName fileName(String extension) {
        return SummaryFileName.of(release, extension);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Summary of " + release + " cannot be written as JSON", e);
        }
    }

    public static SummaryReport fromJson(String json) {
        try {
            return JSON.readValue(json, SummaryReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a staged rollout summary: " + e.getOriginalMessage(), e);
        }
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(release.ticketTitle()).append("\n\n");
        md.append("- Outcome: **").append(outcome).append("**").append(reason == null ? "" : " - " + oneLine(reason)).append('\n');
        md.append("- Package set: sha256 `").append(packageDigest).append("` (").append(packages.size()).append(" packages)\n\n");
        md.append("## Answers\n\n| Team | Answer | Comment |\n|---|---|---|\n");
        for (TeamAnswerLine a : answers) {
            md.append("| ").append(a.team()).append(" | ").append(a.answer()).append(" | ").append(cell(a.comment())).append(" |\n");
        }
        md.append("\n## Reports\n");
        if (reports.isEmpty()) {
            md.append("\nNo report was filed.\n");
        }
        for (EaReport r : reports) {
            md.append("\n### ").append(ReportFileName.of(r.team(), release, "md").fileName()).append("\n\n");
            md.append("- Verdict: ").append(r.verdict()).append('\n');
            md.append("- Release notes correct: ").append(r.releaseNotesCorrect() ? "yes" : "no")
                    .append(r.releaseNotesComment() == null ? "" : " - " + oneLine(r.releaseNotesComment())).append('\n');
            md.append("- Tests performed: ").append(r.testsPerformed().stream().map(SummaryReport::oneLine)
                    .collect(Collectors.joining("; "))).append('\n');
            md.append("- Jobs per day: ").append(orDash(r.metrics().jobsPerDay())).append(", transfers per day: ")
                    .append(orDash(r.metrics().transfersPerDay())).append(", VOs: ")
                    .append(r.metrics().vos().isEmpty() ? "-" : String.join(", ", r.metrics().vos())).append('\n');
            if (!r.relatedIssues().isEmpty()) {
                md.append("- Related issues: ").append(String.join(", ", r.relatedIssues())).append('\n');
            }
            if (r.attachment() != null) {
                md.append("- Attachment: ").append(r.attachment().name())
                        .append(r.attachment().reference() == null ? " (stored)" : " at " + r.attachment().reference()).append('\n');
            }
            if (r.freeText() != null && !r.freeText().isBlank()) {
                md.append("\n").append(r.freeText().strip()).append('\n');
            }
        }
        return md.toString();
    }

    private static String orDash(Integer i) {
        return i == null ? "-" : i.toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String cell(String s) {
        return s == null ? "" : oneLine(s).replace("|", "\\|");
    }
}
