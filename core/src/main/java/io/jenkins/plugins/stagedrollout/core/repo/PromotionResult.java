package io.jenkins.plugins.stagedrollout.core.repo;

import io.jenkins.plugins.stagedrollout.core.closure.ClosureReport;
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
 * @param selectedNevras  NEVRA (as dnf prints it, epoch only when not 0) of every package the selection
 *                        named, read from the RPM headers (by createrepo_c into the new snapshot's metadata,
 *                        or by the engine when it selects by NEVRA or name, withdraws, or changes nothing):
 *                        for a promotion those added and those already there, for a withdrawal those
 *                        removed, none for a rollback. File names are not
 *                        NEVRAs (epochs, renamed files), so bind a release's package set to these.
 * @param replacedSnapshotId the snapshot served before the call, null when the repository had none: what
 *                        {@link RepositoryEngine#undo} serves again to take the call back
 * @param dependencyReport what the dependency check of a promotion found (unmet requirements only when an override
 *                        allowed them); null when the stage is not checked or the call was no promotion
 */
public record PromotionResult(String repository, String snapshotId, List<String> packagesAdded,
                              List<String> packagesRemoved, boolean changed, String message,
                              List<String> selectedNevras, String replacedSnapshotId, ClosureReport dependencyReport)
        implements Serializable {

    public PromotionResult {
        packagesAdded = List.copyOf(packagesAdded);
        packagesRemoved = List.copyOf(packagesRemoved);
        selectedNevras = List.copyOf(selectedNevras);
    }

    /** A result without a dependency check (withdrawals, rollbacks, no-ops). */
    public PromotionResult(String repository, String snapshotId, List<String> packagesAdded, List<String> packagesRemoved, boolean changed,
                           String message, List<String> selectedNevras, String replacedSnapshotId) {
        this(repository, snapshotId, packagesAdded, packagesRemoved, changed, message, selectedNevras, replacedSnapshotId, null);
    }
}
