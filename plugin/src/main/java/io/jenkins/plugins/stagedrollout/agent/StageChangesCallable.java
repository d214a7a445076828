package io.jenkins.plugins.stagedrollout.agent;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.stagedrollout.core.repo.ChangeRecord;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import java.io.File;
import java.io.Serializable;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads, on the agent that holds the repositories, what a stage serves now and the changes made outside any rollout
 * (by the command-line tool) since the stage served {@code snapshotId}: what a rollout that promoted into it left
 * there. Changes nothing. Invoked on a {@code FilePath} of the repository root.
 */
public final class StageChangesCallable extends MasterToSlaveFileCallable<StageChangesCallable.StageChanges> {

    private static final long serialVersionUID = 1L;

    private final RepositorySpec spec;
    private final String stage;
    private final String os;
    private final String arch;
    private final String snapshotId;

    public StageChangesCallable(RepositorySpec spec, String stage, String os, String arch, String snapshotId) {
        this.spec = spec;
        this.stage = stage;
        this.os = os;
        this.arch = arch;
        this.snapshotId = snapshotId;
    }

    /**
     * @param servedId the snapshot served now, null when none
     * @param outside  the changes made outside any rollout since the stage served the rollout's snapshot (all the log
     *                 keeps when it does not name that snapshot: a log begun after it), oldest first
     */
    public record StageChanges(String servedId, List<ChangeRecord> outside) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public StageChanges invoke(File root, VirtualChannel channel) {
        RepositorySpec here = spec.withRoot(root.getPath());
        RepositoryEngine engine = RepositoryEngine.create(here.layout(), here.engineOptions(line -> {}));
        List<ChangeRecord> changes = engine.changes(stage, os, arch);
        int ours = -1;
        for (int i = 0; i < changes.size(); i++) {
            if (snapshotId.equals(changes.get(i).snapshot())) {
                ours = i;
            }
        }
        List<ChangeRecord> since = changes.subList(ours + 1, changes.size()).stream()
                .filter(ChangeRecord::outsideRollouts)
                .toList();
        return new StageChanges(engine.servedSnapshot(stage, os, arch).orElse(null), since);
    }
}
