package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The RPM files of one stage directory and the selection of some of them. The directory is a plain directory
 * of RPM files (a source stage such as {@code untested}) or a snapshot, whose {@link PackageList} says where
 * in the pool each file is. File names are listed once; headers are read only for the files a pattern
 * selects, unless a pattern needs them to match (a package name or a NEVRA), so selecting by file name in a
 * 10,000-package repository stays cheap.
 */
final class PackageCatalog {

    private static final int NAMES_SHOWN_IN_ERRORS = 30;

    private final Path directory;
    private final String label;
    private final Map<String, RpmPackage> headers = new HashMap<>();
    private Map<String, String> locations;
    private List<String> fileNames;

    private PackageCatalog(Path directory, String label) {
        this.directory = directory;
        this.label = label;
    }

    /** The catalog of a directory (empty when it does not exist yet); the directory is listed when first needed. */
    static PackageCatalog of(Path directory, String label) {
        return new PackageCatalog(directory, label);
    }

    List<String> fileNames() {
        if (fileNames == null) {
            fileNames = List.copyOf(locations().keySet());
        }
        return fileNames;
    }

    /** Where the file is, relative to the directory: its own name, or its location in the pool. */
    String href(String fileName) {
        String href = locations().get(fileName);
        return href != null ? href : fileName;
    }

    Path path(String fileName) {
        return directory.resolve(href(fileName));
    }

    private Map<String, String> locations() {
        if (locations == null) {
            locations = PackageList.isIn(directory) ? listed(directory) : list(directory);
        }
        return locations;
    }

    private static Map<String, String> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            Map<String, String> names = new LinkedHashMap<>();
            files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".rpm") && !name.startsWith("."))
                    .sorted()
                    .forEach(name -> names.put(name, name));
            return names;
        } catch (IOException e) {
            throw new RepositoryException(RepositoryException.Kind.IO_FAILURE, "Cannot list " + directory + ": " + e.getMessage() + ".",
                    "Check that the directory is readable.", e);
        }
    }

    private static Map<String, String> listed(Path snapshot) {
        try {
            Map<String, String> names = new LinkedHashMap<>();
            for (String href : PackageList.read(snapshot).hrefs()) {
                if (names.put(PackageList.fileName(href), href) != null) {
                    throw new IOException(snapshot.resolve(PackageList.FILE) + " names " + PackageList.fileName(href) + " twice");
                }
            }
            return names;
        } catch (IOException e) {
            throw unreadableList(snapshot, e);
        }
    }

    static RepositoryException unreadableList(Path snapshot, IOException e) {
        return new RepositoryException(RepositoryException.Kind.IO_FAILURE, "Cannot read the package list of snapshot " + snapshot + ": "
                + e.getMessage() + ".", "The snapshot was changed by hand; roll back to another retained snapshot (command 'snapshots').", e);
    }

    Path directory() {
        return directory;
    }

    /**
     * An exact file name that a listing would show: found without listing the directory (a single package
     * promoted into a 10,000-package stage need not list 10,000 names).
     */
    private boolean isListedFile(String pattern) {
        return !PackageSelection.isGlob(pattern) && pattern.endsWith(".rpm") && !pattern.startsWith(".") && !PackageList.isIn(directory)
                && Files.exists(directory.resolve(pattern), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The selected file names, and their headers on demand: a promotion takes the NEVRAs from createrepo_c's
     * metadata and reads headers only to name a file createrepo_c could not read. Every pattern must match.
     */
    Selection selectFileNames(PackageSelection selection) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String pattern : selection.patterns()) {
            List<String> matches = isListedFile(pattern) ? List.of(pattern)
                    : fileNames().stream().filter(PackageSelection.fileNameMatcher(pattern)).toList();
            if (matches.isEmpty()) {
                Predicate<RpmPackage> byHeader = PackageSelection.headerMatcher(pattern);
                matches = fileNames().stream().filter(name -> readable(name) && byHeader.test(header(name))).toList();
            }
            if (matches.isEmpty()) {
                throw unknown(pattern);
            }
            chosen.addAll(matches);
        }
        return new Selection(List.copyOf(chosen), this);
    }

    /** The packages the selection names, each read and checked as an RPM; every pattern must match. */
    List<RpmPackage> select(PackageSelection selection) {
        return selectFileNames(selection).packages();
    }

    /** Selected file names, and their headers when asked for. */
    record Selection(List<String> fileNames, PackageCatalog catalog) {

        /** Reads the headers not read yet (in parallel); a file that is not a valid RPM fails with its own error. */
        List<RpmPackage> packages() {
            return catalog.headers(fileNames);
        }
    }

    private List<RpmPackage> headers(List<String> names) {
        Map<String, RpmPackage> known = Map.copyOf(headers);
        List<RpmPackage> read = names.parallelStream()
                .map(name -> known.containsKey(name) ? known.get(name) : RpmHeaderReader.read(path(name)))
                .toList();
        read.forEach(rpm -> headers.put(rpm.fileName(), rpm));
        return read;
    }

    /** A file that is not a valid RPM cannot match a name or NEVRA; it is reported only when selected by file name. */
    private boolean readable(String fileName) {
        try {
            header(fileName);
            return true;
        } catch (RepositoryException notAnRpm) {
            if (notAnRpm.kind() != RepositoryException.Kind.BAD_INPUT) {
                throw notAnRpm;
            }
            return false;
        }
    }

    RpmPackage header(String fileName) {
        return headers.computeIfAbsent(fileName, name -> RpmHeaderReader.read(path(name)));
    }

    private RepositoryException unknown(String pattern) {
        List<String> fileNames = fileNames();
        List<String> shown = new ArrayList<>(fileNames.subList(0, Math.min(NAMES_SHOWN_IN_ERRORS, fileNames.size())));
        String available = fileNames.isEmpty() ? "none (the repository is empty)"
                : String.join(", ", shown) + (fileNames.size() > shown.size() ? " ... and " + (fileNames.size() - shown.size()) + " more" : "");
        return RepositoryException.badInput("No package in " + label + " matches '" + pattern + "'. Available: " + available + ".",
                "Select by an existing file name, NEVRA, package name or glob.");
    }
}
