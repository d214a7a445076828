package io.jenkins.plugins.stagedrollout.core.install;

import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.repo.RepoFile;
import java.io.Serializable;
import java.util.List;

/**
 * Where an Early Adopter site installs a release under staged rollout: the stage repository of one OS and arch as
 * the web server serves it, the {@code .repo} file for it (written by {@link RepoFile}, as {@code staged-rollout-repo
 * repo-file} writes it) and the dnf command that installs exactly the packages under test from it.
 *
 * <p>The repository is disabled in its file ({@code enabled=0}) and enabled only by the install command: a production
 * host then takes nothing else from testing by a later {@code dnf upgrade}.
 */
public record TestingRepository(String repoId, String stage, String os, String arch, String baseUrl, String repoFile)
        implements Serializable {

    /**
     * {@code gpgKey}: the URL of the public key that signs the packages ({@code gpgcheck=1}), null when they are not
     * signed; {@code repoGpgKey}: the URL of the key that signs the stage's {@code repomd.xml} ({@code repo_gpgcheck=1}),
     * null when the stage is not signed. The options of {@code repo-file --gpgkey} and {@code --gpg-key-url}.
     */
    public static TestingRepository of(Release release, String stage, String os, String arch, RepositoryUrl url,
                                       String gpgKey, String repoGpgKey) {
        String id = release.stackRelease() + "-" + stage;
        String baseUrl = url.of(stage, os, arch);
        String text = RepoFile.of(id, release.stackRelease() + " " + stage + " " + os + " " + arch + " (staged rollout)", baseUrl, gpgKey)
                .withEnabled(false)
                .withRepoGpgKey(repoGpgKey)
                .render();
        return new TestingRepository(id, stage, os, arch, baseUrl, text);
    }

    /** Where the file goes on the site's host. */
    public String path() {
        return "/etc/yum.repos.d/" + repoId + ".repo";
    }

    /**
     * Installs (or upgrades to) exactly these NEVRAs from this repository; {@code --refresh}, because the site's cached
     * metadata may predate a new package set.
     */
    public String dnfInstall(List<String> nevras) {
        return "dnf --refresh --enablerepo=" + repoId + " install " + String.join(" ", nevras);
    }
}
