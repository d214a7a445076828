package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.SigningOptions;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the repositories are and how the engine runs: shared by every command (a picocli mixin). */
final class RepositoryOptions {

    @Option(names = {"-r", "--root"}, required = true, paramLabel = "DIR", description = "Directory holding the stage repositories.")
    Path root;

    @Option(names = "--layout", paramLabel = "TEMPLATE", defaultValue = StageLayout.DEFAULT_TEMPLATE,
            description = "Path of one repository under the root (default: ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--stages", paramLabel = "NAMES", split = ",", defaultValue = "untested,testing,production",
            description = "Stage names, in promotion order (default: ${DEFAULT-VALUE}).")
    List<String> stages;

    @Option(names = "--createrepo", paramLabel = "CMD", defaultValue = "createrepo_c", description = "createrepo_c executable (default: ${DEFAULT-VALUE}).")
    String createrepo;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "Time createrepo_c/gpg may run, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "5", description = "Snapshots kept per repository (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--lock-lease", paramLabel = "DURATION", defaultValue = "PT2H",
            description = "A lock older than this (from another host) is broken as stale (default: ${DEFAULT-VALUE}).")
    Duration lease;

    @Option(names = "--gpg-home", paramLabel = "DIR", description = "Sign repomd.xml with gpg using this GnuPG home (with --gpg-key).")
    Path gpgHome;

    @Option(names = "--gpg-key", paramLabel = "KEY", description = "Key id, fingerprint or e-mail to sign repomd.xml with.")
    String gpgKey;

    @Option(names = "--sqlite-databases", description = "Also write the sqlite databases (createrepo_c --database), which only yum 3 "
            + "(EL7 and older) reads; dnf reads the XML metadata alone.")
    boolean sqliteDatabases;

    @Option(names = {"-q", "--quiet"}, description = "Do not print progress and createrepo_c output (on standard error).")
    boolean quiet;

    RepositoryEngine engine(PrintWriter progress) {
        EngineOptions options = EngineOptions.defaults()
                .withCreaterepoCommand(createrepo)
                .withToolTimeout(timeout)
                .withSnapshotsToKeep(keep)
                .withLockLease(lease)
                .withSqliteDatabases(sqliteDatabases)
                .withOutputSink(quiet ? line -> { } : line -> {
                    progress.println(line);
                    progress.flush();
                });
        if (gpgHome != null || gpgKey != null) {
            options = options.withSigning(new SigningOptions("gpg", gpgHome, gpgKey));
        }
        return RepositoryEngine.create(StageLayout.of(root, template, stages), options);
    }
}
