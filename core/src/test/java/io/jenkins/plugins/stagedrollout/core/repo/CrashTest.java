package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a promoting JVM ({@link CrashPromoter}) at random points, 50 times, while a reader reads the served
 * repository through its path the way a web server does for dnf: repomd.xml, then every file it names,
 * then every package primary.xml names. Zero broken reads, zero lost packages, and every next process
 * breaks the stale lock and carries on. Between promotions bad packages are promoted and taken out again (undo or
 * rollback to the previous state): after every kill, the state a rollback by one step would serve holds none of them.
 */
class CrashTest {

    private static final int KILLS = 50;
    // More than 50 runs can publish: a run that finds nothing left to promote ends before it is killed. At about
    // 30 ms per promotion, a run publishes up to ~30 packages in the 800 ms it may live after its first one.
    private static final int PACKAGES = 1500;

    @TempDir
    Path root;
    @TempDir
    Path dnfCache;

    private final Set<String> committed = ConcurrentHashMap.newKeySet();
    private final List<String> brokenReads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger staleLocksBroken = new AtomicInteger();
    private final AtomicInteger withdrawn = new AtomicInteger();
    private final AtomicInteger readsAcrossRollback = new AtomicInteger();
    private final List<String> badPrevious = new ArrayList<>();

    @Test
    void killedPromotionsNeverBreakOrLoseAnything() throws Exception {
        Path untested = root.resolve("untested/el9/x86_64");
        for (int i = 0; i < PACKAGES; i++) {
            RpmFixtures.write(untested, String.format("pkg-%04d", i), "1.0", "1", "noarch");
            if (i % 5 == 3) {
                RpmFixtures.write(untested, String.format("bad-%04d", i), "1.0", "1", "noarch");
            }
        }
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults());
        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("pkg-0000-1.0-1.noarch.rpm"));
        committed.add("pkg-0000-1.0-1.noarch.rpm");

        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                readOnce(root.resolve("testing/el9/x86_64"));
                pause(); // leaves the second core to the promoter: the machine has two
            }
        }, "reader");
        reader.start();

        Random random = new Random(20261125);
        int published = 0;
        for (int run = 0; run < KILLS; run++) {
            int before = committed.size();
            Process child = startPromoter(PACKAGES);
            Thread output = follow(child);
            // Every child first breaks its killed predecessor's lock and publishes once, so the runs make
            // progress however slow the machine is; then it dies at a random point of a later promotion.
            awaitPublicationBeyond(before, child);
            Thread.sleep(random.nextInt(800));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            output.join(10_000);
            published = committed.size();
            checkPrevious(engine);
        }
        Process last = startPromoter(5);
        Thread output = follow(last);
        assertThat(last.waitFor(300, TimeUnit.SECONDS)).as("the last promoter finishes").isTrue();
        output.join(10_000);
        reading.set(false);
        reader.join();

        assertThat(last.exitValue()).isZero();
        assertThat(brokenReads).as("broken reads out of " + reads.get()).isEmpty();
        assertThat(reads.get()).isGreaterThan(100);
        assertThat(published).as("packages published between kills").isGreaterThan(KILLS);
        assertThat(staleLocksBroken.get()).as("stale locks broken after kills").isPositive();
        assertThat(withdrawn.get()).as("bad packages taken out").isPositive();
        assertThat(badPrevious).as("previous states holding a withdrawn package").isEmpty();
        assertThat(committed).hasSizeGreaterThan(published);
        List<String> served = Tools.dnfList(root.resolve("testing/el9/x86_64"), dnfCache);
        assertThat(served).containsAll(committed.stream().map(name -> name.replace(".rpm", "")).toList());
        assertThat(served).allMatch(nevra -> nevra.matches("pkg-[01][0-9]{3}-1.0-1.noarch"));
        try (Stream<Path> leftovers = Files.list(root.resolve("testing/el9/.snapshots/x86_64"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".tmp-") || name.startsWith(".lock"));
        }
        System.out.printf("CrashTest: %d kills, %d reads, %d stale locks broken, %d packages committed before the last run, %d bad ones taken out, %d reads across a rollback%n",
                KILLS, reads.get(), staleLocksBroken.get(), published, withdrawn.get(), readsAcrossRollback.get());
    }

    /** The state a rollback by one step would serve, as the next process finds it after a kill, never holds a bad package. */
    private void checkPrevious(RepositoryEngine engine) {
        SnapshotStore store = new SnapshotStore(root.resolve("testing/el9/x86_64"), "testing");
        for (SnapshotInfo info : engine.snapshots("testing", "el9", "x86_64")) {
            List<String> names = PackageCatalog.of(store.snapshot(info.id()), "testing").fileNames();
            if (info.state() == SnapshotInfo.State.PREVIOUS && names.stream().anyMatch(name -> name.startsWith("bad-"))) {
                badPrevious.add(info.id() + " " + names.stream().filter(name -> name.startsWith("bad-")).toList());
            }
        }
    }

    private void awaitPublicationBeyond(int count, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (committed.size() <= count && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(committed.size()).as("a promoter published before it was killed").isGreaterThan(count);
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process startPromoter(int limit) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashPromoter.class.getName(), root.toString(), String.valueOf(limit))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private Thread follow(Process child) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("PUBLISHED ")) {
                        committed.add(line.substring("PUBLISHED ".length()));
                    } else if (line.startsWith("WITHDRAWN ")) {
                        withdrawn.incrementAndGet();
                    } else if (line.startsWith("STALE ")) {
                        staleLocksBroken.incrementAndGet();
                    }
                }
            } catch (IOException killed) {
                // the pipe closes when the child is killed
            }
        }, "promoter-output");
        thread.start();
        return thread;
    }

    /**
     * One read as a client would do it through the served path; anything missing or unparseable is a broken read, unless
     * the link went back to an older snapshot meanwhile (a rollback or an undo): no snapshot can hold the metadata of
     * one made after it, so such a read fails for a real client too, which reads repomd.xml again.
     */
    private void readOnce(Path served) {
        Set<String> mustBeThere = new HashSet<>(committed);
        reads.incrementAndGet();
        String before = target(served);
        List<String> broken = new ArrayList<>();
        try {
            RepodataReader.Repomd repomd = RepodataReader.readRepomd(served);
            for (String href : repomd.hrefs()) {
                if (!Files.isRegularFile(served.resolve(href))) {
                    broken.add("repomd.xml names missing " + href);
                }
            }
            Map<String, String> packages = RepodataReader.readPrimary(served, repomd.primaryHref());
            for (String href : packages.keySet()) {
                if (!Files.isRegularFile(served.resolve(href))) {
                    broken.add("primary names missing package " + href);
                }
            }
            Set<String> lost = new HashSet<>(mustBeThere);
            packages.keySet().forEach(href -> lost.remove(href.substring(href.lastIndexOf('/') + 1)));
            if (!lost.isEmpty()) {
                broken.add("lost committed packages " + lost);
            }
        } catch (IOException | RuntimeException e) {
            broken.add("unreadable: " + e);
        }
        if (!broken.isEmpty() && target(served).compareTo(before) < 0) {
            readsAcrossRollback.incrementAndGet();
        } else {
            brokenReads.addAll(broken);
        }
    }

    private static String target(Path served) {
        try {
            return Files.readSymbolicLink(served).getFileName().toString();
        } catch (IOException e) {
            return "";
        }
    }
}
