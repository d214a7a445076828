package io.jenkins.plugins.stagedrollout.core.repo;

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
 */
public record EngineOptions(String createrepoCommand, Duration toolTimeout, int snapshotsToKeep,
                            Optional<SigningOptions> signing, Duration lockLease, Consumer<String> outputSink,
                            boolean sqliteDatabases, DependencyOptions dependencies) {

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
    }

    public static EngineOptions defaults() {
        return new EngineOptions("createrepo_c", Duration.ofMinutes(30), 5, Optional.empty(), Duration.ofHours(2), line -> { }, false, DependencyOptions.defaults());
    }

    public EngineOptions withCreaterepoCommand(String command) {
        return new EngineOptions(command, toolTimeout, snapshotsToKeep, signing, lockLease, outputSink, sqliteDatabases, dependencies);
    }

    public EngineOptions withToolTimeout(Duration timeout) {
        return new EngineOptions(createrepoCommand, timeout, snapshotsToKeep, signing, lockLease, outputSink, sqliteDatabases, dependencies);
    }

    public EngineOptions withSnapshotsToKeep(int keep) {
        return new EngineOptions(createrepoCommand, toolTimeout, keep, signing, lockLease, outputSink, sqliteDatabases, dependencies);
    }

    public EngineOptions withSigning(SigningOptions signingOptions) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, Optional.ofNullable(signingOptions), lockLease, outputSink, sqliteDatabases, dependencies);
    }

    public EngineOptions withLockLease(Duration lease) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, signing, lease, outputSink, sqliteDatabases, dependencies);
    }

    public EngineOptions withOutputSink(Consumer<String> sink) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, signing, lockLease, sink, sqliteDatabases, dependencies);
    }

    public EngineOptions withDependencies(DependencyOptions dependencyOptions) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, signing, lockLease, outputSink, sqliteDatabases, dependencyOptions);
    }

    public EngineOptions withSqliteDatabases(boolean databases) {
        return new EngineOptions(createrepoCommand, toolTimeout, snapshotsToKeep, signing, lockLease, outputSink, databases, dependencies);
    }
}
