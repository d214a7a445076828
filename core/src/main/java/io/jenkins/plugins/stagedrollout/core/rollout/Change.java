package io.jenkins.plugins.stagedrollout.core.rollout;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.jenkins.plugins.stagedrollout.core.release.PackageSet;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What an {@link Event} changed. Everything computed from configuration (deadlines from the calendar, contacts
 * from the roster) is stored in the change itself, so replay needs neither and gives the same rollout.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Change.Opened.class, name = "Opened"),
    @JsonSubTypes.Type(value = Change.PackageSetBound.class, name = "PackageSetBound"),
    @JsonSubTypes.Type(value = Change.StagedRolloutStarted.class, name = "StagedRolloutStarted"),
    @JsonSubTypes.Type(value = Change.RepositoryChanged.class, name = "RepositoryChanged"),
    @JsonSubTypes.Type(value = Change.TeamInvited.class, name = "TeamInvited"),
    @JsonSubTypes.Type(value = Change.Answered.class, name = "Answered"),
    @JsonSubTypes.Type(value = Change.ReminderSent.class, name = "ReminderSent"),
    @JsonSubTypes.Type(value = Change.Escalated.class, name = "Escalated"),
    @JsonSubTypes.Type(value = Change.AnswerDeadlineExtended.class, name = "AnswerDeadlineExtended"),
    @JsonSubTypes.Type(value = Change.QuorumChanged.class, name = "QuorumChanged"),
    @JsonSubTypes.Type(value = Change.SoakStarted.class, name = "SoakStarted"),
    @JsonSubTypes.Type(value = Change.SoakExtended.class, name = "SoakExtended"),
    @JsonSubTypes.Type(value = Change.SoakEnded.class, name = "SoakEnded"),
    @JsonSubTypes.Type(value = Change.ReportsReminded.class, name = "ReportsReminded"),
    @JsonSubTypes.Type(value = Change.ReportFiled.class, name = "ReportFiled"),
    @JsonSubTypes.Type(value = Change.Decided.class, name = "Decided"),
    @JsonSubTypes.Type(value = Change.Aborted.class, name = "Aborted"),
})
public sealed interface Change extends Serializable {

    record Opened(Release release, RolloutPolicy policy, ReleaseLinks links) implements Change {
    }

    /** First binding, or a new package set: answers for the old digest stop counting, reports are dropped. */
    record PackageSetBound(PackageSet packages, List<TeamDeadline> newDeadlines) implements Change {
        public PackageSetBound {
            newDeadlines = List.copyOf(newDeadlines);
        }
    }

    record StagedRolloutStarted(String note) implements Change {
    }

    /** A repository move done by the host (untested to testing, testing to production, removal). */
    record RepositoryChanged(String from, String to, String detail) implements Change {
    }

    record TeamInvited(TeamId team, List<String> contacts, Instant deadline, Instant remindAt) implements Change {
        public TeamInvited {
            contacts = List.copyOf(contacts);
        }
    }

    record Answered(TeamId team, AnswerKind kind, String comment, String via) implements Change {
    }

    record ReminderSent(TeamId team) implements Change {
    }

    record Escalated(EscalationReason reason, List<TeamId> teams, String detail) implements Change {
        public Escalated {
            teams = List.copyOf(teams);
        }
    }

    record AnswerDeadlineExtended(int workingDays, List<TeamDeadline> newDeadlines) implements Change {
        public AnswerDeadlineExtended {
            newDeadlines = List.copyOf(newDeadlines);
        }
    }

    /** The manager's new {@code minAccepts}, replacing the policy's from this event on. */
    record QuorumChanged(int minAccepts) implements Change {
    }

    record SoakStarted(Instant soakEnd, Instant reportsDue) implements Change {
    }

    record SoakExtended(int days, Instant soakEnd, Instant reportsDue) implements Change {
    }

    record SoakEnded() implements Change {
    }

    /**
     * One day before {@code reportsDue}, the accepting teams whose report was missing were reminded; once per due
     * time (a soak extension or a new package set sets a new one). The due time is kept so the history reads alone.
     */
    record ReportsReminded(List<TeamId> teams, Instant reportsDue) implements Change {
        public ReportsReminded {
            teams = List.copyOf(teams);
        }
    }

    record ReportFiled(EaReport report) implements Change {
    }

    record Decided(Decision decision, String reason, boolean automatic) implements Change {
    }

    record Aborted(String reason) implements Change {
    }

    /** A team's (new) acknowledgement deadline and reminder time. */
    record TeamDeadline(TeamId team, Instant deadline, Instant remindAt) implements Serializable {
    }
}
