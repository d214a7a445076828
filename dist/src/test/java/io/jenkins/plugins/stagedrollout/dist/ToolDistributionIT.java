package io.jenkins.plugins.stagedrollout.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command-line tool, used the way a repository host uses it: the tar.gz unpacked with tar and its
 * launcher run from another directory, and the RPM installed with rpm into a scratch root.
 */
class ToolDistributionIT {

    private static final Path TARBALL = Path.of(System.getProperty("tarball"));
    private static final Path RPM_DIRECTORY = Path.of(System.getProperty("rpmDirectory"));

    @TempDir
    Path unpacked;

    @TempDir
    Path elsewhere;

    /** The archive's single top directory (staged-rollout-repo-VERSION), unpacked by tar. */
    private Path unpack() throws IOException {
        Command.run(unpacked, "tar", "-xzf", TARBALL.toString()).ok();
        try (Stream<Path> top = Files.list(unpacked)) {
            List<Path> entries = top.toList();
            assertThat(entries).hasSize(1);
            return entries.get(0);
        }
    }

    @Test
    void archiveHoldsTheLauncherAndTheJars() throws IOException {
        Path home = unpack();
        assertThat(home.getFileName().toString()).isEqualTo(TARBALL.getFileName().toString().replace(".tar.gz", ""));
        assertThat(Files.isExecutable(home.resolve("bin/staged-rollout-repo"))).isTrue();
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            List<String> jars = lib.map(jar -> jar.getFileName().toString()).toList();
            assertThat(jars).anyMatch(jar -> jar.startsWith("staged-rollout-core-"));
            assertThat(jars).anyMatch(jar -> jar.startsWith("picocli-"));
            // Test-only libraries stay out.
            assertThat(jars).noneMatch(jar -> jar.contains("tests") || jar.startsWith("packager-") || jar.startsWith("junit"));
        }
    }

    @Test
    void archiveLauncherShowsHelpFromAnyDirectory() throws IOException {
        Path launcher = unpack().resolve("bin/staged-rollout-repo");
        String help = Command.run(elsewhere, launcher.toString(), "--help").ok().out();
        assertThat(help).contains("Usage: staged-rollout-repo", "promote", "rollback", "snapshots");
    }

    @Test
    void archiveLauncherPromotes() throws IOException {
        Path launcher = unpack().resolve("bin/staged-rollout-repo");
        Path root = elsewhere.resolve("repos");
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.2.3", "1.el9", "noarch");

        String promoted = Command.run(elsewhere, launcher.toString(), "promote", "--root", root.toString(), "--from", "untested",
                "--to", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool").ok().out();

        assertThat(promoted).contains("+ egi-tool-1.2.3-1.el9.noarch.rpm");
        assertThat(RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults()).packages("testing", "el9", "x86_64"))
                .containsExactly("egi-tool-1.2.3-1.el9.noarch.rpm");
        // A bad stage is refused with the tool's message and its exit code for bad input, not a stack trace.
        Command refused = Command.run(elsewhere, launcher.toString(), "promote", "--root", root.toString(), "--from", "untested",
                "--to", "staging", "--os", "el9", "--arch", "x86_64", "egi-tool");
        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.out()).startsWith("staged-rollout-repo: ").doesNotContain("Exception");
    }

    @Test
    void rpmInstallsTheToolIntoAScratchRoot(@TempDir Path scratchRoot) throws IOException {
        assumeTrue(Boolean.getBoolean("rpmbuildExpected"), "rpmbuild is not installed, so no RPM was built: install rpm (Debian) or rpm-build (EL)");
        Path rpm;
        try (Stream<Path> built = Files.walk(RPM_DIRECTORY)) {
            List<Path> rpms = built.filter(path -> path.toString().endsWith(".noarch.rpm")).toList();
            assertThat(rpms).as("RPMs built into " + RPM_DIRECTORY).hasSize(1);
            rpm = rpms.get(0);
        }
        assertThat(Command.run(elsewhere, "rpm", "-qp", "--requires", rpm.toString()).ok().out())
                .contains("java-headless >= 1:17", "createrepo_c");

        // No Java or createrepo_c packages in the scratch root's database: --nodeps (the real host has them).
        Command.run(elsewhere, "rpm", "--root", scratchRoot.toString(), "--initdb").ok();
        Command.run(elsewhere, "rpm", "--root", scratchRoot.toString(), "-i", "--nodeps", rpm.toString()).ok();
        assertThat(Command.run(elsewhere, "rpm", "--root", scratchRoot.toString(), "-ql", "staged-rollout-repo").ok().out())
                .contains("/usr/bin/staged-rollout-repo", "/usr/share/staged-rollout-repo/lib/");

        Path installed = scratchRoot.resolve("usr/bin/staged-rollout-repo");
        assertThat(Files.isSymbolicLink(installed)).isTrue();
        assertThat(Command.run(elsewhere, installed.toString(), "--help").ok().out()).contains("Usage: staged-rollout-repo");
        Path root = elsewhere.resolve("repos");
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.2.3", "1.el9", "noarch");
        assertThat(Command.run(elsewhere, installed.toString(), "promote", "--root", root.toString(), "--from", "untested",
                "--to", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool").ok().out())
                .contains("+ egi-tool-1.2.3-1.el9.noarch.rpm");
    }
}
