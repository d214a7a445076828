package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The snapshots of one served repository. For {@code <root>/testing/el9/x86_64} they live in
 * {@code <root>/testing/el9/.snapshots/x86_64/<id>/} and the served path is a RELATIVE symbolic link
 * {@code x86_64 -> .snapshots/x86_64/<id>}, so the tree can be mounted or exported under another path.
 * A snapshot directory is complete before the link points at it and is never modified afterwards. It holds
 * {@code repodata/}, its {@link PackageList} and a relative link {@code packages -> ../.pool} to the package
 * pool, in which every package file lives once, however many snapshots list it.
 */
final class SnapshotStore {

    static final String SNAPSHOTS = ".snapshots";
    static final String POOL = ".pool";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String TRASH_PREFIX = ".trash-";
    private static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path served;
    private final Path directory;
    private final String label;

    SnapshotStore(Path served, String label) {
        this.served = served;
        this.directory = served.getParent().resolve(SNAPSHOTS).resolve(served.getFileName());
        this.label = label;
    }

    Path directory() {
        return directory;
    }

    Path lockFile() {
        return directory.resolve(".lock");
    }

    Path snapshot(String id) {
        return directory.resolve(id);
    }

    /** The package pool shared by the snapshots: {@code .pool/<id>/} holds the files snapshot {@code <id>} brought in. */
    Path pool() {
        return directory.resolve(POOL);
    }

    /** The snapshot clients see now; empty before the first publication. */
    Optional<String> servedId() {
        if (Files.isSymbolicLink(served)) {
            try {
                Path target = Files.readSymbolicLink(served);
                Path expectedParent = Path.of(SNAPSHOTS, served.getFileName().toString());
                if (target.getParent() != null && target.getParent().equals(expectedParent)) {
                    return Optional.of(target.getFileName().toString());
                }
                throw notManaged("is a symbolic link to " + target + ", not to one of its snapshots");
            } catch (IOException e) {
                throw ioFailure("read the link " + served, e);
            }
        }
        if (Files.exists(served, LinkOption.NOFOLLOW_LINKS)) {
            throw notManaged("is a plain directory, not a link to a snapshot");
        }
        return Optional.empty();
    }

