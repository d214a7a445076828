package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Engine promotion against bare {@code createrepo_c --update} on the same packages, in the same run
 * (run by bench/promotion-benchmark.sh, not a test). Usage: {@code PromotionBenchmark <workdir> <size> <repetitions>}.
 *
 * <p>For a repository of {@code size} packages: (1) promote 1 package, {@code repetitions} times; (2) promote
 * 1,000 packages at once, {@code min(repetitions, 5)} times (taking them out again between rounds). The baseline is a plain directory holding the same packages (hard links) where
 * only {@code createrepo_c --update} runs, the way a hand-made repository is refreshed (not atomic). A second
 * baseline runs {@code createrepo_c --update --pkglist} on another such directory: the same createrepo_c work
 * the engine asks for (no directory walk), so its ratio is the engine's own overhead.
 */
public final class PromotionBenchmark {

    private static final int BATCH = 1000;
    private static final int BATCH_ROUNDS = 5;

    private PromotionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int repetitions = Integer.parseInt(args[2]);
        Path pool = work.resolve("pool");
        List<Path> base = generate(pool, "base", size);
        List<Path> singles = generate(pool, "single", repetitions);
        List<Path> batch = generate(pool, "batch", BATCH);

        Path root = work.resolve("run-" + size);
        SnapshotStore.deleteTree(root);
        Path untested = root.resolve("untested/el9/x86_64");
        Path bare = root.resolve("bare/el9/x86_64");
        Path listed = root.resolve("bare-listed/el9/x86_64");
        Path list = root.resolve("bare-listed/pkglist");
        Files.createDirectories(untested);
        Files.createDirectories(bare);
        Files.createDirectories(listed);
        for (Path rpm : concat(base, singles, batch)) {
            Files.createLink(untested.resolve(rpm.getFileName()), rpm);
        }
        for (Path rpm : base) {
            Files.createLink(bare.resolve(rpm.getFileName()), rpm);
            Files.createLink(listed.resolve(rpm.getFileName()), rpm);
        }
        List<String> listedNames = new ArrayList<>(base.stream().map(rpm -> rpm.getFileName().toString()).toList());
        Files.write(list, listedNames);
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withSnapshotsToKeep(3)
                .withOutputSink(line -> {
                    if (line.contains(" ms")) {
                        System.out.println("    " + line); // where an engine promotion spends its time
                    }
                }));

        long setupEngine = time(() -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("base-*")));
        long setupBare = time(() -> createrepo(bare, false, null));
        createrepo(listed, false, list);
        System.out.printf("size %d: initial metadata: engine %.2f s, bare createrepo_c %.2f s%n", size, setupEngine / 1e9, setupBare / 1e9);

        List<Long> engineTimes = new ArrayList<>();
        List<Long> bareTimes = new ArrayList<>();
        List<Long> listedTimes = new ArrayList<>();
        long peakHeap = 0;
        for (Path single : singles) {
            resetPeaks();
            engineTimes.add(time(() -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of(single.getFileName().toString()))));
            peakHeap = Math.max(peakHeap, peakHeapUsed());
            Files.createLink(bare.resolve(single.getFileName()), single);
            bareTimes.add(time(() -> createrepo(bare, true, null)));
            Files.createLink(listed.resolve(single.getFileName()), single);
            listedNames.add(single.getFileName().toString());
            Files.write(list, listedNames);
            listedTimes.add(time(() -> createrepo(listed, true, list)));
        }
        report(size, "promote 1 package", engineTimes, bareTimes, listedTimes);

        // 1,000 at once, repeated: each round promotes the batch, is measured, then takes it out again (not measured).
        List<Long> engineBatch = new ArrayList<>();
        List<Long> bareBatch = new ArrayList<>();
        List<Long> listedBatch = new ArrayList<>();
        List<String> withoutBatch = List.copyOf(listedNames);
        for (int round = 0; round < Math.min(repetitions, BATCH_ROUNDS); round++) {
            resetPeaks();
            engineBatch.add(time(() -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("batch-*"))));
            peakHeap = Math.max(peakHeap, peakHeapUsed());
            for (Path rpm : batch) {
                Files.createLink(bare.resolve(rpm.getFileName()), rpm);
                Files.createLink(listed.resolve(rpm.getFileName()), rpm);
            }
            bareBatch.add(time(() -> createrepo(bare, true, null)));
            List<String> withBatch = new ArrayList<>(withoutBatch);
            batch.forEach(rpm -> withBatch.add(rpm.getFileName().toString()));
            Files.write(list, withBatch);
            listedBatch.add(time(() -> createrepo(listed, true, list)));
            if (round + 1 < Math.min(repetitions, BATCH_ROUNDS)) {
                engine.withdraw("testing", "el9", "x86_64", PackageSelection.of("batch-*"));
                for (Path rpm : batch) {
                    Files.delete(bare.resolve(rpm.getFileName()));
                    Files.delete(listed.resolve(rpm.getFileName()));
                }
                createrepo(bare, true, null);
                Files.write(list, withoutBatch);
                createrepo(listed, true, list);
            }
        }
        report(size, "promote " + BATCH + " packages at once", engineBatch, bareBatch, listedBatch);

        Path published = Tools.servedFile(root.resolve("testing/el9/x86_64"), singles.get(0).getFileName().toString());
        Object inode = Files.getAttribute(published, "unix:ino");
        System.out.printf("size %d: hard links: %s has inode %s (pool: %s), link count %s; packages in served snapshot: %d%n",
                size, published.getFileName(), inode, Files.getAttribute(singles.get(0), "unix:ino"),
                Files.getAttribute(published, "unix:nlink"), engine.packages("testing", "el9", "x86_64").size());
        System.out.printf("size %d: peak Java heap used during promotions: %.1f MiB (max heap %.0f MiB)%n",
                size, peakHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    /** Median and minimum: the machine may be shared, and the minimum is the least disturbed run. */
    private static void report(int size, String what, List<Long> engine, List<Long> bare, List<Long> listed) {
        double engineMedian = median(engine) / 1e9;
        double bareMedian = median(bare) / 1e9;
        double listedMedian = median(listed) / 1e9;
        double engineMin = Collections.min(engine) / 1e9;
        double bareMin = Collections.min(bare) / 1e9;
        double listedMin = Collections.min(listed) / 1e9;
        System.out.printf("size %d: %s: engine %.3f s, bare createrepo_c --update %.3f s, ratio %.2fx; bare --update --pkglist %.3f s, ratio %.2fx "
                        + "(median of %d); minimum %.3f s vs %.3f s (%.2fx) vs %.3f s (%.2fx)%n",
                size, what, engineMedian, bareMedian, engineMedian / bareMedian, listedMedian, engineMedian / listedMedian, engine.size(),
                engineMin, bareMin, engineMin / bareMin, listedMin, engineMin / listedMin);
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    interface Action {
        void run() throws Exception;
    }

    private static long time(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static void createrepo(Path directory, boolean update, Path pkglist) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("createrepo_c"));
        if (update) {
            command.add("--update");
        }
        if (pkglist != null) {
            command.addAll(List.of("--pkglist", pkglist.toString()));
        }
        command.add(directory.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("createrepo_c failed on " + directory);
        }
    }

    /** {@code count} RPMs named {@code prefix-NNNNN}, written once and reused by later runs. */
    private static List<Path> generate(Path pool, String prefix, int count) throws Exception {
        Files.createDirectories(pool);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> files = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = String.format("%s-%05d", prefix, i);
                Path expected = pool.resolve(name + "-1.0-1.noarch.rpm");
                files.add(workers.submit(() -> Files.exists(expected) ? expected : RpmFixtures.write(pool, name, "1.0", "1", "noarch")));
            }
            List<Path> paths = new ArrayList<>();
            for (Future<Path> file : files) {
                paths.add(file.get());
            }
            return paths;
        } finally {
            workers.shutdown();
        }
    }

    @SafeVarargs
    private static List<Path> concat(List<Path>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
