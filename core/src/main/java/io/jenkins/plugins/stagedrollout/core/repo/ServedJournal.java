package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The file {@code .snapshots/<arch>/.served}: one line per switch of the served link, appended and fsynced BEFORE
 * the switch, so the order in which states were served survives a restart and a kill -9 (see {@link ServedHistory}
 * for how a line whose switch never happened is recognised). Lines, oldest first:
 * <pre>
 * 2026-11-25T03:15:22.123Z served 20261125T031522.123Z               a publication, a rollback or an undo
 * 2026-11-25T03:20:01.002Z served 20261125T030105.871Z withdrawn A B  the switch also withdraws A and B
 * 2026-11-25T03:20:01.010Z served - withdrawn A                      the stage serves nothing any more
 * 2026-11-25T03:20:01.050Z pruned C D                                 written before C and D become trash
 * </pre>
 * Caller holds the repository lock.
 */
final class ServedJournal {

    static final String FILE = ".served";
    static final String NOTHING = "-";

    private final Path file;

    ServedJournal(Path snapshots) {
        this.file = snapshots.resolve(FILE);
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** The complete lines; a last line without its newline (a write cut by a power loss) never happened. */
    List<String> lines() {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : Arrays.stream(text.substring(0, end).split("\n")).filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("read " + file, e);
        }
    }

    /** Appends lines and forces them to disk before returning: the switch they announce comes after. */
    void append(List<String> lines) throws IOException {
        boolean created = !Files.exists(file);
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            channel.truncate(completeLength(channel));
            channel.position(channel.size());
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        if (created) {
            forceDirectory(file.getParent());
        }
    }

    /** Cuts the file back to its first {@code lineCount} lines (an undo restores the journal as it was); none: deletes it. */
    void truncate(int lineCount) throws IOException {
        if (lineCount == 0) {
            Files.deleteIfExists(file);
            forceDirectory(file.getParent());
            return;
        }
        long length = 0;
        for (String line : lines().subList(0, lineCount)) {
            length += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
            channel.force(true);
        }
    }

    /** The length up to and including the last newline: a partial last line is cut before appending. */
    private static long completeLength(FileChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long position = channel.size() - 1; position >= 0; position--) {
            one.clear();
            channel.read(one, position);
            if (one.get(0) == '\n') {
                return position + 1;
            }
        }
        return 0;
    }

    /** A new file's name is durable only once its directory is: fsync the directory (Linux allows it, read-only). */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // some filesystems refuse to sync a directory; the switch's own rename then orders nothing more
        }
    }

    static String served(String time, String id, List<String> withdrawn) {
        List<String> words = new ArrayList<>(List.of(time, "served", id));
        if (!withdrawn.isEmpty()) {
            words.add("withdrawn");
            words.addAll(withdrawn);
        }
        return String.join(" ", words);
    }

    static String pruned(String time, List<String> ids) {
        return time + " pruned " + String.join(" ", ids);
    }
}
