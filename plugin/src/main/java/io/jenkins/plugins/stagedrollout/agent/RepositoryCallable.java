package io.jenkins.plugins.stagedrollout.agent;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs one core repository operation on the agent that holds the repositories, with every line the engine
 * and createrepo_c print streamed to the build log. Invoked on a {@code FilePath} of the repository root.
 */
abstract class RepositoryCallable extends MasterToSlaveFileCallable<PromotionResult> {

    private static final long serialVersionUID = 1L;

    private final RepositorySpec spec;
    private final TaskListener listener;

    RepositoryCallable(RepositorySpec spec, TaskListener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    @Override
    public PromotionResult invoke(File root, VirtualChannel channel) throws IOException, InterruptedException {
        try {
            RepositoryEngine engine = RepositoryEngine.create(
                    spec.withRoot(root.getPath()).layout(), spec.engineOptions(listener.getLogger()::println));
            return run(engine);
        } catch (RepositoryException e) {
            // The engine's message names the problem and the fix, and the served repository is unchanged.
            throw new RepositoryOperationException(e.getMessage());
        }
    }

    abstract PromotionResult run(RepositoryEngine engine) throws IOException, InterruptedException;
}
