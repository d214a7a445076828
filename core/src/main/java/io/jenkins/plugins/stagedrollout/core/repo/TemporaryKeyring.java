package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A GnuPG home that lives only while one signing key is needed, for a secret key handed over as a file
 * (e.g. by the Jenkins credentials store): the key never joins a long-lived keyring on the repository host,
 * and {@link #close()} removes it together with the gpg-agent that served it.
 */
public final class TemporaryKeyring implements AutoCloseable {

    private static final Duration GPG_TIMEOUT = Duration.ofMinutes(1);

    private final String gpgCommand;
    private final Path home;
    private final String fingerprint;

    private TemporaryKeyring(String gpgCommand, Path home, String fingerprint) {
        this.gpgCommand = gpgCommand;
        this.home = home;
        this.fingerprint = fingerprint;
    }

    /** Imports the ASCII-armored (or binary) secret key in {@code keyFile} into a new private GnuPG home. */
    public static TemporaryKeyring importSecretKey(Path keyFile) {
        return importSecretKey("gpg", keyFile);
    }

    public static TemporaryKeyring importSecretKey(String gpgCommand, Path keyFile) {
        ToolRunner.Tool gpg = new ToolRunner.Tool("gpg", gpgCommand, SnapshotBuilder.GPG_INSTALL_HINT);
        ToolRunner.resolve(gpg);
        if (!Files.isRegularFile(keyFile)) {
            throw RepositoryException.badInput("The signing key file " + keyFile + " does not exist.",
                    "Give a file holding the secret key, e.g. made with 'gpg --export-secret-keys --armor KEYID'.");
        }
        Path home = createPrivateDirectory();
        try {
            runGpg(gpg, home, List.of("--import", keyFile.toAbsolutePath().toString()), keyFile);
            String fingerprint = firstSecretKeyFingerprint(gpg, home, keyFile);
            return new TemporaryKeyring(gpgCommand, home, fingerprint);
        } catch (RuntimeException e) {
            stopAgent(home);
            deleteQuietly(home);
            throw e;
        }
    }

    /** Signing options that use this keyring's key, by fingerprint. */
    public SigningOptions signingOptions() {
        return new SigningOptions(gpgCommand, home, fingerprint);
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Path home() {
        return home;
    }

    @Override
    public void close() {
        stopAgent(home);
        deleteQuietly(home);
    }

    private static String firstSecretKeyFingerprint(ToolRunner.Tool gpg, Path home, Path keyFile) {
        List<String> listing = runGpg(gpg, home, List.of("--with-colons", "--list-secret-keys"), keyFile);
        boolean inSecretKey = false;
        for (String line : listing) {
            String[] fields = line.split(":", -1);
            if (fields[0].equals("sec")) {
                inSecretKey = true;
            } else if (inSecretKey && fields[0].equals("fpr") && fields.length > 9 && !fields[9].isEmpty()) {
                return fields[9];
            }
        }
        throw RepositoryException.badInput("The file " + keyFile + " holds no secret key (only public keys, or nothing gpg can read).",
                "Export the secret key: 'gpg --export-secret-keys --armor KEYID > key.asc', and store that file.");
    }

    /** Runs gpg on the private home; a refusal is the key file's fault, so it is reported as bad input. */
    private static List<String> runGpg(ToolRunner.Tool gpg, Path home, List<String> arguments, Path keyFile) {
        List<String> lines = new ArrayList<>();
        List<String> all = new ArrayList<>(List.of("--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback"));
        all.addAll(arguments);
        try {
            new ToolRunner(GPG_TIMEOUT, line -> lines.add(line.substring("gpg: ".length()))).run(gpg, all, home);
        } catch (RepositoryException failed) {
            throw new RepositoryException(RepositoryException.Kind.BAD_INPUT,
                    "gpg could not read the signing key " + keyFile + ": " + String.join(" / ", lines),
                    "Give an unprotected secret key exported with 'gpg --export-secret-keys --armor KEYID' (the key must not need a passphrase).",
                    failed);
        }
        return lines;
    }

    private static Path createPrivateDirectory() {
        try {
            // gpg refuses homes others can read, and a short path keeps the agent's socket path within limits.
            return Files.createTempDirectory("sr-gpg-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new RepositoryException(RepositoryException.Kind.IO_FAILURE, "Cannot create a temporary GnuPG home: " + e.getMessage() + ".",
                    "Check free space and permissions of the temporary directory (java.io.tmpdir).", e);
        }
    }

    private static void stopAgent(Path home) {
        try {
            Process gpgconf = new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            gpgconf.waitFor();
        } catch (IOException e) {
            // no gpgconf: the agent exits by itself once its home is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path home) {
        try {
            SnapshotStore.deleteTree(home);
        } catch (IOException e) {
            // a leftover temporary directory holds no published data; nothing else to do
        }
    }
}
