package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the stage repositories live: {@code root} plus a template such as {@code {stage}/{os}/{arch}}.
 * Stage names are values (default untested, testing, production), never hard-coded paths.
 */
public record StageLayout(Path root, String template, List<String> stages) {

    public static final String DEFAULT_TEMPLATE = "{stage}/{os}/{arch}";
    public static final List<String> DEFAULT_STAGES = List.of("untested", "testing", "production");

    /** One path component: no separators, no "..", no leading dot (those names are the engine's own). */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+-]*");

    public StageLayout {
        if (root == null) {
            throw RepositoryException.badInput("The repository root is missing.", "Give the directory that holds the stage repositories.");
        }
        root = root.toAbsolutePath().normalize();
        if (template == null || !template.contains("{stage}") || !template.contains("{os}") || !template.contains("{arch}")) {
            throw RepositoryException.badInput("The layout template '" + template + "' lacks {stage}, {os} or {arch}.",
                    "Use a relative template with all three placeholders, e.g. " + DEFAULT_TEMPLATE + ".");
        }
        if (template.startsWith("/") || List.of(template.split("/")).contains("..")) {
            throw RepositoryException.badInput("The layout template '" + template + "' escapes the repository root.",
                    "Use a relative template without '..', e.g. " + DEFAULT_TEMPLATE + ".");
        }
        if (stages == null || stages.isEmpty()) {
            throw RepositoryException.badInput("No stage names were given.", "Give at least two stage names, e.g. " + String.join(",", DEFAULT_STAGES) + ".");
        }
        stages = List.copyOf(stages);
        for (String stage : stages) {
            requirePlainName("stage name", stage);
        }
    }

    public static StageLayout of(Path root) {
        return new StageLayout(root, DEFAULT_TEMPLATE, DEFAULT_STAGES);
    }

    public static StageLayout of(Path root, String template, List<String> stages) {
        return new StageLayout(root, template, stages);
    }

    /**
     * The path clients are served for one stage, OS and architecture (a symbolic link to a snapshot
     * once the engine has published there). Checks that nothing escapes the root, including through
     * symbolic links in existing parent directories.
     */
    public Path servedPath(String stage, String os, String arch) {
        requireStage(stage);
        requirePlainName("OS", os);
        requirePlainName("architecture", arch);
        String relative = template.replace("{stage}", stage).replace("{os}", os).replace("{arch}", arch);
        Path served = root.resolve(relative).normalize();
        if (!served.startsWith(root) || served.equals(root)) {
            throw escape(relative);
        }
        requireNoSymlinkEscape(served.getParent(), relative);
        return served;
    }

    /** A short label for messages: {@code testing/el9/x86_64}. */
    public String label(String stage, String os, String arch) {
        return stage + "/" + os + "/" + arch;
    }

    public void requireStage(String stage) {
        if (stage == null || !stages.contains(stage)) {
            throw RepositoryException.badInput("Unknown stage '" + stage + "'.",
                    "Use one of the configured stages: " + String.join(", ", stages) + ".");
        }
    }

    /** Follows the parent directories that exist: their real path must stay under the root's real path. */
    void requireNoSymlinkEscape(Path path, String shownAs) {
        Path existing = path;
        while (existing != null && existing.startsWith(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.startsWith(root) || !Files.exists(root)) {
            return;
        }
        try {
            if (!existing.toRealPath().startsWith(root.toRealPath())) {
                throw escape(shownAs);
            }
        } catch (IOException e) {
            throw escape(shownAs);
        }
    }

    private static RepositoryException escape(String shownAs) {
        return RepositoryException.badInput("The path '" + shownAs + "' escapes the repository root (through '..', an absolute path or a symbolic link).",
                "Use plain stage, OS and architecture names and keep every directory of the layout inside the root.");
    }

    static void requirePlainName(String what, String value) {
        if (value == null || !PLAIN_NAME.matcher(value).matches()) {
            boolean escapes = value != null && (value.contains("/") || value.contains("\\") || value.contains(".."));
            throw RepositoryException.badInput(
                    (escapes ? "The " + what + " '" + value + "' escapes the repository root." : "The " + what + " '" + value + "' is not a plain name."),
                    "Use letters, digits and . _ + - only (no '/', no '..', no leading dot), e.g. el9 or x86_64.");
        }
    }
}
