package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repositories with zstd metadata, as createrepo_c 1.0 and later write them, made on a host whose createrepo_c (Debian
 * 12's 0.17.3) writes no zstd: createrepo_c's primary, filelists and other files are decompressed with their own tool
 * and compressed again with the {@code zstd} tool, and repomd.xml gets their new checksum, size and location (the
 * open-checksum and open-size, of the uncompressed XML, stay). As a program, it is a createrepo_c that does that after
 * the real one ran: the engine's createrepo_c command in tests. createrepo_c 0.17.3 cannot read the previous
 * snapshot's zstd metadata ({@code --update-md-path}: "C_CREATEREPOLIB: Critical: cr_metadata_load_xml: Error
 * encountered while parsing", exit code 0), so it then reads every package again: same output, slower.
 */
public final class ZstdRepodata {

    private static final Pattern DATA = Pattern.compile("<data type=\"(primary|filelists|other)\">(.*?)</data>", Pattern.DOTALL);
    private static final Pattern CHECKSUM = Pattern.compile("<checksum type=\"sha256\">[0-9a-f]+</checksum>");
    private static final Pattern LOCATION = Pattern.compile("<location href=\"repodata/([^\"]+)\"/>");
    private static final Pattern SIZE = Pattern.compile("<size>[0-9]+</size>");
    private static final Map<String, String> DECOMPRESSORS = Map.of(".gz", "gzip", ".xz", "xz", ".bz2", "bzip2");

    private ZstdRepodata() {
    }

    /** Runs the real createrepo_c with the arguments given, then recompresses its output (the last argument) to zstd. */
    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("createrepo_c"));
        command.addAll(List.of(args));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit == 0) {
            recompress(Path.of(args[args.length - 1]));
        }
        System.exit(exit);
    }

    /** An executable that runs {@link #main} in a new JVM with this test's class path, for {@code withCreaterepoCommand}. */
    public static Path createrepoCommand(Path directory) {
        // Absolute: createrepo_c runs in the snapshot's directory, and the benchmarks' class path is relative.
        String classPath = java.util.Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(java.io.File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path script = directory.resolve("createrepo_c-zstd");
        try {
            Files.createDirectories(directory);
            Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + classPath + "' "
                    + ZstdRepodata.class.getName() + " \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }

    /** Rewrites the primary, filelists and other metadata of {@code repository} as zstd, in place. */
    public static void recompress(Path repository) {
        Path repodata = repository.resolve("repodata");
        try {
            String repomd = Files.readString(repodata.resolve("repomd.xml"));
            StringBuilder rewritten = new StringBuilder();
            Matcher data = DATA.matcher(repomd);
            while (data.find()) {
                data.appendReplacement(rewritten, Matcher.quoteReplacement(recompressed(repodata, data.group(1), data.group(0))));
            }
            data.appendTail(rewritten);
            Files.writeString(repodata.resolve("repomd.xml"), rewritten.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String recompressed(Path repodata, String type, String element) throws IOException {
        Matcher location = LOCATION.matcher(element);
        if (!location.find()) {
            throw new IllegalStateException("no location in " + element);
        }
        String name = location.group(1);
        String suffix = name.substring(name.lastIndexOf('.'));
        String tool = DECOMPRESSORS.get(suffix);
        if (tool == null) {
            throw new IllegalStateException(name + ": not a gz, xz or bz2 file");
        }
        Path plain = repodata.resolve(".recompress-" + type + ".xml");
        Tools.Result decompressed = Tools.run("sh", "-c", tool + " -dc \"$0\" > \"$1\"", repodata.resolve(name).toString(), plain.toString());
        Path zst = repodata.resolve(".recompress-" + type + ".xml.zst");
        Tools.Result compressed = Tools.run("zstd", "-q", "-f", "--rm", plain.toString(), "-o", zst.toString());
        if (decompressed.exit() != 0 || compressed.exit() != 0) {
            throw new IllegalStateException("recompressing " + name + " failed: " + decompressed.out() + compressed.out());
        }
        String checksum = sha256(zst);
        String newName = checksum + "-" + type + ".xml.zst";
        Files.move(zst, repodata.resolve(newName));
        Files.delete(repodata.resolve(name));
        if (!CHECKSUM.matcher(element).find() || !SIZE.matcher(element).find()) {
            throw new IllegalStateException("no sha256 checksum or size in " + element);
        }
        String result = CHECKSUM.matcher(element).replaceFirst("<checksum type=\"sha256\">" + checksum + "</checksum>");
        result = SIZE.matcher(result).replaceFirst("<size>" + Files.size(repodata.resolve(newName)) + "</size>");
        return LOCATION.matcher(result).replaceFirst("<location href=\"repodata/" + newName + "\"/>");
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
