package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long clients find no repository while {@code adopt} takes a plain directory over (run by bench/adopt-window.sh,
 * not a test). Usage: {@code AdoptBenchmark <workdir> <packages> <rounds>}. Each round copies a hand-made repository
 * (hard links) to {@code production/el9/x86_64}, adopts it while a reader thread reads
 * {@code production/el9/x86_64/repodata/repomd.xml} in a tight loop, counting reads that fail, and records the gap the
 * engine measures between the start of its first rename and the end of its second; then removes the snapshot layout.
 * Each adopt call's start and end (System.nanoTime) go to {@code windows.txt}, for a reader in another process.
 */
public final class AdoptBenchmark {

    private static final Pattern GAP = Pattern.compile("missing for (\\d+) µs");

    private AdoptBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path template = work.resolve("template");
        if (!Files.isDirectory(template.resolve("repodata"))) {
            for (int i = 0; i < size; i++) {
                RpmFixtures.write(template, "pkg" + i, "1.0", "1.el9", "noarch");
            }
            Tools.createrepo(template);
        }
        Path root = work.resolve("root");
        Path production = root.resolve("production/el9/x86_64");
        List<Long> gaps = new ArrayList<>();
        AtomicLong reads = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Path repomd = production.resolve("repodata/repomd.xml");
        List<String> windows = new ArrayList<>();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withOutputSink(log::add));
        for (int round = 0; round < rounds; round++) {
            SnapshotStore.deleteTree(root);
            Files.createDirectories(production.getParent());
            Tools.Result copied = Tools.run("cp", "-al", template.toString(), production.toString());
            if (copied.exit() != 0) {
                throw new IllegalStateException(copied.out());
            }
            stop.set(false);
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    reads.incrementAndGet();
                    try {
                        Files.readAllBytes(repomd);
                    } catch (IOException missing) {
                        failures.incrementAndGet();
                    }
                }
            });
            reader.start();
            Thread.sleep(20);
            log.clear();
            long start = System.nanoTime();
            engine.adopt("production", "el9", "x86_64");
            windows.add(start + " " + System.nanoTime());
            Thread.sleep(20);
            stop.set(true);
            reader.join();
            for (String line : log) {
                Matcher gap = GAP.matcher(line);
                if (gap.find()) {
                    gaps.add(Long.parseLong(gap.group(1)));
                }
            }
        }
        // System.nanoTime is CLOCK_MONOTONIC on Linux: the reader process compares its failures' times with these
        Files.write(work.resolve("windows.txt"), windows);
        Collections.sort(gaps);
        System.out.printf("adopt of %d packages, %d rounds: gap (served path missing) min %d µs, median %d µs, p90 %d µs, max %d µs%n",
                size, rounds, gaps.get(0), gaps.get(gaps.size() / 2), gaps.get(gaps.size() * 9 / 10), gaps.get(gaps.size() - 1));
        System.out.printf("reader thread: %d reads of repodata/repomd.xml, %d failed (%.2f per adopt)%n", reads.get(), failures.get(),
                failures.get() / (double) rounds);
    }
}
