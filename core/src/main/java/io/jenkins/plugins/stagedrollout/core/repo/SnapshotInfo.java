package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.Serializable;
import java.util.Locale;

/**
 * One retained snapshot of a repository.
 *
 * @param served       the one clients see now
 * @param lastServedAt when it was last served (publication, rollback or undo); null when never or unknown (a snapshot
 *                     made before the history was journaled)
 * @param state        what it is to the history: what {@code rollback --previous} would serve, withdrawn...
 * @param change       the last change after which it was served (who, when, what, why); null when none is recorded (changes
 *                     made before the change log, or a snapshot never served)
 * @param signed       its repomd.xml is signed (repodata/repomd.xml.asc)
 */
public record SnapshotInfo(String id, String createdAt, int packageCount, boolean served, String lastServedAt, State state,
                           ChangeRecord change, boolean signed)
        implements Serializable {

    /** A snapshot without a recorded change, unsigned (as before the change log). */
    public SnapshotInfo(String id, String createdAt, int packageCount, boolean served, String lastServedAt, State state) {
        this(id, createdAt, packageCount, served, lastServedAt, state, null, false);
    }

    public enum State {
        /** Served now. */
        SERVED,
        /** The state served before the current one: what a rollback by one step serves. */
        PREVIOUS,
        /** Served earlier, may be served again by id. */
        RETAINED,
        /** Taken out of service because its content was withdrawn: never offered as the previous state, pruned first. */
        WITHDRAWN,
        /** Completed but never served (its writer was killed before the switch): pruned first. */
        NEVER_SERVED;

        /** As {@code snapshots} prints it: {@code never served}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }
}
