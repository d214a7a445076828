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
 * 1,000 packages at once, {@code min(repetitions, 5)} times (taking them out again between rounds). Each round
 * measures, one after the other on the same packages:
 * <ul>
 * <li>the engine with its defaults (XML metadata, no sqlite databases), into {@code testing};
 * <li>the engine writing the sqlite databases too ({@code withSqliteDatabases(true)}), into {@code production};
 * <li>bare {@code createrepo_c --update} with the tool's own defaults (createrepo_c before 1.0 writes the
 *     databases) on a plain directory holding the same packages (hard links, made before the clock starts),
 *     the way a hand-made repository is refreshed (not atomic): the reference the target names;
 * <li>bare {@code createrepo_c --update --no-database} on another such directory: the same output as the
 *     engine's default, so that ratio is the engine's own overhead.
 * </ul>
 */
public final class PromotionBenchmark {

    private static final int BATCH = 1000;
    private static final int BATCH_ROUNDS = 5;
    private static final String EL9 = "el9";
    private static final String ARCH = "x86_64";

    private PromotionBenchmark() {
    }

    /** The four ways of adding packages, timed in nanoseconds per round. */
    private record Timings(List<Long> engine, List<Long> engineSqlite, List<Long> bare, List<Long> bareXmlOnly) {
        Timings() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** COMPRESSION=gz|xz|bz2 in the environment: engine and bare createrepo_c write that (--general-compress-type); unset: the default. */
    private static final String COMPRESSION = System.getenv("COMPRESSION");

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
        Path xmlOnly = root.resolve("bare-xml-only/el9/x86_64");
        Files.createDirectories(untested);
        Files.createDirectories(bare);
        Files.createDirectories(xmlOnly);
        for (Path rpm : concat(base, singles, batch)) {
            Files.createLink(untested.resolve(rpm.getFileName()), rpm);
        }
        link(base, bare, xmlOnly);
        EngineOptions options = EngineOptions.defaults().withMetadataCompression(COMPRESSION).withSnapshotsToKeep(3).withOutputSink(line -> {
            if (line.contains(" ms")) {
                System.out.println("    " + line); // where an engine promotion spends its time
            }
        });
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), options);
        RepositoryEngine engineSqlite = RepositoryEngine.create(StageLayout.of(root), options.withSqliteDatabases(true));

        long setupEngine = time(() -> engine.promote("untested", "testing", EL9, ARCH, PackageSelection.of("base-*")));
        engineSqlite.promote("untested", "production", EL9, ARCH, PackageSelection.of("base-*"));
        long setupBare = time(() -> createrepo(bare, false));
        createrepo(xmlOnly, false, "--no-database");
        System.out.printf("size %d: initial metadata: engine %.2f s, bare createrepo_c %.2f s%n", size, setupEngine / 1e9, setupBare / 1e9);

        Timings singleTimes = new Timings();
        long peakHeap = 0;
        for (Path single : singles) {
            PackageSelection selection = PackageSelection.of(single.getFileName().toString());
            resetPeaks();
            singleTimes.engine().add(time(() -> engine.promote("untested", "testing", EL9, ARCH, selection)));
            peakHeap = Math.max(peakHeap, peakHeapUsed());
            singleTimes.engineSqlite().add(time(() -> engineSqlite.promote("untested", "production", EL9, ARCH, selection)));
            link(List.of(single), bare, xmlOnly);
            singleTimes.bare().add(time(() -> createrepo(bare, true)));
            singleTimes.bareXmlOnly().add(time(() -> createrepo(xmlOnly, true, "--no-database")));
        }
        report(size, "promote 1 package", singleTimes);

        // 1,000 at once, repeated: each round promotes the batch, is measured, then takes it out again (not measured).
        Timings batchTimes = new Timings();
        int rounds = Math.min(repetitions, BATCH_ROUNDS);
        PackageSelection batchSelection = PackageSelection.of("batch-*");
        for (int round = 0; round < rounds; round++) {
            resetPeaks();
            batchTimes.engine().add(time(() -> engine.promote("untested", "testing", EL9, ARCH, batchSelection)));
            peakHeap = Math.max(peakHeap, peakHeapUsed());
            batchTimes.engineSqlite().add(time(() -> engineSqlite.promote("untested", "production", EL9, ARCH, batchSelection)));
            link(batch, bare, xmlOnly);
            batchTimes.bare().add(time(() -> createrepo(bare, true)));
            batchTimes.bareXmlOnly().add(time(() -> createrepo(xmlOnly, true, "--no-database")));
            if (round + 1 < rounds) {
                engine.withdraw("testing", EL9, ARCH, batchSelection);
                engineSqlite.withdraw("production", EL9, ARCH, batchSelection);
                for (Path rpm : batch) {
                    Files.delete(bare.resolve(rpm.getFileName()));
                    Files.delete(xmlOnly.resolve(rpm.getFileName()));
                }
                createrepo(bare, true);
                createrepo(xmlOnly, true, "--no-database");
            }
        }
        report(size, "promote " + BATCH + " packages at once", batchTimes);

        Path published = Tools.servedFile(root.resolve("testing/el9/x86_64"), singles.get(0).getFileName().toString());
        Object inode = Files.getAttribute(published, "unix:ino");
        System.out.printf("size %d: hard links: %s has inode %s (pool: %s), link count %s; packages in served snapshot: %d%n",
                size, published.getFileName(), inode, Files.getAttribute(singles.get(0), "unix:ino"),
                Files.getAttribute(published, "unix:nlink"), engine.packages("testing", EL9, ARCH).size());
        System.out.printf("size %d: peak Java heap used during promotions: %.1f MiB (max heap %.0f MiB)%n",
                size, peakHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        // Untimed: the bare tool's own memory, for comparison (it holds the previous metadata of every package).
        Path rss = work.resolve("createrepo-rss-" + size + ".txt");
        Process measured = new ProcessBuilder("/usr/bin/time", "-f", "%M", "-o", rss.toString(), "createrepo_c", "--update", "--no-database",
                xmlOnly.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (measured.waitFor() == 0) {
            System.out.printf("size %d: max RSS of bare createrepo_c --update --no-database: %.1f MiB%n", size,
                    Long.parseLong(Files.readString(rss).strip()) / 1024.0);
        }
    }

    private static void link(List<Path> rpms, Path... directories) throws IOException {
        for (Path rpm : rpms) {
            for (Path directory : directories) {
                Files.createLink(directory.resolve(rpm.getFileName()), rpm);
            }
        }
    }

    /** Medians, and minima: the machine may be shared, and the minimum is the least disturbed run. */
    private static void report(int size, String what, Timings t) {
        System.out.printf("size %d: %s (median of %d): engine %.3f s, bare createrepo_c --update %.3f s: ratio %.2fx; "
                        + "bare --update --no-database (same output) %.3f s: ratio %.2fx; engine with sqlite %.3f s: ratio to bare --update %.2fx%n",
                size, what, t.engine().size(), median(t.engine()), median(t.bare()), median(t.engine()) / median(t.bare()),
                median(t.bareXmlOnly()), median(t.engine()) / median(t.bareXmlOnly()),
                median(t.engineSqlite()), median(t.engineSqlite()) / median(t.bare()));
        System.out.printf("size %d: %s (minimum): engine %.3f s, bare %.3f s: %.2fx; bare --no-database %.3f s: %.2fx; engine with sqlite %.3f s: %.2fx%n",
                size, what, min(t.engine()), min(t.bare()), min(t.engine()) / min(t.bare()), min(t.bareXmlOnly()),
                min(t.engine()) / min(t.bareXmlOnly()), min(t.engineSqlite()), min(t.engineSqlite()) / min(t.bare()));
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e9;
    }

    private static double min(List<Long> values) {
        return Collections.min(values) / 1e9;
    }

    interface Action {
        void run() throws Exception;
    }

    private static long time(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static void createrepo(Path directory, boolean update, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("createrepo_c"));
        if (update) {
            command.add("--update");
        }
        command.addAll(List.of(options));
        if (COMPRESSION != null) {
            command.add("--general-compress-type=" + COMPRESSION);
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
