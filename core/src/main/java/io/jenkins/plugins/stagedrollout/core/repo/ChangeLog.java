package io.jenkins.plugins.stagedrollout.core.repo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file {@code .snapshots/<arch>/.changes}: one JSON line per change of the repository (who, when, what, why),
 * appended after the switch, so a line tells of a change that happened. Repositories changed before it have no
 * such file: their snapshots have no recorded change. Caller holds the repository lock.
 */
final class ChangeLog {

    static final String FILE = ".changes";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    ChangeLog(Path snapshots) {
        this.file = snapshots.resolve(FILE);
    }

    void append(ChangeRecord entry) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("append to " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("delete " + file, e);
        }
    }

    /** The entries, oldest first; lines that cannot be read (a write cut short) are skipped. */
    List<ChangeRecord> entries() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<ChangeRecord> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    entries.add(JSON.readValue(line, ChangeRecord.class));
                } catch (JsonProcessingException partial) {
                    // a line cut by a crash: the change it would name is in the journal, not here
                }
            }
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("read " + file, e);
        }
        return List.copyOf(entries);
    }

    Optional<ChangeRecord> last() {
        List<ChangeRecord> all = entries();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The last change after which the stage served {@code snapshot}. */
    Optional<ChangeRecord> lastServing(String snapshot) {
        List<ChangeRecord> all = entries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (snapshot.equals(all.get(i).snapshot())) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }
}
