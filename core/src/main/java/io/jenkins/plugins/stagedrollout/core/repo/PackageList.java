package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packages of one snapshot, as the file {@code .pkglist} in it names them for {@code createrepo_c --pkglist}:
 * one location per line, {@code packages/<pool id>/<file name>}. {@code packages} is a relative link from the
 * snapshot to the repository's package pool, where each file lives in the directory of the snapshot that
 * brought it in. A snapshot thus holds its metadata and this list, not one link per package.
 */
record PackageList(List<String> hrefs) {

    static final String FILE = ".pkglist";
    static final String POOL_LINK = "packages";
    private static final String PREFIX = POOL_LINK + "/";

    PackageList {
        hrefs = List.copyOf(hrefs);
    }

    /** Snapshots written by this engine have a package list; a plain directory of RPM files has none. */
    static boolean isIn(Path directory) {
        return Files.isRegularFile(directory.resolve(FILE));
    }

    /** Reads and checks the list: a line that would lead out of the pool is refused, not followed. */
    static PackageList read(Path directory) throws IOException {
        List<String> hrefs = new ArrayList<>();
        forEach(directory, hrefs::add);
        return new PackageList(hrefs);
    }

    /** What is done with one location of a list. */
    @FunctionalInterface
    interface Line {
        void accept(String href) throws IOException;
    }

    /** Streams the checked locations of the list in {@code directory}, without holding them. */
    static void forEach(Path directory, Line href) throws IOException {
        Path file = directory.resolve(FILE);
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!isPooled(line)) {
                    throw new IOException("line " + number + " of " + file + " is not a pool location ('" + line + "')");
                }
                href.accept(line);
            }
        }
    }

    /**
     * Writes the list of a new snapshot, the kept locations (streamed) and then the new ones, without holding them.
     *
     * @return the digest of what was written, for the verification of createrepo_c's metadata
     */
    static LocationDigest write(Path directory, KeptLocations kept, List<String> newHrefs) throws IOException {
        LocationDigest digest = new LocationDigest();
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(FILE), StandardCharsets.UTF_8)) {
            Line line = href -> {
                out.write(href);
                out.newLine();
                digest.add(href);
            };
            kept.forEach(line);
            for (String href : newHrefs) {
                line.accept(href);
            }
        }
        return digest;
    }

    static String href(String poolId, String fileName) {
        return POOL_LINK + "/" + poolId + "/" + fileName;
    }

    /**
     * {@code packages/<pool id>/<file name>}: the pool id is a snapshot id (letters, digits, {@code . _ + -}, not
     * first a dot), the file name what a stage directory lists (no '/', no leading dot, ending in .rpm). No
     * line can thus lead out of the pool. Checked by hand: a regular expression per line cost more than reading.
     */
    static boolean isPooled(String href) {
        if (!href.startsWith(PREFIX) || !href.endsWith(".rpm")) {
            return false;
        }
        int slash = href.indexOf('/', PREFIX.length());
        if (slash <= PREFIX.length() || href.indexOf('/', slash + 1) >= 0 || slash + 1 >= href.length() || href.charAt(slash + 1) == '.') {
            return false;
        }
        for (int i = PREFIX.length(); i < slash; i++) {
            char c = href.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || (i > PREFIX.length() && ".-_+".indexOf(c) >= 0);
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** The file name a location ends with (what the engine and its users call the package). */
    static String fileName(String href) {
        return href.substring(href.lastIndexOf('/') + 1);
    }

    /** {@code <pool id>/<file name>}: the location (one {@link #isPooled}) relative to the pool directory. */
    static String poolEntry(String href) {
        return href.substring(PREFIX.length());
    }
}
