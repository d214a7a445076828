package io.jenkins.plugins.stagedrollout.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.config.Words;
import io.jenkins.plugins.stagedrollout.core.report.Attachment;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.report.Metrics;
import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.util.Arrays;
import java.util.List;
import org.kohsuke.stapler.StaplerRequest2;

/** The report form's fields as the core's {@link EaReport}; the core validates the content. */
final class ReportForm {

    private ReportForm() {}

    static EaReport parse(StaplerRequest2 req, TeamId team) {
        String attachmentLink = Util.fixEmptyAndTrim(req.getParameter("attachment"));
        return new EaReport(
                team,
                verdict(req.getParameter("verdict")),
                req.getParameter("releaseNotesCorrect") != null,
                Util.fixEmptyAndTrim(req.getParameter("releaseNotesComment")),
                lines(req.getParameter("testsPerformed")),
                new Metrics(
                        count("jobsPerDay", req.getParameter("jobsPerDay")),
                        count("transfersPerDay", req.getParameter("transfersPerDay")),
                        Words.of(req.getParameter("vos"))),
                Util.fixEmptyAndTrim(req.getParameter("freeText")),
                attachmentLink == null ? null : Attachment.ofReference(fileName(attachmentLink), attachmentLink),
                lines(req.getParameter("relatedIssues")));
    }

    private static Verdict verdict(@CheckForNull String text) {
        for (Verdict v : Verdict.values()) {
            if (v.name().equalsIgnoreCase(Util.fixNull(text).trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException(Messages.ReportForm_BadVerdict(text));
    }

    @CheckForNull
    private static Integer count(String field, @CheckForNull String text) {
        String t = Util.fixEmptyAndTrim(text);
        if (t == null) {
            return null;
        }
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Messages.ReportForm_BadNumber(field, t));
        }
    }

    private static List<String> lines(@CheckForNull String text) {
        return Arrays.stream(Util.fixNull(text).split("\\R"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String fileName(String link) {
        String name = link.substring(link.lastIndexOf('/') + 1);
        return name.isEmpty() ? link : name;
    }
}
