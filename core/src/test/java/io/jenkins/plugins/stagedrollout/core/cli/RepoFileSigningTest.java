package io.jenkins.plugins.stagedrollout.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 25: the .repo file of a signed stage has dnf check repomd.xml's signature (repo_gpgcheck=1), read by the real dnf. */
class RepoFileSigningTest {

    @TempDir
    Path root;
    @TempDir
    Path gpgHome;
    @TempDir
    Path client;

    @Test
    void aSignedStageGetsRepoGpgcheckWithTheKeysUrlAndDnfChecksIt() throws IOException {
        Files.setPosixFilePermissions(gpgHome, PosixFilePermissions.fromString("rwx------"));
        assertThat(Tools.run("gpg", "--homedir", gpgHome.toString(), "--batch", "--passphrase", "", "--quick-gen-key", "UMD repository <repo@example.org>",
                "ed25519", "sign", "never").exit()).isZero();
        Path key = client.resolve("RPM-GPG-KEY-UMD");
        assertThat(Tools.run("gpg", "--homedir", gpgHome.toString(), "--batch", "--armor", "--output", key.toString(), "--export", "repo@example.org")
                .exit()).isZero();
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.1", "1.el9", "noarch");
        CliRun signed = CliRun.at(root, "promote", "-q", "--gpg-home", gpgHome.toString(), "--gpg-key", "repo@example.org", "--from", "untested",
                "--to", "testing", "--os", "el9", "--arch", "x86_64", "egi-tool-1.0*");
        assertThat(signed.exit()).as(signed.err()).isZero();
        Path testing = root.resolve("testing/el9/x86_64");
        String baseUrl = "file://" + testing;

        CliRun noKey = CliRun.run("repo-file", "--id", "t", "--name", "T", "--baseurl", baseUrl, "--served", testing.toString());
        assertThat(noKey.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noKey.err()).isEqualTo("staged-rollout-repo: " + testing + " is signed (it serves repodata/repomd.xml.asc), so clients should check"
                + " its metadata (repo_gpgcheck=1) with the repository key. Fix: Give --gpg-key-url URL (where the public key is served), or"
                + " --no-repo-gpgcheck for clients that cannot check it.\n");

        CliRun written = CliRun.run("repo-file", "--id", "umd-testing", "--name", "UMD testing", "--baseurl", baseUrl, "--served", testing.toString(),
                "--gpg-key-url", "file://" + key);
        assertThat(written.exit()).as(written.err()).isZero();
        assertThat(written.out()).isEqualTo("[umd-testing]\nname=UMD testing\nbaseurl=" + baseUrl + "\nenabled=1\ngpgcheck=0\nrepo_gpgcheck=1\n"
                + "gpgkey=file://" + key + "\n");
        Path reposDir = Files.createDirectories(client.resolve("yum.repos.d"));
        Files.writeString(reposDir.resolve("umd.repo"), written.out());
        Tools.Result read = dnf(reposDir);
        assertThat(read.exit()).as(read.out()).isZero();
        assertThat(read.out()).contains("Importing GPG key", "Userid     : \"UMD repository <repo@example.org>\"").endsWith("\negi-tool-1.0-1.el9.noarch\n\n");

        // a repomd.xml that does not match its signature: dnf reads nothing of it with this file
        Path repomd = testing.resolve("repodata/repomd.xml");
        Path snapshotRepomd = repomd.toRealPath();
        String original = Files.readString(snapshotRepomd);
        Files.writeString(snapshotRepomd, original + "<!-- changed after signing -->\n");
        Tools.Result tampered = dnf(reposDir);
        assertThat(tampered.out()).as("dnf 4.14 drops the repository whose signature fails").doesNotContain("egi-tool");
        Files.writeString(snapshotRepomd, original);

        CliRun left = CliRun.run("repo-file", "--id", "t", "--name", "T", "--baseurl", baseUrl, "--served", testing.toString(), "--no-repo-gpgcheck");
        assertThat(left.out()).isEqualTo("[t]\nname=T\nbaseurl=" + baseUrl + "\nenabled=1\ngpgcheck=0\n");

        CliRun bothKeys = CliRun.run("repo-file", "--id", "t", "--name", "T", "--baseurl", baseUrl, "--gpgkey", "https://example.org/RPM-GPG-KEY-pkg",
                "--gpg-key-url", "https://example.org/RPM-GPG-KEY-repo");
        assertThat(bothKeys.out()).endsWith("gpgcheck=1\nrepo_gpgcheck=1\ngpgkey=https://example.org/RPM-GPG-KEY-pkg https://example.org/RPM-GPG-KEY-repo\n");

        CliRun unsigned = CliRun.run("repo-file", "--id", "t", "--name", "T", "--baseurl", "file:///u", "--served",
                root.resolve("untested/el9/x86_64").toString(), "--gpg-key-url", "file://" + key);
        assertThat(unsigned.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unsigned.err()).startsWith("staged-rollout-repo: --served " + root.resolve("untested/el9/x86_64") + " is no repository");
        // straight into production, unsigned: past testing, which the stage order allows only with a reason
        CliRun promotedUnsigned = CliRun.at(root, "promote", "-q", "--from", "untested", "--to", "production", "--os", "el9", "--arch", "x86_64",
                "--out-of-order", "--reason", "an unsigned stage to refuse repo_gpgcheck for", "egi-tool-1.1*");
        assertThat(promotedUnsigned.exit()).as(promotedUnsigned.err()).isZero();
        Path production = root.resolve("production/el9/x86_64");
        assertThat(CliRun.run("repo-file", "--id", "t", "--name", "T", "--baseurl", "file:///u", "--served", production.toString(), "--gpg-key-url",
                "file://" + key).err()).isEqualTo("staged-rollout-repo: " + production + " is not signed (no repodata/repomd.xml.asc): with "
                + "repo_gpgcheck=1 dnf would refuse it. Fix: Sign the stage (promote with --gpg-home and --gpg-key), or leave out --gpg-key-url.\n");
    }

    /** dnf with only the written .repo file, a fresh cache, importing the repository key without asking. */
    private Tools.Result dnf(Path reposDir) {
        return Tools.run(List.of("dnf", "repoquery", "-q", "-y", "--releasever=9", "--setopt=reposdir=" + reposDir,
                "--setopt=cachedir=" + client.resolve("cache" + System.nanoTime()), "--setopt=metadata_expire=0", "--queryformat",
                "%{name}-%{evr}.%{arch}\\n"));
    }
}
