package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a .repo file has clients check the signature of repomd.xml (repo_gpgcheck=1): yes for a signed stage (it
 * serves repodata/repomd.xml.asc), with the key's URL, unless asked not to; never for an unsigned one, which dnf
 * would then refuse.
 */
final class RepoFileSigning {

    private RepoFileSigning() {
    }

    private static RepositoryException bad(String message, String fix) {
        return new RepositoryException(RepositoryException.Kind.BAD_INPUT, message, fix);
    }

    /** The URL of the repository key to write with repo_gpgcheck=1, or null to leave it out. */
    static String repositoryKey(Path served, String keyUrl, boolean noRepoGpgCheck) {
        if (noRepoGpgCheck) {
            return null;
        }
        if (served == null) {
            return keyUrl;
        }
        if (!Files.isRegularFile(served.resolve("repodata/repomd.xml"))) {
            throw bad("--served " + served + " is no repository (no repodata/repomd.xml).",
                    "Give the stage repository's directory on this host, e.g. /srv/repo/testing/el9/x86_64.");
        }
        boolean signed = Files.isRegularFile(served.resolve("repodata/repomd.xml.asc"));
        if (signed && keyUrl == null) {
            throw bad(served + " is signed (it serves repodata/repomd.xml.asc), so clients should check its metadata"
                    + " (repo_gpgcheck=1) with the repository key.", "Give --gpg-key-url URL (where the public key is served), or "
                    + "--no-repo-gpgcheck for clients that cannot check it.");
        }
        if (!signed && keyUrl != null) {
            throw bad(served + " is not signed (no repodata/repomd.xml.asc): with repo_gpgcheck=1 dnf would refuse it.",
                    "Sign the stage (promote with --gpg-home and --gpg-key), or leave out --gpg-key-url.");
        }
        return keyUrl;
    }
}
