package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The RPM files of one stage directory and the selection of some of them. File names are listed once;
 * headers are read only for the files a pattern selects, unless a pattern needs them to match (a package
 * name or a NEVRA), so selecting by file name in a 10,000-package repository stays cheap.
 */
final class PackageCatalog {

    private static final int NAMES_SHOWN_IN_ERRORS = 30;

    private final Path directory;
    private final String label;
    private final List<String> fileNames;
    private final Map<String, RpmPackage> headers = new HashMap<>();

    private PackageCatalog(Path directory, String label, List<String> fileNames) {
        this.directory = directory;
        this.label = label;
        this.fileNames = fileNames;
    }

    /** The catalog of a directory (empty when it does not exist yet). */
    static PackageCatalog of(Path directory, String label) {
        if (!Files.isDirectory(directory)) {
            return new PackageCatalog(directory, label, List.of());
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<String> names = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".rpm") && !name.startsWith("."))
                    .sorted()
                    .toList();
            return new PackageCatalog(directory, label, names);
        } catch (IOException e) {
            throw new RepositoryException(RepositoryException.Kind.IO_FAILURE, "Cannot list " + directory + ": " + e.getMessage() + ".",
                    "Check that the directory is readable.", e);
        }
    }

    List<String> fileNames() {
        return fileNames;
    }

    Path directory() {
        return directory;
    }

    boolean contains(String fileName) {
        return Files.exists(directory.resolve(fileName), LinkOption.NOFOLLOW_LINKS);
    }

    /** The packages the selection names, each read and checked as an RPM; every pattern must match. */
    List<RpmPackage> select(PackageSelection selection) {
        Map<String, RpmPackage> selected = new LinkedHashMap<>();
        for (String pattern : selection.patterns()) {
            Predicate<String> byFileName = PackageSelection.fileNameMatcher(pattern);
            List<String> matches = fileNames.stream().filter(byFileName).toList();
            if (matches.isEmpty()) {
                Predicate<RpmPackage> byHeader = PackageSelection.headerMatcher(pattern);
                matches = fileNames.stream().filter(name -> readable(name) && byHeader.test(header(name))).toList();
            }
            if (matches.isEmpty()) {
                throw unknown(pattern);
            }
            readHeaders(matches);
            matches.forEach(name -> selected.put(name, header(name)));
        }
        return List.copyOf(selected.values());
    }

    /** Reads headers not read yet on all cores: a 1,000-package promotion reads 1,000 headers. */
    private void readHeaders(List<String> names) {
        List<String> unread = names.stream().filter(name -> !headers.containsKey(name)).toList();
        Map<String, RpmPackage> read = unread.parallelStream()
                .collect(java.util.stream.Collectors.toMap(name -> name, name -> RpmHeaderReader.read(directory.resolve(name))));
        headers.putAll(read);
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
        return headers.computeIfAbsent(fileName, name -> RpmHeaderReader.read(directory.resolve(name)));
    }

    private RepositoryException unknown(String pattern) {
        List<String> shown = new ArrayList<>(fileNames.subList(0, Math.min(NAMES_SHOWN_IN_ERRORS, fileNames.size())));
        String available = fileNames.isEmpty() ? "none (the repository is empty)"
                : String.join(", ", shown) + (fileNames.size() > shown.size() ? " ... and " + (fileNames.size() - shown.size()) + " more" : "");
        return RepositoryException.badInput("No package in " + label + " matches '" + pattern + "'. Available: " + available + ".",
                "Select by an existing file name, NEVRA, package name or glob.");
    }
}
