package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.Serializable;

/**
 * Publishes a promotion although requirements stay unmet, on someone's word: who and why are logged and kept
 * with the result (a Staged Rollout records them among the rollout's events).
 */
public record DependencyOverride(String who, String why) implements Serializable {

    /** Kept with the rollout's events, whose texts have a bounded length. */
    public static final int MAX_REASON = 1000;

    public DependencyOverride {
        if (who == null || who.isBlank()) {
            throw RepositoryException.badInput("Allowing broken dependencies needs the name of who allows them.", "Give a user name.");
        }
        if (why == null || why.isBlank()) {
            throw RepositoryException.badInput("Allowing broken dependencies needs a reason.",
                    "Say why the release may be published anyway, e.g. 'libfoo 2.1 enters EPEL tomorrow'.");
        }
        who = who.strip();
        why = why.strip();
        if (why.length() > MAX_REASON) {
            throw RepositoryException.badInput("The reason for allowing broken dependencies has " + why.length() + " characters.",
                    "Shorten it to " + MAX_REASON + " or less (link to a ticket for the details).");
        }
    }
}
