package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.closure.MetadataCompression;
import io.jenkins.plugins.stagedrollout.core.repo.DependencyOptions;
import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RootSettings;
import io.jenkins.plugins.stagedrollout.core.repo.TemporaryKeyring;
import io.jenkins.plugins.stagedrollout.core.repo.SigningOptions;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Option(names = "--keep", paramLabel = "N", defaultValue = "5", description = "Snapshots kept per repository: the N most recently served states, the served one included; withdrawn ones go first (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--metadata-compression", paramLabel = "TYPE", converter = CompressionSetting.class,
            description = "Compression of the metadata createrepo_c writes: gz, xz, bz2 or zstd (createrepo_c 1.0 and later). Default: "
                    + "createrepo_c's own (gz before 1.0, zstd from 1.0 on). Pin gz for clients older than this host (EL7's yum reads no zstd).")
    MetadataCompression metadataCompression;

    @Option(names = "--base-repo", paramLabel = "OS/ARCH=LOCATION", description = "A base repository the clients of OS/ARCH also enable "
            + "(BaseOS, AppStream, EPEL): an absolute path or a file:, http: or https: URL of the folder holding repodata/. Repeat it for "
            + "each; the dependency check counts their packages as providers.")
    List<String> baseRepositories = new ArrayList<>();

    @Option(names = "--check-earlier-stages", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Check dependencies on promotions into the stages before the last one (testing) too; the last stage "
                    + "(production) is always checked (default: on; --no-check-earlier-stages turns it off).")
    boolean checkEarlierStages;

    @Option(names = "--multilib", description = "Count 32-bit packages (i686 on x86_64) as providers, as a client with multilib does.")
    boolean multilib;

    @Option(names = "--gpg-key-file", paramLabel = "FILE", description = "Sign repomd.xml with the armored secret key in FILE (e.g. exported "
            + "from the Jenkins signing credential), imported into a temporary GnuPG home for this call only.")
    Path gpgKeyFile;

    @Option(names = "--override-settings", description = "Use the options given even where they contradict the settings the repository "
            + "root keeps (" + RootSettings.FILE + ", written by Jenkins), for this call only.")
    boolean overrideSettings;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The keyring of --gpg-key-file, removed when the command ends ({@link #close()}). */
    private TemporaryKeyring keyring;

    @Option(names = {"-q", "--quiet"}, description = "Do not print progress and createrepo_c output (on standard error).")
    boolean quiet;

    RepositoryEngine engine(PrintWriter progress) {
        SettingsMerge settings = new SettingsMerge(root, overrideSettings);
        Optional<RootSettings> kept = settings.kept();
        String layout = settings.pick("--layout", given("--layout"), template, kept.map(RootSettings::layout).orElse(null), text -> text);
        List<String> stageNames = settings.pick("--stages", given("--stages"), stages, kept.map(RootSettings::stages).orElse(null),
                names -> String.join(",", names));
        int snapshots = settings.pick("--keep", given("--keep"), keep, kept.map(RootSettings::keep).orElse(null), String::valueOf);
        DependencyOptions dependencies = dependencies();
        Map<String, List<String>> bases = settings.pick("--base-repo", !baseRepositories.isEmpty(), dependencies.baseRepositories(),
                kept.map(RootSettings::baseRepositories).orElse(null), SettingsMerge::describeBases);
        String compression = settings.pick("--metadata-compression", metadataCompression != null,
                metadataCompression == null ? null : metadataCompression.setting(), kept.map(RootSettings::metadataCompression).orElse(null), text -> text);
        boolean signs = gpgHome != null || gpgKey != null || gpgKeyFile != null;
        if (signs) {
            settings.requireSigned();
        }
        String keyId = settings.pick("--gpg-key", gpgKey != null, gpgKey, kept.map(RootSettings::signingKeyId).orElse(null), text -> text);
        EngineOptions options = EngineOptions.defaults()
                .withCreaterepoCommand(createrepo)
                .withToolTimeout(timeout)
                .withSnapshotsToKeep(snapshots)
                .withLockLease(lease)
                .withSqliteDatabases(sqliteDatabases)
                .withMetadataCompression(compression)
                .withDependencies(new DependencyOptions(dependencies.checkEarlierStages(), bases, dependencies.multilib()))
                .withOutputSink(quiet ? line -> { } : line -> {
                    progress.println(line);
                    progress.flush();
                });
        if (gpgKeyFile != null) {
            keyring = TemporaryKeyring.importSecretKey(gpgKeyFile);
            options = options.withSigning(keyring.signingOptions());
        } else if (gpgHome != null || gpgKey != null) {
            // the key id may come from the root's settings: --gpg-home alone signs with the key Jenkins signs with
            options = options.withSigning(new SigningOptions("gpg", gpgHome, keyId));
        }
        return RepositoryEngine.create(StageLayout.of(root, layout, stageNames), options);
    }

    /** The layout to read under the root: the options given, else the root's settings, as a change would use. */
    StageLayout layout() {
        SettingsMerge settings = new SettingsMerge(root, overrideSettings);
        Optional<RootSettings> kept = settings.kept();
        String layout = settings.pick("--layout", given("--layout"), template, kept.map(RootSettings::layout).orElse(null), text -> text);
        List<String> stageNames = settings.pick("--stages", given("--stages"), stages, kept.map(RootSettings::stages).orElse(null),
                names -> String.join(",", names));
        return StageLayout.of(root, layout, stageNames);
    }

    private boolean given(String option) {
        return command.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Removes the temporary keyring of --gpg-key-file, if one was made. */
    void close() {
        if (keyring != null) {
            keyring.close();
            keyring = null;
        }
    }

    private DependencyOptions dependencies() {
        Map<String, List<String>> bases = new LinkedHashMap<>();
        for (String given : baseRepositories) {
            int equals = given.indexOf('=');
            if (equals < 1) {
                throw new RepositoryException(RepositoryException.Kind.BAD_INPUT, "--base-repo " + given + " is not OS/ARCH=LOCATION.",
                        "Write it as OS/ARCH=LOCATION, e.g. --base-repo el9/x86_64=https://mirror.example.org/almalinux/9/BaseOS/x86_64/os.");
            }
            bases.computeIfAbsent(given.substring(0, equals), k -> new ArrayList<>()).add(given.substring(equals + 1));
        }
        return new DependencyOptions(checkEarlierStages, bases, multilib);
    }

    /** A refused value is a usage error (exit code 2) whose message names the values that work. */
    static final class CompressionSetting implements CommandLine.ITypeConverter<MetadataCompression> {
        @Override
        public MetadataCompression convert(String value) {
            try {
                return MetadataCompression.ofSetting(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
