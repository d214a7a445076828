package io.jenkins.plugins.stagedrollout.core.report;

import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.io.Serializable;
import java.util.List;

/**
 * One EA team's staged rollout report (seed step 12): are the release notes correct, what was tested, production
 * metrics, free text, an optional attachment, and related issue links (the seed's RelatedGGUSTickets).
 */
public record EaReport(TeamId team, Verdict verdict, boolean releaseNotesCorrect, String releaseNotesComment,
                       List<String> testsPerformed, Metrics metrics, String freeText, Attachment attachment,
                       List<String> relatedIssues) implements Serializable {

    public EaReport {
        if (team == null || verdict == null) {
            throw new InvalidNameException("A report needs the team and a verdict (POSITIVE or NEGATIVE)");
        }
        testsPerformed = List.copyOf(testsPerformed == null ? List.of() : testsPerformed.stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList());
        if (testsPerformed.isEmpty()) {
            throw new InvalidNameException("Report of " + team + " lists no test performed; name at least one, e.g. 'upgrade from the previous version'");
        }
        if (!releaseNotesCorrect && (releaseNotesComment == null || releaseNotesComment.isBlank())) {
            throw new InvalidNameException("Report of " + team + " says the release notes are wrong but not why; add a release notes comment");
        }
        metrics = metrics == null ? Metrics.none() : metrics;
        relatedIssues = List.copyOf(relatedIssues == null ? List.of() : relatedIssues);
        relatedIssues.forEach(ReleaseLinks::checkUrl);
    }

    public boolean positive() {
        return verdict == Verdict.POSITIVE;
    }
}
