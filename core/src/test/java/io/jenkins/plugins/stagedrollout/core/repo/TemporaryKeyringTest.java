package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret key handed over as a file (as Jenkins credentials do) signs a promotion, then leaves no keyring behind. */
class TemporaryKeyringTest {

    @TempDir
    Path root;
    @TempDir
    Path ownerHome;
    @TempDir
    Path files;

    @BeforeEach
    void generateKey() throws IOException {
        Tools.generateSigningKey(ownerHome, "Release Signing <sign@example.org>");
        RpmFixtures.write(root.resolve("untested/el9/x86_64"), "egi-tool", "1.0", "1.el9", "noarch");
    }

    @Test
    void importedKeySignsThePromotionAndIsGoneAfterClose() throws IOException {
        Path secretKey = export("--export-secret-keys", "secret.asc");
        Path home;
        String fingerprint;
        try (TemporaryKeyring keyring = TemporaryKeyring.importSecretKey(secretKey)) {
            home = keyring.home();
            fingerprint = keyring.fingerprint();
            RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root),
                    EngineOptions.defaults().withSigning(keyring.signingOptions()));
            engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool"));
        }

        assertThat(home).doesNotExist();
        assertThat(fingerprint).matches("[0-9A-F]{40}");
        Path repodata = root.resolve("testing/el9/x86_64/repodata");
        Tools.Result verified = Tools.run("gpg", "--homedir", ownerHome.toString(), "--batch", "--verify",
                repodata.resolve("repomd.xml.asc").toString(), repodata.resolve("repomd.xml").toString());
        assertThat(verified.exit()).as(verified.out()).isZero();
        assertThat(verified.out()).contains("Good signature from \"Release Signing <sign@example.org>\"").contains(fingerprint);
    }

    @Test
    void publicKeyAloneIsRefusedAndLeavesNothing() throws IOException {
        Path publicKey = export("--export", "public.asc");
        long homesBefore = leftoverHomes();

        RepositoryException error = catchThrowableOfType(RepositoryException.class, () -> TemporaryKeyring.importSecretKey(publicKey));

        assertThat(error.kind()).isEqualTo(RepositoryException.Kind.BAD_INPUT);
        assertThat(error.problem()).isEqualTo("The file " + publicKey + " holds no secret key (only public keys, or nothing gpg can read).");
        assertThat(error.fix()).isEqualTo("Export the secret key: 'gpg --export-secret-keys --armor KEYID > key.asc', and store that file.");
        assertThat(leftoverHomes()).isEqualTo(homesBefore);
    }

    @Test
    void textThatIsNoKeyIsRefused() throws IOException {
        Path notAKey = Files.writeString(files.resolve("notes.txt"), "not a key\n");

        RepositoryException error = catchThrowableOfType(RepositoryException.class, () -> TemporaryKeyring.importSecretKey(notAKey));

        assertThat(error.kind()).isEqualTo(RepositoryException.Kind.BAD_INPUT);
        assertThat(error.problem()).startsWith("gpg could not read the signing key " + notAKey + ": ");
        assertThat(error.fix()).startsWith("Give an unprotected secret key exported with 'gpg --export-secret-keys --armor KEYID'");
    }

    @Test
    void missingFileIsRefused() {
        Path missing = files.resolve("missing.asc");

        RepositoryException error = catchThrowableOfType(RepositoryException.class, () -> TemporaryKeyring.importSecretKey(missing));

        assertThat(error.kind()).isEqualTo(RepositoryException.Kind.BAD_INPUT);
        assertThat(error.getMessage()).isEqualTo("The signing key file " + missing + " does not exist. Fix: Give a file holding the secret key, "
                + "e.g. made with 'gpg --export-secret-keys --armor KEYID'.");
    }

    private Path export(String what, String fileName) {
        Path file = files.resolve(fileName);
        Tools.Result exported = Tools.run("gpg", "--homedir", ownerHome.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--armor", "--output", file.toString(), what, "sign@example.org");
        assertThat(exported.exit()).as(exported.out()).isZero();
        return file;
    }

    /** Temporary homes of this class still present in java.io.tmpdir. */
    private static long leftoverHomes() throws IOException {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("sr-gpg-")).count();
        }
    }
}
