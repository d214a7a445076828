package io.jenkins.plugins.stagedrollout.core.rollout;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable history of one rollout: an append-only file of checksummed JSON lines, forced to disk after every
 * command. On open, a torn end (a crash in the middle of an append: a line without its newline, a bad last line,
 * or the first events of a command whose last event is missing) is reported and cut off; every earlier event is
 * kept. A bad line before the end is not a crash but damage, and is an error.
 */
public final class EventLog implements Closeable {
    private final Path file;
    private final FileChannel channel;
    private final List<Event> events;
    private final String recovery;

    private EventLog(Path file, FileChannel channel, List<Event> events, String recovery) {
        this.file = file;
        this.channel = channel;
        this.events = events;
        this.recovery = recovery;
    }

    public static EventLog open(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                lock(file, ch);
                return read(file, ch);
            } catch (RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new EventLogException("Cannot open event log " + file + ": " + e.getMessage()
                    + "; check that the directory exists and is writable", e);
        }
    }

    /** One writer per log: a second one would interleave appends. Released when the channel closes. */
    private static void lock(Path file, FileChannel ch) throws IOException {
        boolean locked;
        try {
            locked = ch.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            locked = false;
        }
        if (!locked) {
            throw new EventLogException("Event log " + file + " is already open for writing (in this or another process);"
                    + " close the other RolloutService first", null);
        }
    }

    private static EventLog read(Path file, FileChannel ch) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<Event> events = new ArrayList<>();
        long committedEnd = 0;
        int committedCount = 0;
        int start = 0;
        int lineNo = 0;
        String recovery = null;
        while (start < bytes.length) {
            lineNo++;
            int nl = indexOf(bytes, (byte) '\n', start);
            boolean lastLine = nl < 0 || nl == bytes.length - 1;
            Event e = nl < 0 ? null : EventCodec.decode(new String(bytes, start, nl - start, StandardCharsets.UTF_8));
            if (e == null) {
                if (!lastLine) {
                    throw new EventLogException("Event log " + file + " line " + lineNo + " is corrupt (checksum or JSON)"
                            + " and events follow it; restore the file from a backup, nothing was changed", null);
                }
                recovery = "line " + lineNo + " was torn (" + ((nl < 0 ? bytes.length : nl) - start) + " bytes"
                        + (nl < 0 ? ", no newline" : ", bad checksum") + ")";
                break;
            }
            events.add(e);
            start = nl + 1;
            if (e.endOfCommand()) {
                committedEnd = start;
                committedCount = events.size();
            }
        }
        if (committedCount < events.size()) {
            String dropped = (events.size() - committedCount) + " event(s) of an unfinished command";
            recovery = recovery == null ? dropped : dropped + " and " + recovery;
        }
        if (recovery != null) {
            ch.truncate(committedEnd);
            ch.force(true);
        }
        return new EventLog(file, ch, new ArrayList<>(events.subList(0, committedCount)),
                recovery == null ? null : "Recovered " + file + ": dropped " + recovery + " after event " + committedCount);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    public Path file() {
        return file;
    }

    /** Every committed event, oldest first. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** What was cut off a torn end when the log was opened, if anything. */
    public Optional<String> recovery() {
        return Optional.ofNullable(recovery);
    }

    /** Appends one command's events in one write and forces them to disk before returning. */
    public synchronized void append(List<Event> batch) {
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (Event e : batch) {
            sb.append(EventCodec.encode(e)).append('\n');
        }
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        long end = -1;
        try {
            end = channel.size();
            channel.position(end);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(true);
        } catch (IOException e) {
            undo(end);
            throw new EventLogException("Cannot append to event log " + file + ": " + e.getMessage()
                    + "; free disk space or fix permissions, the command was not recorded", e);
        }
        events.addAll(batch);
    }

    /** Cuts a half-written batch off so the next append does not follow a torn line. */
    private void undo(long end) {
        if (end >= 0) {
            try {
                channel.truncate(end);
            } catch (IOException ignored) {
                // the torn end is then cut off on the next open
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new EventLogException("Cannot close event log " + file + ": " + e.getMessage(), e);
        }
    }
}
