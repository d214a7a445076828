package io.jenkins.plugins.stagedrollout.agent;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.PromotionResult;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import io.jenkins.plugins.stagedrollout.core.repo.TemporaryKeyring;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs one core repository operation on the agent that holds the repositories, with every line the engine
 * and createrepo_c print streamed to the build log. Each change writes the configuration it ran with to the root's
 * settings file, which the command-line tool reads. Invoked on a {@code FilePath} of the repository root.
 */
abstract class RepositoryCallable extends MasterToSlaveFileCallable<PromotionResult> {

    private static final long serialVersionUID = 1L;

    private final RepositorySpec spec;
    private final TaskListener listener;

    /** A secret key from the credentials store: travels with the call, is never stored (not in build.xml). */
    @CheckForNull
    private final byte[] signingKey;

    RepositoryCallable(RepositorySpec spec, TaskListener listener, @CheckForNull byte[] signingKey) {
        this.spec = spec;
        this.listener = listener;
        this.signingKey = signingKey == null ? null : signingKey.clone();
    }

    @Override
    public PromotionResult invoke(File root, VirtualChannel channel) throws IOException, InterruptedException {
        RepositorySpec here = spec.withRoot(root.getPath());
        byte[] key = signingKey;
        try {
            EngineOptions options = here.engineOptions(listener.getLogger()::println);
            if (key == null) {
                return run(RepositoryEngine.create(here.layout(), options).recordingSettings());
            }
            try (TemporaryKeyring keyring = importSigningKey(key)) {
                return run(RepositoryEngine.create(here.layout(), options.withSigning(keyring.signingOptions()))
                        .recordingSettings());
            }
        } catch (RepositoryException e) {
            // The engine's message names the problem and the fix, and the served repository is unchanged.
            throw new RepositoryOperationException(e.getMessage());
        }
    }

    /** The key file lives only while gpg imports it (owner-only, as Files.createTempFile makes it on POSIX). */
    private static TemporaryKeyring importSigningKey(byte[] key) throws IOException {
        Path keyFile = Files.createTempFile("staged-rollout-key-", ".asc");
        try {
            Files.write(keyFile, key);
            return TemporaryKeyring.importSecretKey(keyFile);
        } finally {
            Files.deleteIfExists(keyFile);
        }
    }

    abstract PromotionResult run(RepositoryEngine engine) throws IOException, InterruptedException;
}
