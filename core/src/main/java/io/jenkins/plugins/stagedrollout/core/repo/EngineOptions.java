package io.jenkins.plugins.stagedrollout.core.repo;

import io.jenkins.plugins.stagedrollout.core.closure.MetadataCompression;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the engine runs its tools and keeps its snapshots. Start from {@link #defaults()} and change
 * what differs with the {@code with...} methods.
 *
 * @param createrepoCommand createrepo_c executable (a name looked up on PATH, or a full path)
 * @param toolTimeout       how long createrepo_c or gpg may run before it is killed
 * @param snapshotsToKeep   snapshots kept per repository: the N most recently served states, the served one included (withdrawn ones go first)
 * @param signing           sign repomd.xml when present
 * @param lockLease         a lock older than this is considered abandoned (e.g. its host died)
 * @param outputSink        receives every progress line and every line createrepo_c/gpg print
 * @param sqliteDatabases   also write the sqlite databases ({@code createrepo_c --database}); off by default, as in
 *                          createrepo_c 1.0: dnf never reads them, only yum 3 (EL7 and older) prefers them, and they
 *                          double createrepo_c's time
 * @param dependencies      which promotions check dependencies, against which base repositories
 * @param metadataCompression how createrepo_c compresses the metadata it writes ({@code --general-compress-type});
 *                          empty: as the host's createrepo_c does by default (gzip before 1.0, zstd from 1.0 on). The
 *                          engine reads all of them; set it for clients older than the host (EL7's yum reads no zstd)
 */
public record EngineOptions(String createrepoCommand, Duration toolTimeout, int snapshotsToKeep,
                            Optional<SigningOptions> signing, Duration lockLease, Consumer<String> outputSink,
                            boolean sqliteDatabases, DependencyOptions dependencies,
                            Optional<MetadataCompression> metadataCompression) {

    public EngineOptions {
        if (createrepoCommand == null || createrepoCommand.isBlank()) {
            createrepoCommand = "createrepo_c";
        }
        if (toolTimeout == null || toolTimeout.isNegative() || toolTimeout.isZero()) {
            throw RepositoryException.badInput("The tool timeout must be positive, not " + toolTimeout + ".", "Give e.g. 10 minutes.");
        }
        if (snapshotsToKeep < 1) {
            throw RepositoryException.badInput("At least one snapshot must be kept, not " + snapshotsToKeep + ".",
                    "Keep 2 or more so that a rollback has somewhere to go.");
        }
        if (lockLease == null || lockLease.isNegative() || lockLease.isZero()) {
            throw RepositoryException.badInput("The lock lease must be positive, not " + lockLease + ".", "Give e.g. 2 hours.");
        }
        signing = signing == null ? Optional.empty() : signing;
        outputSink = outputSink == null ? line -> { } : outputSink;
        dependencies = dependencies == null ? DependencyOptions.defaults() : dependencies;
        metadataCompression = metadataCompression == null ? Optional.empty() : metadataCompression;
    }

    public static EngineOptions defaults() {
        return new EngineOptions("createrepo_c", Duration.ofMinutes(30), 5, Optional.empty(), Duration.ofHours(2), line -> { }, false, DependencyOptions.defaults(),
                Optional.empty());
    }

    public EngineOptions withCreaterepoCommand(String command) {
        return new EngineOptions(command, toolTimeout, snapshotsToKeep, signing, lockLease, outputSink, sqliteDatabases, dependencies, metadataCompression);
    }

    public EngineOptions withToolTimeout(Duration timeout) {
        return new EngineOptions(createrepoCommand, timeout, snapshotsToKeep, signing, lockLease, outputSink, sqliteDatabases, dependencies, metadataCompression);
    }

    public EngineOptions withSnapshotsToKeep(int keep) {
        return new EngineOptions(createrepoCommand, toolTimeout, keep, signing, lockLease, outputSink, sqliteDatabases, dependencies, metadataCompression);
    }

    public EngineOptions withSigning(SigningOptions signingOptions) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, Optional.ofNullable(signingOptions), lockLease, outputSink, sqliteDatabases, dependencies, metadataCompression);
    }

    public EngineOptions withLockLease(Duration lease) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, signing, lease, outputSink, sqliteDatabases, dependencies, metadataCompression);
    }

    public EngineOptions withOutputSink(Consumer<String> sink) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, signing, lockLease, sink, sqliteDatabases, dependencies, metadataCompression);
    }

    public EngineOptions withDependencies(DependencyOptions dependencyOptions) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, signing, lockLease, outputSink, sqliteDatabases, dependencyOptions, metadataCompression);
    }

    public EngineOptions withSqliteDatabases(boolean databases) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, signing, lockLease, outputSink, databases, dependencies, metadataCompression);
    }

    /** @param compression null: as the host's createrepo_c writes by default */
    public EngineOptions withMetadataCompression(MetadataCompression compression) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, signing, lockLease, outputSink, sqliteDatabases, dependencies,
                Optional.ofNullable(compression));
    }

    /**
     * The setting as a configuration holds it.
     *
     * @param setting gz, xz, bz2 or zstd; null or blank: as the host's createrepo_c writes by default
     * @throws RepositoryException (bad input) naming the values that work
     */
    public EngineOptions withMetadataCompression(String setting) {
        if (setting == null || setting.isBlank()) {
            return withMetadataCompression((MetadataCompression) null);
        }
        try {
            return withMetadataCompression(MetadataCompression.ofSetting(setting));
        } catch (IllegalArgumentException e) {
            throw RepositoryException.badInput(e.getMessage(), "Give one of " + MetadataCompression.settings()
                    + ", or nothing to write what the host's createrepo_c writes by default.");
        }
    }
}
