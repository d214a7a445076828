package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.Serializable;
import java.util.List;

/**
 * What one engine call did, as plain values (safe to send from a Jenkins agent and to store).
 *
 * @param repository      e.g. {@code testing/el9/x86_64}
 * @param snapshotId      the snapshot served after the call (null when the repository has none)
 * @param packagesAdded   file names that appeared in the served repository
 * @param packagesRemoved file names that disappeared from it
 * @param changed         false when the call found everything already as asked (idempotent no-op)
 * @param message         one line for people
 */
public record PromotionResult(String repository, String snapshotId, List<String> packagesAdded,
                              List<String> packagesRemoved, boolean changed, String message) implements Serializable {

    public PromotionResult {
        packagesAdded = List.copyOf(packagesAdded);
        packagesRemoved = List.copyOf(packagesRemoved);
    }
}
