package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real client tools (rpm, dnf) in tests and returns their standard output. */
public final class Tools {

    public record Result(int exit, String out) {
    }

    private Tools() {
    }

    public static Result run(String... command) {
        return run(Arrays.asList(command));
    }

    public static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(process.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes repository metadata into {@code directory} with createrepo_c, as a mirror of a base repository has it. */
    public static void createrepo(Path directory) {
        Result result = run("createrepo_c", "--quiet", directory.toString());
        if (result.exit() != 0) {
            throw new IllegalStateException("createrepo_c failed (" + result.exit() + "): " + result.out());
        }
    }

    /** A new unprotected ed25519 signing key for {@code userId} in a private GnuPG home. */
    public static void generateSigningKey(Path gpgHome, String userId) {
        try {
            Files.setPosixFilePermissions(gpgHome, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result generated = run("gpg", "--homedir", gpgHome.toString(), "--batch", "--passphrase", "",
                "--quick-gen-key", userId, "ed25519", "sign", "never");
        if (generated.exit() != 0) {
            throw new IllegalStateException("gpg could not generate a key (" + generated.exit() + "): " + generated.out());
        }
    }

    /** What dnf (4.x) sees in the repository at {@code path}: sorted NEVRAs, fresh cache, no other repository. */
    static List<String> dnfList(Path path, Path cache) {
        Result result = run("dnf", "repoquery", "-q", "--releasever=9", "--disablerepo=*", "--repofrompath=r,file://" + path.toAbsolutePath(),
                "--enablerepo=r", "--setopt=cachedir=" + cache, "--setopt=reposdir=/nonexistent", "--setopt=r.gpgcheck=0",
                "--setopt=r.metadata_expire=0", "--nogpgcheck", "--queryformat", "%{name}-%{evr}.%{arch}\\n");
        if (result.exit() != 0) {
            throw new IllegalStateException("dnf failed (" + result.exit() + "): " + result.out());
        }
        return result.out().lines().filter(line -> !line.isBlank()).sorted().toList();
    }

    /** Where a client downloads {@code fileName} from the repository at {@code served}: the location its primary metadata gives. */
    static Path servedFile(Path served, String fileName) {
        try {
            RepodataReader.Repomd repomd = RepodataReader.readRepomd(served);
            return RepodataReader.readPrimary(served, repomd.primaryHref()).keySet().stream()
                    .filter(href -> href.equals(fileName) || href.endsWith("/" + fileName))
                    .map(served::resolve)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(fileName + " is not in the metadata of " + served));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
