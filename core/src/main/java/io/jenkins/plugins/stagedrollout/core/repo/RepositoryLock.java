package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One writer per repository, across processes and machines that share the filesystem.
 *
 * <p>The lock is a file holding the owner's host, pid, process start time and acquisition time. It is
 * written completely under a unique temporary name and then hard-linked to the lock name: link(2) fails
 * atomically when the name exists, also on old NFS where O_EXCL is not (the method open(2) recommends),
 * and a crash can never leave a half-written lock. We do not rely on
 * {@code FileChannel.tryLock} (fcntl): on NFS it needs a working lockd/statd, is silently local-only on
 * some mounts, and is released when any descriptor of the file closes; a file that names its owner also
 * lets the error say who holds the repository.
 *
 * <p>A lock is stale, and broken, when its owner ran on this host and that process is gone (or the pid now
 * belongs to a younger process), or when it is older than the lease (an owner on another host that died).
 * Breaking renames the stale file to a unique name first, so two breakers cannot both win.
 */
final class RepositoryLock implements AutoCloseable {

    private final Path file;
    private final String content;

    private RepositoryLock(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    /** The owner as written in the lock file. */
    record Owner(String host, long pid, Instant processStart, Instant acquired) {

        static Owner parse(String text) {
            String host = "?";
            long pid = -1;
            Instant start = Instant.EPOCH;
            Instant acquired = Instant.EPOCH;
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq);
                String value = line.substring(eq + 1).strip();
                try {
                    switch (key) {
                        case "host" -> host = value;
                        case "pid" -> pid = Long.parseLong(value);
                        case "processStart" -> start = Instant.parse(value);
                        case "acquired" -> acquired = Instant.parse(value);
                        default -> { }
                    }
                } catch (RuntimeException unreadable) {
                    // a half-written lock file (its writer crashed mid-write) counts as old: the lease decides
                }
            }
            return new Owner(host, pid, start, acquired);
        }

        String render() {
            return "host=" + host + "\npid=" + pid + "\nprocessStart=" + processStart + "\nacquired=" + acquired + "\n";
        }

        @Override
        public String toString() {
            return "pid " + pid + " on " + host + " since " + acquired;
        }
    }

    static RepositoryLock acquire(Path file, Duration lease, Clock clock, java.util.function.Consumer<String> sink) {
        Owner me = new Owner(hostName(), ProcessHandle.current().pid(),
                ProcessHandle.current().info().startInstant().orElse(Instant.EPOCH), clock.instant());
        String content = me.render();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                if (tryCreate(file, content, me)) {
                    return new RepositoryLock(file, content);
                }
                Optional<String> held = read(file);
                if (held.isEmpty()) {
                    continue;
                }
                Owner holder = Owner.parse(held.get());
                Optional<String> staleReason = staleReason(holder, me, lease, clock, file);
                if (staleReason.isEmpty()) {
                    throw new RepositoryException(RepositoryException.Kind.BUSY,
                            "The repository is locked by another writer: " + holder + " (lock file " + file + ").",
                            "Wait for that promotion to finish and run again. If that process is surely gone, delete the lock file.");
                }
                sink.accept("Breaking stale lock " + file + " held by " + holder + ": " + staleReason.get());
                breakStale(file, held.get());
            } catch (IOException e) {
                throw SnapshotBuilder.ioFailure("create the lock file " + file, e);
            }
        }
        throw new RepositoryException(RepositoryException.Kind.BUSY, "The lock file " + file + " kept changing while we tried to take it.",
                "Another writer is racing for the repository; run again in a moment.");
    }

    /** Writes the owner under a unique name, then link(2)s it to the lock name, which fails if the name exists. */
    private static boolean tryCreate(Path file, String content, Owner me) throws IOException {
        Files.createDirectories(file.getParent());
        Path written = file.resolveSibling(file.getFileName() + ".new-" + me.host() + "-" + me.pid() + "-" + UUID.randomUUID());
        Files.writeString(written, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Files.createLink(file, written);
            return true;
        } catch (FileAlreadyExistsException busy) {
            return false;
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /** Deletes lock attempt files ({@code .lock.new-<host>-<pid>-...}) of dead processes of this host. */
    static void removeAbandonedAttempts(Path file) throws IOException {
        String prefix = file.getFileName() + ".new-" + hostName() + "-";
        try (java.util.stream.Stream<Path> entries = Files.list(file.getParent())) {
            for (Path attempt : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                String rest = attempt.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                long pid = dash > 0 && rest.substring(0, dash).chars().allMatch(Character::isDigit) ? Long.parseLong(rest.substring(0, dash)) : -1;
                if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                Files.deleteIfExists(attempt);
            }
        }
    }

    private static Optional<String> staleReason(Owner holder, Owner me, Duration lease, Clock clock, Path file) {
        if (holder.host().equals(me.host()) && holder.pid() > 0) {
            Optional<ProcessHandle> process = ProcessHandle.of(holder.pid());
            if (process.isEmpty() || !process.get().isAlive()) {
                return Optional.of("its process is gone");
            }
            Instant started = process.get().info().startInstant().orElse(holder.processStart());
            if (!holder.processStart().equals(Instant.EPOCH) && started.isAfter(holder.processStart().plusSeconds(1))) {
                return Optional.of("its pid now belongs to another process");
            }
            return Optional.empty();
        }
        Instant acquired = holder.acquired();
        if (acquired.equals(Instant.EPOCH)) {
            try {
                acquired = Files.getLastModifiedTime(file).toInstant();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        if (Duration.between(acquired, clock.instant()).compareTo(lease) > 0) {
            return Optional.of("it is older than the lease of " + lease);
        }
        return Optional.empty();
    }

    private static void breakStale(Path file, String staleContent) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".stale-" + UUID.randomUUID());
        try {
            Files.move(file, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException someoneElseBrokeIt) {
            return;
        }
        String moved = read(aside).orElse("");
        if (!moved.equals(staleContent)) {
            // Between our read and our rename another breaker replaced the stale lock by a live one: give it back.
            try {
                Files.move(aside, file);
                return;
            } catch (FileAlreadyExistsException alreadyRetaken) {
                // a third writer took the free lock meanwhile; the live lock we moved is gone with its owner's turn
            }
        }
        Files.deleteIfExists(aside);
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("");
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
    }

    @Override
    public void close() {
        try {
            if (read(file).filter(content::equals).isPresent()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a lock we cannot delete is broken as stale by the next writer (dead pid or lease)
        }
    }
}
