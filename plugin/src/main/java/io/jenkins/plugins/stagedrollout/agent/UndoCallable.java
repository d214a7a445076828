package io.jenkins.plugins.stagedrollout.agent;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.TaskListener;
import io.jenkins.plugins.stagedrollout.core.repo.PackageSelection;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a rollout's promotions into one stage back, on the agent: the stage serves again what it served before
 * them, or, when it changed since, the packages they brought are withdrawn (the core's undo).
 */
public final class UndoCallable extends RepositoryCallable {

    private static final long serialVersionUID = 1L;

    private final String stage;
    private final String os;
    private final String arch;
    private final String publishedId;

    @CheckForNull
    private final String previousId;

    private final ArrayList<String> brought;

    public UndoCallable(
            RepositorySpec spec,
            TaskListener listener,
            @CheckForNull byte[] signingKey,
            String stage,
            String os,
            String arch,
            String publishedId,
            @CheckForNull String previousId,
            List<String> brought) {
        super(spec, listener, signingKey);
        this.stage = stage;
        this.os = os;
        this.arch = arch;
        this.publishedId = publishedId;
        this.previousId = previousId;
        this.brought = new ArrayList<>(brought);
    }

    @Override
    PromotionResult run(RepositoryEngine engine) {
        return engine.undo(stage, os, arch, publishedId, previousId, PackageSelection.of(brought));
    }
}
