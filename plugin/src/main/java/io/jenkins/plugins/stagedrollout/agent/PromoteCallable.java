package io.jenkins.plugins.stagedrollout.agent;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.TaskListener;
import io.jenkins.plugins.stagedrollout.core.repo.DependencyOverride;
import io.jenkins.plugins.stagedrollout.core.repo.PackageSelection;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Brings the selected packages of one stage into the next: the core promotion, run on the agent. */
public final class PromoteCallable extends RepositoryCallable {

    private static final long serialVersionUID = 1L;

    private final ArrayList<String> patterns;
    private final String from;
    private final String to;
    private final String os;
    private final String arch;

    @CheckForNull
    private final DependencyOverride override;

    public PromoteCallable(
            RepositorySpec spec,
            TaskListener listener,
            @CheckForNull byte[] signingKey,
            List<String> patterns,
            String from,
            String to,
            String os,
            String arch,
            @CheckForNull DependencyOverride override) {
        super(spec, listener, signingKey);
        this.override = override;
        this.patterns = new ArrayList<>(patterns);
        this.from = from;
        this.to = to;
        this.os = os;
        this.arch = arch;
    }

    @Override
    PromotionResult run(RepositoryEngine engine) {
        return engine.promote(from, to, os, arch, PackageSelection.of(patterns), Optional.ofNullable(override));
    }
}
