package io.jenkins.plugins.stagedrollout.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.repo.RepodataReader;
import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line tool in-process: exit codes, standard output and standard error. */
class RepoCliTest {

    @TempDir
    Path root;

    private String[] withRoot(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("--root", root.toString()));
        return all.toArray(String[]::new);
    }

    @BeforeEach
    void packages() {
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.1", "1.el9", "noarch");
    }

    private List<String> servedPackages() throws IOException {
        Path served = root.resolve("testing/el9/x86_64");
        return RepodataReader.readPrimary(served, RepodataReader.readRepomd(served).primaryHref()).values().stream().sorted().toList();
    }

    @Test
    void promoteSnapshotsWithdrawRollback() throws IOException {
        CliRun promoted = CliRun.run(withRoot("promote", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool-1.0*"));
        assertThat(promoted.exit()).as(promoted.err()).isZero();
        assertThat(promoted.out()).matches("Promoted 1 package\\(s\\) from untested to testing/el9/x86_64 \\(snapshot [0-9TZ.]+\\)\\.\n"
                + "\\+ egi-tool-1.0-1.el9.noarch.rpm\n");
        assertThat(promoted.err()).contains("createrepo_c: ");
        assertThat(servedPackages()).containsExactly("egi-tool-1.0-1.el9.noarch");
        String first = Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).getFileName().toString();

        CliRun again = CliRun.run(withRoot("promote", "-q", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool-1.0-1.el9.noarch"));
        assertThat(again.exit()).isZero();
        assertThat(again.out()).isEqualTo("Nothing to do: testing/el9/x86_64 already holds egi-tool-1.0-1.el9.noarch.rpm.\n");
        assertThat(again.err()).isEmpty();

        assertThat(CliRun.run(withRoot("promote", "-q", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool")).exit()).isZero();
        assertThat(servedPackages()).containsExactly("egi-tool-1.0-1.el9.noarch", "egi-tool-1.1-1.el9.noarch");

        CliRun withdrawn = CliRun.run(withRoot("withdraw", "-q", "--stage", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool-1.0-1.el9.noarch.rpm"));
        assertThat(withdrawn.exit()).isZero();
        assertThat(withdrawn.out()).endsWith("\n- egi-tool-1.0-1.el9.noarch.rpm\n");
        assertThat(servedPackages()).containsExactly("egi-tool-1.1-1.el9.noarch");

        CliRun listed = CliRun.run(withRoot("snapshots", "--stage", "testing", "--os", "el9", "--arch", "x86_64"));
        assertThat(listed.exit()).isZero();
        List<String> lines = listed.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("  SNAPSHOT");
        assertThat(lines.get(1)).startsWith("  " + first).endsWith(" 1");
        assertThat(lines.get(2)).endsWith(" 2");
        assertThat(lines.get(3)).startsWith("* ").endsWith(" 1");

        CliRun rolledBack = CliRun.run(withRoot("rollback", "-q", "--stage", "testing", "--os", "el9", "--arch", "x86_64", first));
        assertThat(rolledBack.exit()).isZero();
        assertThat(rolledBack.out()).isEqualTo("Rolled testing/el9/x86_64 back to snapshot " + first + " (1 package(s) back, 1 gone).\n"
                + "+ egi-tool-1.0-1.el9.noarch.rpm\n- egi-tool-1.1-1.el9.noarch.rpm\n");
        assertThat(servedPackages()).containsExactly("egi-tool-1.0-1.el9.noarch");
    }

    @Test
    void rollbackByOneStepSkipsWithdrawnStatesAndRefusesWhenThereIsNone() throws IOException {
        String[] coordinates = {"--stage", "testing", "--os", "el9", "--arch", "x86_64"};
        assertThat(CliRun.run(withRoot("promote", "-q", "--keep", "2", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64",
                "egi-tool-1.0*")).exit()).isZero();
        String first = Files.readSymbolicLink(root.resolve("testing/el9/x86_64")).getFileName().toString();
        assertThat(CliRun.run(withRoot("promote", "-q", "--keep", "2", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64",
                "egi-tool-1.1*")).exit()).isZero();

        CliRun back = CliRun.run(withRoot(concat(new String[] {"rollback", "-q", "--keep", "2"}, coordinates)));
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.out()).isEqualTo("Rolled testing/el9/x86_64 back to snapshot " + first + " (0 package(s) back, 1 gone).\n"
                + "- egi-tool-1.1-1.el9.noarch.rpm\n");
        assertThat(servedPackages()).containsExactly("egi-tool-1.0-1.el9.noarch");
        List<String> listed = CliRun.run(withRoot(concat(new String[] {"snapshots"}, coordinates))).out().lines().toList();
        assertThat(listed.get(0)).matches("  SNAPSHOT +CREATED +LAST SERVED +STATE +PACKAGES");
        assertThat(listed.get(1)).startsWith("* " + first).matches(".* served +1");
        assertThat(listed.get(2)).matches(".* withdrawn +2");

        CliRun refused = CliRun.run(withRoot(concat(new String[] {"rollback", "--previous"}, coordinates)));
        assertThat(refused.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(refused.err()).startsWith("staged-rollout-repo: No previous state of testing/el9/x86_64 to roll back to: every state it served "
                + "before snapshot " + first + " was withdrawn (");
        assertThat(servedPackages()).containsExactly("egi-tool-1.0-1.el9.noarch");

        CliRun both = CliRun.run(withRoot(concat(new String[] {"rollback", "--previous"}, coordinates, new String[] {first})));
        assertThat(both.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).startsWith("Give either --previous or a SNAPSHOT id, not both.");
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @Test
    void sqliteDatabasesOnRequest() throws IOException {
        CliRun plain = CliRun.run(withRoot("promote", "-q", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool-1.0*"));
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(RepodataReader.readRepomd(root.resolve("testing/el9/x86_64")).hrefs()).noneMatch(href -> href.contains(".sqlite"));

        CliRun withDatabases = CliRun.run(withRoot("promote", "-q", "--sqlite-databases", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64",
                "egi-tool-1.1*"));
        assertThat(withDatabases.exit()).as(withDatabases.err()).isZero();
        assertThat(RepodataReader.readRepomd(root.resolve("testing/el9/x86_64")).hrefs()).anyMatch(href -> href.contains("-primary.sqlite"));
        assertThat(servedPackages()).containsExactly("egi-tool-1.0-1.el9.noarch", "egi-tool-1.1-1.el9.noarch");
    }

    @Test
    void metadataCompressionOnRequestAndRefusedValuesNamed() throws IOException {
        CliRun xz = CliRun.run(withRoot("promote", "-q", "--metadata-compression", "xz", "--from", "untested", "--to", "testing", "--os", "el9", "--arch",
                "x86_64", "egi-tool-1.0*"));
        assertThat(xz.exit()).as(xz.err()).isZero();
        assertThat(RepodataReader.readRepomd(root.resolve("testing/el9/x86_64")).hrefs()).hasSize(3).allMatch(href -> href.endsWith(".xml.xz"));
        assertThat(servedPackages()).containsExactly("egi-tool-1.0-1.el9.noarch");

        CliRun refused = CliRun.run(withRoot("promote", "--metadata-compression", "zst", "--from", "untested", "--to", "testing", "--os", "el9", "--arch",
                "x86_64", "egi-tool-1.1*"));
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith("Invalid value for option '--metadata-compression': The metadata compression 'zst' is not one of gz,"
                + " xz, bz2, zstd.\n");

        // Debian 12's createrepo_c 0.17.3 writes no zstd: a tool failure, nothing published.
        CliRun zstd = CliRun.run(withRoot("promote", "-q", "--metadata-compression", "zstd", "--from", "untested", "--to", "testing", "--os", "el9", "--arch",
                "x86_64", "egi-tool-1.1*"));
        assertThat(zstd.exit()).isEqualTo(5);
        assertThat(zstd.err()).contains("This createrepo_c (createrepo_c) cannot write metadata compressed with zstd.");
        assertThat(servedPackages()).containsExactly("egi-tool-1.0-1.el9.noarch");
    }

    @Test
    void repoFileToStandardOutputAndToAFile() throws IOException {
        CliRun printed = CliRun.run("repo-file", "--id", "UMD-5-testing", "--name", "UMD 5 el9 x86_64 Testing",
                "--baseurl", "https://repository.example.org/umd/5/testing/el9/x86_64/", "--gpgkey", "https://repository.example.org/RPM-GPG-KEY-UMD-5");
        assertThat(printed.exit()).isZero();
        assertThat(printed.out()).isEqualTo("[UMD-5-testing]\nname=UMD 5 el9 x86_64 Testing\nbaseurl=https://repository.example.org/umd/5/testing/el9/x86_64/\n"
                + "enabled=1\ngpgcheck=1\ngpgkey=https://repository.example.org/RPM-GPG-KEY-UMD-5\n");

        Path file = root.resolve("umd-testing.repo");
        assertThat(CliRun.run("repo-file", "--id", "t", "--name", "T", "--baseurl", "file:///srv/t", "--priority", "5", "-o", file.toString()).exit()).isZero();
        assertThat(Files.readString(file)).isEqualTo("[t]\nname=T\nbaseurl=file:///srv/t\nenabled=1\ngpgcheck=0\npriority=5\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"promote", "withdraw", "rollback", "snapshots", "repo-file"})
    void everyCommandHasHelp(String command) {
        CliRun help = CliRun.run(command, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: staged-rollout-repo " + command).contains("Exit codes: 0 done (changed or nothing to do)");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new String[] {}, ExitCode.USAGE, "Missing command: promote, withdraw, rollback, snapshots, diff, adopt or repo-file."),
                Arguments.of(new String[] {"promote", "--root", "/r", "--from", "untested", "--to", "testing", "--arch", "x86_64", "p"}, ExitCode.USAGE,
                        "Error: Missing required argument(s): --os=OS"),
                Arguments.of(new String[] {"snapshots", "--root", "/r", "--stage", "testing", "--os", "el9", "--arch", "x86_64", "--bogus"}, ExitCode.USAGE,
                        "Unknown option: '--bogus'"),
                Arguments.of(new String[] {"repo-file", "--id", "t", "--name", "T", "--baseurl", "not a url"}, ExitCode.BAD_INPUT,
                        "staged-rollout-repo: The baseurl 'not a url' is not a URL. Fix: Give an http(s)://, ftp:// or file:// URL without spaces."),
                Arguments.of(new String[] {"repo-file", "--id", "t", "--name", "T", "--baseurl", "file:///t", "-o", "/nonexistent-dir/t.repo"}, ExitCode.IO_FAILURE,
                        "staged-rollout-repo: Cannot write /nonexistent-dir/t.repo: /nonexistent-dir/t.repo. Fix: Check that its directory exists and is writable."));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void failuresGiveDocumentedExitCodes(String[] args, int exit, String errorLine) {
        CliRun failed = CliRun.run(args);
        assertThat(failed.exit()).isEqualTo(exit);
        assertThat(failed.err().lines().findFirst()).hasValue(errorLine);
        assertThat(failed.out()).isEmpty();
    }

    @Test
    void engineErrorsMapToExitCodesAndLeaveTheRepositoryAlone() throws IOException {
        assertThat(CliRun.run(withRoot("promote", "-q", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool-1.0*")).exit()).isZero();

        CliRun unknownStage = CliRun.run(withRoot("promote", "--from", "untested", "--to", "staging", "--os", "el9", "--arch", "x86_64", "egi-tool"));
        assertThat(unknownStage.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unknownStage.err()).isEqualTo("staged-rollout-repo: Unknown stage 'staging'. Fix: Use one of the configured stages: untested, testing, production.\n");

        CliRun noTool = CliRun.run(withRoot("promote", "--createrepo", "/opt/none/createrepo_c", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool"));
        assertThat(noTool.exit()).isEqualTo(ExitCode.TOOL_FAILURE);
        assertThat(noTool.err()).startsWith("staged-rollout-repo: createrepo_c was not found ('/opt/none/createrepo_c' is not an executable file). Fix: Install createrepo_c");

        Path lock = root.resolve("testing/el9/.snapshots/x86_64/.lock");
        Files.writeString(lock, "host=build-07.example.org\npid=99\nprocessStart=2026-11-25T00:00:00Z\nacquired=2099-01-01T00:00:00Z\n");
        CliRun busy = CliRun.run(withRoot("withdraw", "--stage", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool"));
        assertThat(busy.exit()).isEqualTo(ExitCode.BUSY);
        assertThat(busy.err()).startsWith("staged-rollout-repo: The repository is locked by another writer: pid 99 on build-07.example.org since 2099-01-01T00:00:00Z");

        assertThat(servedPackages()).containsExactly("egi-tool-1.0-1.el9.noarch");
    }

    @Test
    void unmetRequirementsRefuseThePromotionUnlessAllowedWithAReason() throws IOException {
        Path untested = root.resolve("untested/el9/x86_64");
        RpmFixtures.write(untested, "bdii", 0, "6.0.1", "1.el9", "noarch", List.of(), List.of("libldap.so.2()(64bit)"));
        String[] promote = withRoot("promote", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "bdii");

        CliRun refused = CliRun.run(promote);
        assertThat(refused.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(refused.err()).contains("would leave 1 requirement(s) that nothing meets",
                "bdii-6.0.1-1.el9.noarch requires libldap.so.2()(64bit): nothing provides libldap.so.2()(64bit)", "(none are configured)");
        assertThat(root.resolve("testing")).doesNotExist();

        CliRun noReason = CliRun.run(withRoot("promote", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "--allow-broken-deps", "bdii"));
        assertThat(noReason.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noReason.err()).contains("--allow-broken-deps needs --reason TEXT");

        Path baseos = root.resolve("mirror/baseos");
        RpmFixtures.write(baseos, "openldap", 0, "2.6.6", "3.el9", "x86_64", List.of("libldap.so.2()(64bit)"), List.of());
        assertThat(CliRun.run(withRoot("promote", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64",
                "--base-repo", "el9/x86_64=" + baseos, "bdii")).exit()).as("the base repository has no metadata yet").isEqualTo(ExitCode.IO_FAILURE);

        CliRun allowed = CliRun.run(withRoot("promote", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64", "--allow-broken-deps",
                "--reason", "openldap is in every site's BaseOS", "bdii"));
        assertThat(allowed.exit()).isEqualTo(ExitCode.OK);
        assertThat(allowed.out()).contains("allowed by " + System.getProperty("user.name") + ": openldap is in every site's BaseOS",
                "Unmet requirements (published anyway):\n  bdii-6.0.1-1.el9.noarch requires libldap.so.2()(64bit)");
        assertThat(servedPackages()).containsExactly("bdii-6.0.1-1.el9.noarch");
    }

    @Test
    void aBaseRepositoryGivenOnTheCommandLineMeetsTheRequirement() throws IOException {
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "bdii", 0, "6.0.1", "1.el9", "noarch", List.of(), List.of("libldap.so.2()(64bit)"));
        Path baseos = root.resolve("mirror/baseos");
        RpmFixtures.write(baseos, "openldap", 0, "2.6.6", "3.el9", "x86_64", List.of("libldap.so.2()(64bit)"), List.of());
        io.jenkins.plugins.stagedrollout.core.repo.Tools.createrepo(baseos);
        CliRun promoted = CliRun.run(withRoot("promote", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64",
                "--base-repo", "el9/x86_64=file://" + baseos, "bdii"));
        assertThat(promoted.exit()).as(promoted.err()).isEqualTo(ExitCode.OK);
        assertThat(promoted.err()).contains("Dependency check of testing/el9/x86_64: 1 package(s) checked against the repository itself and file://"
                + baseos + ", 0 unresolved requirement(s)");
        assertThat(CliRun.run(withRoot("promote", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64",
                "--base-repo", "x86_64=" + baseos, "egi-tool-1.0*")).err()).contains("Base repositories are given for 'x86_64', which is no"
                + " OS/architecture");
        CliRun noLocation = CliRun.run(withRoot("promote", "--from", "untested", "--to", "testing", "--os", "el9", "--arch", "x86_64",
                "--base-repo", baseos.toString(), "egi-tool-1.0*"));
        assertThat(noLocation.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noLocation.err()).contains("--base-repo " + baseos + " is not OS/ARCH=LOCATION", "e.g. --base-repo el9/x86_64=https://");
    }
}
