package io.jenkins.plugins.stagedrollout.core.repo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.stagedrollout.core.closure.MetadataCompression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings a repository root keeps for itself, in {@code <root>/.staged-rollout.json}: written by the
 * engine of the Jenkins plugin (which owns the configuration) on its changes, read by the command-line tool so
 * that a change at night runs with the settings the plugin runs with. Unknown fields are ignored (a newer
 * writer may add some).
 *
 * @param layout              the layout template, e.g. {@code {stage}/{os}/{arch}}
 * @param stages              the stages, in promotion order
 * @param keep                snapshots kept per repository
 * @param baseRepositories    {@code os/arch} -> locations of the base repositories the dependency check counts
 * @param metadataCompression gz, xz, bz2 or zstd; null: createrepo_c's default
 * @param signingKeyId        the key repomd.xml is signed with (id, fingerprint or e-mail); null when unsigned
 * @param signed              whether the stages are signed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RootSettings(String layout, List<String> stages, int keep, Map<String, List<String>> baseRepositories,
                           String metadataCompression, String signingKeyId, boolean signed) {

    public static final String FILE = ".staged-rollout.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public RootSettings {
        stages = stages == null ? List.of() : List.copyOf(stages);
        baseRepositories = baseRepositories == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(baseRepositories));
    }

    /** What an engine with this layout and these options runs with. */
    public static RootSettings of(StageLayout layout, EngineOptions options) {
        return new RootSettings(layout.template(), layout.stages(), options.snapshotsToKeep(), options.dependencies().baseRepositories(),
                options.metadataCompression().map(MetadataCompression::setting).orElse(null), options.signing().map(SigningOptions::keyId).orElse(null),
                options.signing().isPresent());
    }

    public static Path file(Path root) {
        return root.resolve(FILE);
    }

    /** The settings kept at {@code root}; empty when it keeps none. */
    public static Optional<RootSettings> read(Path root) {
        Path file = file(root);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RootSettings.class));
        } catch (IOException e) {
            throw RepositoryException.badInput("The repository's settings " + file + " cannot be read: " + e.getMessage() + ".",
                    "Repair the file (JSON) or delete it: the next change made by Jenkins writes it again.");
        }
    }

    /** The settings kept at {@code root}, if any can be read: a broken file is simply written again. */
    private static Optional<RootSettings> readable(Path root) {
        try {
            return read(root);
        } catch (RepositoryException broken) {
            return Optional.empty();
        }
    }

    /**
     * Writes these settings unless {@code root} keeps the same ones already: to a temporary file, then renamed over
     * the old one, so a reader sees the old or the new file, never a part.
     */
    public void writeTo(Path root) {
        if (readable(root).filter(this::equals).isPresent()) {
            return;
        }
        Path file = file(root);
        Path temporary = root.resolve(FILE + ".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        try {
            Files.createDirectories(root);
            Files.write(temporary, JSON.writeValueAsBytes(this));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the failure below is the one to report
            }
            throw SnapshotBuilder.ioFailure("write " + file, e);
        }
    }
}
