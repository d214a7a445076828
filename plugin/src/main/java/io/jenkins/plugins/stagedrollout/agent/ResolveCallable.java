package io.jenkins.plugins.stagedrollout.agent;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.stagedrollout.core.repo.PackageSelection;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * The NEVRAs a promotion from one stage would move, read on the agent without changing anything, so that the
 * controller can ask the rollout whether they may go (production takes only what the Early Adopters tested).
 */
public final class ResolveCallable extends MasterToSlaveFileCallable<ArrayList<String>> {

    private static final long serialVersionUID = 1L;

    private final RepositorySpec spec;
    private final ArrayList<String> patterns;
    private final String stage;
    private final String os;
    private final String arch;

    public ResolveCallable(RepositorySpec spec, List<String> patterns, String stage, String os, String arch) {
        this.spec = spec;
        this.patterns = new ArrayList<>(patterns);
        this.stage = stage;
        this.os = os;
        this.arch = arch;
    }

    @Override
    public ArrayList<String> invoke(File root, VirtualChannel channel) throws RepositoryOperationException {
        RepositorySpec here = spec.withRoot(root.getPath());
        try {
            RepositoryEngine engine = RepositoryEngine.create(here.layout(), here.engineOptions(line -> {}));
            return new ArrayList<>(engine.resolve(stage, os, arch, PackageSelection.of(patterns)));
        } catch (RepositoryException e) {
            // The engine's message names the problem and the fix; nothing was changed.
            throw new RepositoryOperationException(e.getMessage());
        }
    }
}
