package io.jenkins.plugins.stagedrollout.core.notify;

import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** A message the process sends; {@link MailText} turns each into subject and body. */
public sealed interface Notification extends Serializable {
    Release release();

    List<String> recipients();

    /**
     * Sent to a team when it is invited: the rollout's links, the packages under test ({@code nevras}, empty before a
     * package set is bound) and how to answer.
     */
    record Invitation(Release release, List<String> recipients, TeamId team, ReleaseLinks links, Instant deadline,
                      String packageDigest, List<String> nevras) implements Notification {
        public Invitation {
            nevras = List.copyOf(nevras);
        }
    }

    /** Halfway to the deadline, to a team that has not answered. */
    record Reminder(Release release, List<String> recipients, TeamId team, ReleaseLinks links, Instant deadline,
                    List<String> nevras) implements Notification {
        public Reminder {
            nevras = List.copyOf(nevras);
        }
    }

    /** Why a team is sent the soak's dates. */
    enum SoakOccasion {
        /** Enough teams accepted: the soak starts now. */
        QUORUM_MET,
        /** The team accepted while the soak already ran. */
        ACCEPTED_DURING_SOAK,
        /** The manager moved the soak's end and the reports' due time. */
        SOAK_EXTENDED
    }

    /**
     * To one accepting team: the dates the engine uses for its soak, when quorum is met, when the team accepts during
     * the soak, and when the soak is extended. {@code accepted} of {@code minAccepts} required teams have accepted;
     * {@code nevras} (what to install) is empty for an extension, the team runs the packages already.
     */
    record SoakDates(Release release, List<String> recipients, TeamId team, SoakOccasion occasion, int accepted,
                     int minAccepts, Instant soakStart, Instant soakEnd, Instant reportsDue, ReleaseLinks links,
                     String packageDigest, List<String> nevras) implements Notification {
        public SoakDates {
            recipients = List.copyOf(recipients);
            nevras = List.copyOf(nevras);
        }
    }

    /** A day before the reports are due, to an accepting team that has not filed its report. */
    record ReportReminder(Release release, List<String> recipients, TeamId team, Instant reportsDue, ReleaseLinks links)
            implements Notification {
        public ReportReminder {
            recipients = List.copyOf(recipients);
        }
    }

    /** To the stack's managers: something needs a person. */
    record Escalation(Release release, List<String> recipients, String reason, List<TeamId> teams, String detail,
                      String answerPage) implements Notification {
    }

    /** To every invited team: the packages changed, earlier answers and reports no longer count. */
    record PackageSetChanged(Release release, List<String> recipients, String packageDigest, List<String> nevras,
                             Instant deadline, ReleaseLinks links) implements Notification {
    }

    /** To invited teams and managers: ACCEPT, REJECT or ABORTED, with the reason. */
    record Outcome(Release release, List<String> recipients, String outcome, String reason, String decidedBy)
            implements Notification {
    }
}
