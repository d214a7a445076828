package io.jenkins.plugins.stagedrollout.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 26: what an Early Adopter site is told to run installs exactly the packages under test, read by the real dnf. */
class TestingRepositoryTest {

    private static final Release RELEASE = Release.of("UMD-4", "bdii-site", "1.0.1-1", "el9", "x86_64");

    @TempDir
    Path root;
    @TempDir
    Path client;

    @Test
    void theRepoFileIsDisabledAndNamesTheStageForThePlatform() {
        TestingRepository testing = TestingRepository.of(RELEASE, "testing", "el9", "x86_64",
                new RepositoryUrl("https://repository.example.org/umd/4/{stage}/{os}/{arch}/"), "https://repository.example.org/RPM-GPG-KEY-UMD-4", null);
        assertThat(testing.repoFile()).isEqualTo("""
                [UMD-4-testing]
                name=UMD-4 testing el9 x86_64 (staged rollout)
                baseurl=https://repository.example.org/umd/4/testing/el9/x86_64/
                enabled=0
                gpgcheck=1
                gpgkey=https://repository.example.org/RPM-GPG-KEY-UMD-4
                """);
        assertThat(testing.path()).isEqualTo("/etc/yum.repos.d/UMD-4-testing.repo");
        assertThat(testing.dnfInstall(List.of("bdii-site-1.0.1-1.el9.noarch", "glite-info-1:2.0-3.el9.x86_64")))
                .isEqualTo("dnf --refresh --enablerepo=UMD-4-testing install bdii-site-1.0.1-1.el9.noarch glite-info-1:2.0-3.el9.x86_64");

        TestingRepository signed = TestingRepository.of(RELEASE, "testing", "el9", "x86_64",
                new RepositoryUrl("https://testing.example.org/{os}/{arch}"), null, "https://testing.example.org/RPM-GPG-KEY-repo");
        assertThat(signed.repoFile()).endsWith("enabled=0\ngpgcheck=0\nrepo_gpgcheck=1\ngpgkey=https://testing.example.org/RPM-GPG-KEY-repo\n");
    }

    @Test
    void aUrlThatCannotNameEachPlatformIsRefusedWithTheFix() {
        assertThatThrownBy(() -> new RepositoryUrl("https://repository.example.org/umd/4/testing/"))
                .hasMessage("The repository URL 'https://repository.example.org/umd/4/testing/' lacks {os} or {arch}: each OS and architecture is"
                        + " a repository of its own; write it as e.g. https://repository.example.org/umd/4/{stage}/{os}/{arch}/");
        assertThatThrownBy(() -> new RepositoryUrl("https://repository.example.org/{release}/{os}/{arch}/"))
                .hasMessageStartingWith("The repository URL 'https://repository.example.org/{release}/{os}/{arch}/' names {release}; only {stage},"
                        + " {os} and {arch} are filled in");
        assertThatThrownBy(() -> new RepositoryUrl("repository.example.org/{os}/{arch}"))
                .hasMessageStartingWith("The repository URL 'repository.example.org/{os}/{arch}' is not an http(s):// or file:// URL");
        assertThat(new RepositoryUrl(" file:///srv/repo/{stage}/{os}/{arch} ").of("testing", "el9", "aarch64"))
                .isEqualTo("file:///srv/repo/testing/el9/aarch64");
    }

    @Test
    void theRepoFileAndTheCommandInstallExactlyThePackagesUnderTest() throws IOException {
        Path testingDir = root.resolve("testing/el9/x86_64");
        RpmFixtures.write(testingDir, "bdii-site", "1.0.0", "1.el9", "noarch");
        RpmFixtures.write(testingDir, "bdii-site", "1.0.1", "1.el9", "noarch");
        RpmFixtures.write(testingDir, "bdii-site", "1.0.2", "0.rc1.el9", "noarch");
        Tools.Result created = Tools.run(List.of("createrepo_c", "-q", testingDir.toString()));
        assertThat(created.exit()).as(created.out()).isZero();
        TestingRepository testing = TestingRepository.of(RELEASE, "testing", "el9", "x86_64",
                new RepositoryUrl("file://" + root + "/{stage}/{os}/{arch}"), null, null);
        Path reposDir = Files.createDirectories(client.resolve("etc/yum.repos.d"));
        Files.writeString(reposDir.resolve(Path.of(testing.path()).getFileName()), testing.repoFile());
        Path downloads = client.resolve("downloads");

        Tools.Result installed = dnf(testing.dnfInstall(List.of("bdii-site-1.0.1-1.el9.noarch")), reposDir, downloads);
        assertThat(installed.exit()).as(installed.out()).isZero();
        try (var files = Files.list(downloads)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("the version under test, not the newest in testing")
                    .containsExactly("bdii-site-1.0.1-1.el9.noarch.rpm");
        }

        Tools.Result withoutEnabling = dnf("dnf install bdii-site", reposDir, client.resolve("other"));
        assertThat(withoutEnabling.exit()).as("the file alone enables nothing: " + withoutEnabling.out()).isNotZero();
        assertThat(withoutEnabling.out()).contains("No match for argument: bdii-site");
    }

    /** Runs the command as a site would, into a scratch install root whose only repositories are those in {@code reposDir}. */
    private Tools.Result dnf(String command, Path reposDir, Path downloads) {
        List<String> argv = new ArrayList<>(Arrays.asList(command.split(" ")));
        argv.addAll(1, List.of("-y", "--releasever=9", "--installroot=" + client.resolve("root"), "--setopt=reposdir=" + reposDir,
                "--setopt=cachedir=" + client.resolve("cache" + System.nanoTime()), "--nogpgcheck", "--downloadonly",
                "--downloaddir=" + downloads));
        return Tools.run(argv);
    }
}
