package io.jenkins.plugins.stagedrollout.core.repo;

import java.nio.file.Path;

/** Signs each snapshot's repomd.xml with {@code gpg --detach-sign --armor} using this home and key. */
public record SigningOptions(String gpgCommand, Path gpgHome, String keyId) {

    public SigningOptions {
        if (gpgCommand == null || gpgCommand.isBlank()) {
            gpgCommand = "gpg";
        }
        if (gpgHome == null || keyId == null || keyId.isBlank()) {
            throw RepositoryException.badInput("Signing needs both a gpg home directory and a key id.",
                    "Give the GnuPG home that holds the secret key and the key id (or fingerprint, or e-mail).");
        }
    }

    public static SigningOptions of(Path gpgHome, String keyId) {
        return new SigningOptions("gpg", gpgHome, keyId);
    }
}
