package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.Serializable;

/**
 * Who makes the changes of an engine, through what, and why; kept with each change in the repository's change
 * log ({@link ChangeLog}), so a change made at night on the host can be told from one a rollout made.
 *
 * @param who        the person (the OS user of the command-line tool) or the system that changes the stage
 * @param via        {@link #CLI} or {@link #JENKINS}
 * @param why        the reason given; null when none was asked for
 * @param unsigned   a signed stage may get an unsigned snapshot (needs {@code why})
 * @param outOfOrder a promotion that skips a stage or goes backwards (needs {@code why})
 */
public record ChangeNote(String who, String via, String why, boolean unsigned, boolean outOfOrder) implements Serializable {

    public static final String CLI = "cli";
    public static final String JENKINS = "jenkins";

    public ChangeNote {
        if (who == null || who.isBlank()) {
            who = "unknown";
        }
        if (via == null || via.isBlank()) {
            via = JENKINS;
        }
        why = why == null || why.isBlank() ? null : why.strip();
        if ((unsigned || outOfOrder) && why == null) {
            throw RepositoryException.badInput("An " + (unsigned ? "unsigned" : "out-of-order") + " change needs a reason.",
                    "Say why, e.g. 'key lost, new key requested in ticket 1234'.");
        }
        if (why != null && why.length() > DependencyOverride.MAX_REASON) {
            throw RepositoryException.badInput("The reason has " + why.length() + " characters.",
                    "Shorten it to " + DependencyOverride.MAX_REASON + " or less (link to a ticket for the details).");
        }
    }

    /** A change made by Jenkins for a rollout: no reason asked for, no exception to the rules. */
    public static ChangeNote jenkins() {
        return new ChangeNote("jenkins", JENKINS, null, false, false);
    }
}