    /** The outermost directory of {@link #directory()} that does not exist yet, if any. */
    Optional<Path> firstMissingDirectory() {
        Path missing = null;
        for (Path dir = directory; dir != null && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS); dir = dir.getParent()) {
            missing = dir;
        }
        return Optional.ofNullable(missing);
    }

    /** Removes {@link #directory()} and its parents up to {@code top} while they are empty. */
    void removeEmptyDirectoriesUpTo(Path top) {
        for (Path dir = directory; dir != null && dir.startsWith(top); dir = dir.getParent()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException notEmpty) {
                return;
            }
        }
    }

    /** Removes the served link: clients find no repository, as before its first publication. */
    void unpublish() throws IOException {
        Files.deleteIfExists(served);
    }

    /** Removes {@link #directory()} and its parents while they are empty, up to but not including {@code top}. */
    void removeEmptyDirectoriesBelow(Path top) {
        for (Path dir = directory; dir != null && dir.startsWith(top) && !dir.equals(top); dir = dir.getParent()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException notEmpty) {
                return;
            }
        }
    }

    /** Retained, complete snapshot ids, oldest first (ids sort by creation time). */
    List<String> ids() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw ioFailure("list " + directory, e);
        }
    }

    String newId(Clock clock) {
        String base = ID_FORMAT.format(clock.instant());
        String id = base;
        for (int n = 1; Files.exists(snapshot(id)) || Files.exists(directory.resolve(TEMP_PREFIX + id)) || Files.exists(pool().resolve(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** Where a snapshot is assembled; it gets its final name only when complete and verified. */
    Path temporary(String id) throws IOException {
        Files.createDirectories(directory);
        return Files.createDirectory(directory.resolve(TEMP_PREFIX + id));
    }

    Path complete(Path temporary, String id) throws IOException {
        return Files.move(temporary, snapshot(id), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The order in which this repository's states were last served, from its journal, its snapshots and its link. */
    ServedHistory history() {
        ServedJournal journal = journal();
        return ServedHistory.derive(journal.lines(), ids(), servedId(), journal.exists());
    }

    ServedJournal journal() {
        return new ServedJournal(directory);
    }

    /**
     * Journals the switch (before it: see {@link ServedHistory}), then switches. {@code withdrawing}: the snapshots
     * whose content this change takes out. A repository made before the journal gets one first, seeded with the
     * order its snapshots were made in.
     */
    void publish(String id, List<String> withdrawing, Clock clock) throws IOException {
        journalSwitch(id, withdrawing, clock);
        publish(id);
    }

    /** Journals that the stage serves nothing from now on, then removes the served link (an undo of a first publication). */
    void unpublish(List<String> withdrawing, Clock clock) throws IOException {
        journalSwitch(ServedJournal.NOTHING, withdrawing, clock);
        unpublish();
    }

    private void journalSwitch(String id, List<String> withdrawing, Clock clock) throws IOException {
        ServedJournal journal = journal();
        List<String> lines = new ArrayList<>();
        if (!journal.exists()) {
            // the target's own line follows: a new snapshot must not look served before (an undo looks for that)
            history().order().stream().filter(seen -> !seen.equals(id))
                    .forEach(seen -> lines.add(ServedJournal.served(ServedJournal.NOTHING, seen, List.of())));
        }
        lines.add(ServedJournal.served(clock.instant().toString(), id, withdrawing));
        journal.append(lines);
    }

    /** Switches the served link with one rename(2) of a new link over it: readers see old or new, never none. */
    void publish(String id) throws IOException {
        Path link = served.getParent().resolve("." + served.getFileName() + ".new-" + id);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(SNAPSHOTS, served.getFileName().toString(), id));
        try {
            Files.move(link, served, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(link);
            throw e;
        }
    }

    /**
     * Takes over a plain directory at the served path: it becomes snapshot {@code id} as it is (its packages and
     * repodata, byte for byte) and the served path a link to it. Java has no renameat2(RENAME_EXCHANGE) and Debian 12
     * no tool for it (coreutils 9.1 mv has no --exchange, util-linux 2.38 no exch), and a link cannot be renamed over a
     * directory: so the link is made first, then two renames in a row, the directory into the snapshots, the link into
     * its place. Between them (microseconds, see bench/adopt-window.sh) the served path does not exist. Journaled first,
     * like every switch; a kill between the renames leaves snapshot {@code id} retained and unserved ('rollback ID'
     * serves it). Caller holds the lock.
     *
     * @return nanoseconds from the first rename's start to the second's end: how long clients found no repository
     */
    long adopt(String id, Clock clock) throws IOException {
        Path link = served.getParent().resolve("." + served.getFileName() + ".new-" + id);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(SNAPSHOTS, served.getFileName().toString(), id));
        ServedJournal journal = journal();
        int lines = journal.lines().size();
        try {
            journal.append(List.of(ServedJournal.served(clock.instant().toString(), id, List.of())));
            long start = System.nanoTime();
            Files.move(served, snapshot(id), StandardCopyOption.ATOMIC_MOVE);
            try {
                Files.move(link, served, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(snapshot(id), served, StandardCopyOption.ATOMIC_MOVE);
                throw e;
            }
            return System.nanoTime() - start;
        } catch (IOException e) {
            Files.deleteIfExists(link);
            journal.truncate(lines);
            throw e;
        }
    }

    /** Removes what a crashed writer left behind: unfinished snapshots and unused new links. Caller holds the lock. */
    void removeLeftovers() throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                    deleteTree(entry);
                }
            }
        }
        RepositoryLock.removeAbandonedAttempts(lockFile());
        String linkPrefix = "." + served.getFileName() + ".new-";
        if (Files.isDirectory(served.getParent())) {
            try (Stream<Path> entries = Files.list(served.getParent())) {
                for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(linkPrefix)).toList()) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /**
     * Keeps the {@code keep} most recently served states (the served one included; withdrawn and never-served
     * snapshots go first). The others are journaled as pruned, then renamed to {@code .trash-<id>} (O(1)):
     * {@link #emptyTrash()} deletes their files during the next change, overlapping its createrepo_c run, unless that
     * change is the undo of this one, which renames them back ({@link #restore}).
     */
    List<String> prune(int keep, Clock clock) throws IOException {
        List<String> doomed = history().doomed(keep);
        if (!doomed.isEmpty()) {
            journal().append(List.of(ServedJournal.pruned(clock.instant().toString(), doomed)));
        }
        for (String id : doomed) {
            Files.move(snapshot(id), directory.resolve(TRASH_PREFIX + id), StandardCopyOption.ATOMIC_MOVE);
        }
        return doomed;
    }

    /** Renames a pruned snapshot back, if its trash is still there; true when it was. */
    boolean restore(String id) throws IOException {
        Path trash = directory.resolve(TRASH_PREFIX + id);
        if (!Files.isDirectory(trash, LinkOption.NOFOLLOW_LINKS) || Files.exists(snapshot(id), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Files.move(trash, snapshot(id), StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Deletes pruned snapshots. Caller holds the lock. */
    void emptyTrash() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(TRASH_PREFIX)).toList()) {
                deleteTree(entry);
            }
        }
    }

    /**
     * Deletes the pool files that no retained snapshot lists: those only pruned snapshots named, and those a
     * crashed or failed writer linked in. The pool directory of {@code building}, the snapshot being made, is
     * left alone. If any retained package list cannot be read, nothing is deleted. Caller holds the lock.
     *
     * @return how many files were deleted
     */
    int collectGarbage(String building) throws IOException {
        Path pool = pool();
        if (!Files.isDirectory(pool, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        PoolEntrySet named = new PoolEntrySet();
        for (String id : ids()) {
            if (PackageList.isIn(snapshot(id))) {
                PackageList.forEach(snapshot(id), href -> named.add(PackageList.poolEntry(href)));
            }
        }
        named.seal();
        int deleted = 0;
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(pool)) {
            for (Path poolDirectory : directories) {
                String poolId = poolDirectory.getFileName().toString();
                if (poolId.equals(building) || !Files.isDirectory(poolDirectory, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                boolean empty = true;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(poolDirectory)) {
                    for (Path file : files) {
                        if (named.contains(poolId + "/" + file.getFileName())) {
                            empty = false;
                        } else {
                            Files.delete(file);
                            deleted++;
                        }
                    }
                }
                if (empty) {
                    Files.delete(poolDirectory);
                }
            }
        }
        return deleted;
    }

    /** Removes the pool directory of a snapshot that failed, and the pool itself if that leaves it empty. */
    void discardPool(String id) throws IOException {
        deleteTree(pool().resolve(id));
        try {
            Files.deleteIfExists(pool());
        } catch (DirectoryNotEmptyException inUse) {
            // other snapshots' packages are there
        }
    }

    /**
     * Deletes a file tree without following links. Through a {@link SecureDirectoryStream} (Linux) each file
     * costs one unlinkat(2), no stat: deleting a pruned 11,000-package snapshot took about 80 ms of CPU instead
     * of 150 ms, and it runs beside createrepo_c.
     */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
                if (entries instanceof SecureDirectoryStream<Path> secure) {
                    empty(secure);
                } else {
                    walkAndDelete(root);
                    return;
                }
            }
        }
        Files.delete(root);
    }

    private static void empty(SecureDirectoryStream<Path> directory) throws IOException {
        for (Path entry : directory) {
            Path name = entry.getFileName();
            try {
                directory.deleteFile(name);
            } catch (FileSystemException maybeADirectory) {
                try (SecureDirectoryStream<Path> inner = directory.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    empty(inner);
                } catch (NotDirectoryException notADirectory) {
                    throw maybeADirectory;
                }
                directory.deleteDirectory(name);
            }
        }
    }

    private static void walkAndDelete(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private RepositoryException notManaged(String what) {
        return RepositoryException.badInput("The served path of " + label + " (" + served + ") " + what + ", so it cannot be switched atomically.",
                "Take it over first with the command 'adopt' (its content becomes the first snapshot; clients keep finding a repository).");
    }

    private static RepositoryException ioFailure(String action, IOException e) {
        return new RepositoryException(RepositoryException.Kind.IO_FAILURE, "Cannot " + action + ": " + e.getMessage() + ".",
                "Check permissions and free space of the repository filesystem.", e);
    }
}
