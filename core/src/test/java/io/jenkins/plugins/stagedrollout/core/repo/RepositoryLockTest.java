package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLockTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneOffset.UTC);
    private static final Duration LEASE = Duration.ofHours(2);

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private Path lockHeldBy(String host, long pid, Instant processStart, Instant acquired) throws IOException {
        Path lock = dir.resolve(".lock");
        Files.writeString(lock, new RepositoryLock.Owner(host, pid, processStart, acquired).render());
        return lock;
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    @Test
    void secondWriterIsRefusedWithTheHolderNamedAndTheLockIsFreedOnClose() {
        Path lock = dir.resolve(".lock");
        try (RepositoryLock held = RepositoryLock.acquire(lock, LEASE, NOW, log::add)) {
            assertThat(Files.readString(lock)).contains("pid=" + ProcessHandle.current().pid());
            assertThatThrownBy(() -> RepositoryLock.acquire(lock, LEASE, NOW, log::add))
                    .isInstanceOfSatisfying(RepositoryException.class, e -> assertThat(e.kind()).isEqualTo(RepositoryException.Kind.BUSY))
                    .hasMessage("The repository is locked by another writer: pid " + ProcessHandle.current().pid() + " on " + RepositoryLock.hostName()
                            + " since 2026-11-25T04:00:00Z (lock file " + lock + "). "
                            + "Fix: Wait for that promotion to finish and run again. If that process is surely gone, delete the lock file.");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(lock).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void lockOfADeadProcessOnThisHostIsBroken() throws Exception {
        long dead = deadPid();
        Path lock = lockHeldBy(RepositoryLock.hostName(), dead, Instant.parse("2026-11-25T03:59:00Z"), Instant.parse("2026-11-25T03:59:00Z"));

        try (RepositoryLock taken = RepositoryLock.acquire(lock, LEASE, NOW, log::add)) {
            assertThat(Files.readString(lock)).contains("pid=" + ProcessHandle.current().pid());
        }
        assertThat(log).containsExactly("Breaking stale lock " + lock + " held by pid " + dead + " on " + RepositoryLock.hostName()
                + " since 2026-11-25T03:59:00Z: its process is gone");
    }

    @Test
    void lockWhosePidWasReusedByAYoungerProcessIsBroken() throws Exception {
        Instant longBefore = ProcessHandle.current().info().startInstant().orElseThrow().minus(Duration.ofDays(1));
        Path lock = lockHeldBy(RepositoryLock.hostName(), ProcessHandle.current().pid(), longBefore, Instant.parse("2026-11-25T03:59:00Z"));

        RepositoryLock.acquire(lock, LEASE, NOW, log::add).close();

        assertThat(log).singleElement().asString().endsWith("its pid now belongs to another process");
    }

    @Test
    void lockOfAnotherHostIsRespectedWithinTheLeaseAndBrokenAfterIt() throws Exception {
        Path lock = lockHeldBy("build-02.example.org", 4242, Instant.parse("2026-11-25T01:00:00Z"), Instant.parse("2026-11-25T02:30:00Z"));
        assertThatThrownBy(() -> RepositoryLock.acquire(lock, LEASE, NOW, log::add))
                .hasMessageStartingWith("The repository is locked by another writer: pid 4242 on build-02.example.org since 2026-11-25T02:30:00Z");

        Clock later = Clock.offset(NOW, Duration.ofHours(1));
        RepositoryLock.acquire(lock, LEASE, later, log::add).close();
        assertThat(log).containsExactly("Breaking stale lock " + lock + " held by pid 4242 on build-02.example.org since 2026-11-25T02:30:00Z: "
                + "it is older than the lease of PT2H");
        assertThat(lock).doesNotExist();
    }
}
