package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which packages to move: each pattern is an exact file name ({@code foo-1.0-1.noarch.rpm}), a NEVRA
 * ({@code foo-1.0-1.noarch} or {@code foo-0:1.0-1.noarch}), a package name ({@code foo}) or a glob
 * ({@code foo-*.rpm}, {@code foo-1.*}). Every pattern must match at least one package.
 */
public record PackageSelection(List<String> patterns) implements Serializable {

    public PackageSelection {
        if (patterns == null || patterns.stream().allMatch(p -> p == null || p.isBlank())) {
            throw RepositoryException.badInput("The package selection is empty.",
                    "Name at least one package: a file name, a NEVRA, a package name or a glob such as 'foo-*'.");
        }
        patterns = patterns.stream().filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
        for (String pattern : patterns) {
            if (pattern.contains("/") || pattern.contains("\\") || pattern.startsWith("..") || pattern.startsWith(".")) {
                throw RepositoryException.badInput("The package pattern '" + pattern + "' escapes the stage directory.",
                        "Give file names, NEVRAs or globs without '/', '\\' or a leading '.'.");
            }
        }
    }

    public static PackageSelection of(String... patterns) {
        return new PackageSelection(patterns == null ? List.of() : Arrays.asList(patterns));
    }

    public static PackageSelection of(List<String> patterns) {
        return new PackageSelection(patterns);
    }

    /** Patterns separated by commas or white space, as typed in a Jenkinsfile or a shell. */
    public static PackageSelection parse(String text) {
        return of(text == null ? new String[0] : text.split("[,\\s]+"));
    }

    static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** Names the file without reading its header: exact file name, or a glob on the file name. */
    static Predicate<String> fileNameMatcher(String pattern) {
        if (isGlob(pattern)) {
            PathMatcher matcher = glob(pattern);
            return fileName -> matcher.matches(Path.of(fileName));
        }
        return pattern::equals;
    }

    /** Names the package by name, NEVRA (with or without epoch), file name, or a glob on the NEVRA. */
    static Predicate<RpmPackage> headerMatcher(String pattern) {
        if (isGlob(pattern)) {
            PathMatcher matcher = glob(pattern);
            return rpm -> matcher.matches(Path.of(rpm.nevra())) || matcher.matches(Path.of(rpm.fullNevra()))
                    || matcher.matches(Path.of(rpm.fileName()));
        }
        return rpm -> pattern.equals(rpm.fileName()) || pattern.equals(rpm.name()) || pattern.equals(rpm.nevra())
                || pattern.equals(rpm.fullNevra());
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
