package io.jenkins.plugins.stagedrollout.agent;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.TaskListener;
import io.jenkins.plugins.stagedrollout.core.repo.PackageSelection;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import java.util.ArrayList;
import java.util.List;

/** Takes the packages of a rejected release out of a stage: the core withdrawal, run on the agent. */
public final class WithdrawCallable extends RepositoryCallable {

    private static final long serialVersionUID = 1L;

    private final ArrayList<String> patterns;
    private final String stage;
    private final String os;
    private final String arch;

    public WithdrawCallable(
            RepositorySpec spec,
            TaskListener listener,
            @CheckForNull byte[] signingKey,
            List<String> patterns,
            String stage,
            String os,
            String arch) {
        super(spec, listener, signingKey);
        this.patterns = new ArrayList<>(patterns);
        this.stage = stage;
        this.os = os;
        this.arch = arch;
    }

    @Override
    PromotionResult run(RepositoryEngine engine) {
        return engine.withdraw(stage, os, arch, PackageSelection.of(patterns));
    }
}
