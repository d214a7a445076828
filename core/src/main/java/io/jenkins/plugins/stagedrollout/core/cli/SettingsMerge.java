package io.jenkins.plugins.stagedrollout.core.cli;

import io.jenkins.plugins.stagedrollout.core.repo.RepositoryException;
import io.jenkins.plugins.stagedrollout.core.repo.RootSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The command line against the settings the repository root keeps ({@link RootSettings}, written by the plugin): an
 * option not given comes from the file; an option given that contradicts it is refused, naming the file's value,
 * unless {@code --override-settings} (then the command line wins for this call; the file stays as it is).
 */
final class SettingsMerge {

    private final Optional<RootSettings> kept;
    private final Path file;
    private final boolean override;

    SettingsMerge(Path root, boolean override) {
        this.kept = RootSettings.read(root);
        this.file = RootSettings.file(root);
        this.override = override;
    }

    Optional<RootSettings> kept() {
        return kept;
    }

    /**
     * @param option    the option as written, e.g. {@code --keep}
     * @param given     whether the command line gave it
     * @param value     its value (the option's default when not given)
     * @param fromFile  the file's value; null when the file keeps none
     * @param shown     the value as the file and the command line write it, for the message
     */
    <T> T pick(String option, boolean given, T value, T fromFile, java.util.function.Function<T, String> shown) {
        if (kept.isEmpty() || fromFile == null) {
            return value;
        }
        if (!given) {
            return fromFile;
        }
        if (override || Objects.equals(value, fromFile)) {
            return value;
        }
        throw new RepositoryException(RepositoryException.Kind.BAD_INPUT, option + " " + shown.apply(value) + " contradicts the repository's settings: "
                + file + " says " + shown.apply(fromFile) + ".",
                "Leave " + option + " out to use the repository's setting, or add --override-settings to use " + shown.apply(value)
                        + " for this call (the file stays as it is).");
    }

    /** Signing a stage Jenkins does not sign: its next change there, without a key, would be refused (a signed stage stays signed). */
    void requireSigned() {
        if (kept.isPresent() && !kept.get().signed() && !override) {
            throw new RepositoryException(RepositoryException.Kind.BAD_INPUT, "Signing (--gpg-home, --gpg-key, --gpg-key-file) contradicts the "
                    + "repository's settings: " + file + " says its stages are unsigned.",
                    "Leave the signing options out, or add --override-settings to sign anyway (Jenkins then needs the key for every later "
                            + "change of that stage).");
        }
    }

    /** As --base-repo writes them: {@code el9/x86_64=LOCATION ...}; none: {@code none}. */
    static String describeBases(java.util.Map<String, java.util.List<String>> bases) {
        java.util.List<String> all = new java.util.ArrayList<>();
        bases.forEach((osArch, locations) -> locations.forEach(location -> all.add(osArch + "=" + location)));
        return all.isEmpty() ? "none" : String.join(" ", all);
    }
}
