package io.jenkins.plugins.stagedrollout.core.repo;

import io.jenkins.plugins.stagedrollout.core.closure.ClosureReport;
import io.jenkins.plugins.stagedrollout.core.closure.DependencyCheck;
import io.jenkins.plugins.stagedrollout.core.closure.MetadataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dependency check against bare {@code dnf repoclosure} on the same repositories, same run, and its share of a
 * promotion (run by bench/closure-benchmark.sh, not a test). Usage: {@code ClosureBenchmark <workdir> <size> <repetitions>}.
 *
 * <p>A release repository of {@code size} packages and a base repository of {@code size / 5} packages, written once
 * with packager-rpm. Each release package requires two shared libraries of the base, the previous package with a
 * version, every 10th a file only filelists.xml lists, every 50th a rich dependency and every 1,000th something that
 * does not exist; each provides a library and a virtual capability. Then, per round: {@code dnf repoclosure} with a
 * fresh cache (what a CI job runs) and with its cache kept, and {@link DependencyCheck} as a full check (a label not
 * checked before) and as a check of the same packages again (the first check of the JVM reported apart); the
 * unresolved counts must agree. Last, promotions of one package into the full repository with
 * the check on and off, and the check's share from the engine's own log line.
 *
 * <p>With {@code COMPRESSION=zstd} in the environment, both repositories' metadata is recompressed to zstd
 * ({@link ZstdRepodata}: what createrepo_c 1.0 and later write; Debian 12's writes none), and the promotions run
 * createrepo_c through it. createrepo_c 0.17 cannot read the previous snapshot's zstd metadata and reads every package
 * again, so of those promotions only the check's own time compares with a gzip run.
 */
public final class ClosureBenchmark {

    private static final boolean ZSTD = "zstd".equals(System.getenv("COMPRESSION"));
    private static final Pattern CHECK_MS = Pattern.compile("dependency check (\\d+) ms");

    private ClosureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int repetitions = Integer.parseInt(args[2]);
        int baseSize = size / 5;
        Path pool = work.resolve("closure-pool-" + size);
        List<Path> base = generate(pool.resolve("base"), baseSize, i -> String.format("os-%05d", i),
                i -> List.of("libos" + i + ".so.1()(64bit)"), i -> List.of("libos" + ((i + 1) % baseSize) + ".so.1()(64bit)"));
        List<Path> release = generate(pool.resolve("release"), size + repetitions, i -> String.format("app-%05d", i),
                i -> List.of("libapp" + i + ".so.1()(64bit)", "app-virt" + (i % 500) + " = 1.0"), i -> requires(i, baseSize));
        Path baseRepo = linkedRepository(work.resolve("closure-base-" + size), base);
        Path releaseRepo = linkedRepository(work.resolve("closure-release-" + size), release.subList(0, size));
        Tools.createrepo(baseRepo);
        long createrepo = time(() -> Tools.createrepo(releaseRepo));
        if (ZSTD) {
            ZstdRepodata.recompress(baseRepo);
            ZstdRepodata.recompress(releaseRepo);
        }
        System.out.printf("repositories: %d release packages, %d base packages (createrepo_c of the release: %.2f s), metadata %s%n", size,
                baseSize, createrepo / 1e9, ZSTD ? "zstd (recompressed)" : "gzip");

        List<Long> cold = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        List<Long> check = new ArrayList<>();
        List<Long> full = new ArrayList<>();
        int[] repoclosureCount = new int[1];
        Path warmCache = work.resolve("dnf-cache-warm");
        SnapshotStore.deleteTree(warmCache);
        repoclosureCount[0] = repoclosure(releaseRepo, baseRepo, warmCache);
        long firstCheck = System.nanoTime();
        ClosureReport report = check(releaseRepo, baseRepo, "release");
        firstCheck = System.nanoTime() - firstCheck;
        for (int round = 0; round < repetitions; round++) {
            Path fresh = work.resolve("dnf-cache-" + round);
            SnapshotStore.deleteTree(fresh);
            cold.add(time(() -> repoclosure(releaseRepo, baseRepo, fresh)));
            warm.add(time(() -> repoclosure(releaseRepo, baseRepo, warmCache)));
            String unchecked = "full-" + round;
            full.add(time(() -> check(releaseRepo, baseRepo, unchecked)));
            check.add(time(() -> check(releaseRepo, baseRepo, "release")));
        }
        System.out.printf("unresolved: dependency check %d, dnf repoclosure %d (%s)%n", report.unresolved().size(), repoclosureCount[0],
                report.unresolved().size() == repoclosureCount[0] ? "agree" : "DISAGREE");
        System.out.printf("dnf repoclosure, fresh cache: median %.3f s, min %.3f s%n", median(cold) / 1e9, min(cold) / 1e9);
        System.out.printf("dnf repoclosure, kept cache:  median %.3f s, min %.3f s%n", median(warm) / 1e9, min(warm) / 1e9);
        System.out.printf("dependency check, first in the JVM (base repository read too): %.3f s%n", firstCheck / 1e9);
        System.out.printf("dependency check, full (a repository not checked before; base kept by checksum): median %.3f s, min %.3f s%n",
                median(full) / 1e9, min(full) / 1e9);
        System.out.printf("dependency check, again (the same packages as the last check): median %.3f s, min %.3f s%n",
                median(check) / 1e9, min(check) / 1e9);
        System.out.printf("speed-up of the full check: %.1fx (repoclosure with fresh cache), %.1fx (kept cache); of the first check: %.1fx"
                        + " (fresh cache)%n", median(cold) / median(full), median(warm) / median(full), median(cold) / firstCheck);
        promotions(work, size, repetitions, release, baseRepo);
    }

    private static List<String> requires(int i, int baseSize) {
        List<String> requires = new ArrayList<>(List.of("libos" + (i % baseSize) + ".so.1()(64bit)", "libos" + ((i * 7) % baseSize) + ".so.1()(64bit)"));
        if (i > 0) {
            requires.add(String.format("app-%05d >= 1.0", i - 1));
        }
        if (i % 10 == 0) {
            requires.add(String.format("/usr/share/os-%05d/README", i % baseSize));
        }
        if (i % 50 == 0 && i > 1) {
            requires.add("(app-virt" + (i % 500) + " or missing-virt)");
        }
        if (i % 1000 == 999) {
            requires.add("libnowhere" + i + ".so.0()(64bit)");
        }
        return requires;
    }

    /** Promotes one package at a time into the full repository, with the check on (testing) and off (a second root). */
    private static void promotions(Path work, int size, int repetitions, List<Path> release, Path baseRepo) throws Exception {
        List<Long> on = new ArrayList<>();
        List<Long> off = new ArrayList<>();
        List<Long> checkMs = Collections.synchronizedList(new ArrayList<>());
        DependencyOptions checked = DependencyOptions.defaults().withBaseRepositories("el9", "x86_64", List.of(baseRepo.toString()));
        RepositoryEngine withCheck = engine(work.resolve("closure-root-on-" + size), release, checked, checkMs);
        RepositoryEngine withoutCheck = engine(work.resolve("closure-root-off-" + size), release, checked.withCheckEarlierStages(false), checkMs);
        PackageSelection full = PackageSelection.of(release.subList(0, size).stream().map(p -> p.getFileName().toString()).toList());
        PromotionResult all = withCheck.promote("untested", "testing", "el9", "x86_64", full, java.util.Optional.of(
                new DependencyOverride("benchmark", "the release holds packages that require what nothing provides")));
        withoutCheck.promote("untested", "testing", "el9", "x86_64", full);
        checkMs.clear();
        for (int round = 0; round < repetitions; round++) {
            String single = release.get(size + round).getFileName().toString();
            on.add(time(() -> withCheck.promote("untested", "testing", "el9", "x86_64", PackageSelection.of(single),
                    java.util.Optional.of(new DependencyOverride("benchmark", "known gaps")))));
            off.add(time(() -> withoutCheck.promote("untested", "testing", "el9", "x86_64", PackageSelection.of(single))));
        }
        System.out.printf("promote 1 package into %d: check on median %.3f s, off median %.3f s; the check's own time (engine log) median %d ms"
                        + " = %.0f%% of the promotion with it%n", all.dependencyReport().packagesChecked(), median(on) / 1e9, median(off) / 1e9,
                (long) median(checkMs), 100 * median(checkMs) * 1e6 / median(on));
    }

    private static RepositoryEngine engine(Path root, List<Path> release, DependencyOptions dependencies, List<Long> checkMs) throws Exception {
        SnapshotStore.deleteTree(root);
        Path untested = Files.createDirectories(root.resolve("untested/el9/x86_64"));
        for (Path rpm : release) {
            Files.createLink(untested.resolve(rpm.getFileName()), rpm);
        }
        EngineOptions options = EngineOptions.defaults();
        if (ZSTD) {
            options = options.withCreaterepoCommand(ZstdRepodata.createrepoCommand(root.resolve("bin")).toString());
        }
        return RepositoryEngine.create(StageLayout.of(root), options.withSnapshotsToKeep(2).withDependencies(dependencies)
                .withOutputSink(line -> {
                    Matcher m = CHECK_MS.matcher(line);
                    if (m.find()) {
                        checkMs.add(Long.parseLong(m.group(1)));
                    }
                }));
    }

    /** @param label a label not checked before gives a full check; the last one's, a check that builds on it */
    private static ClosureReport check(Path release, Path base, String label) throws Exception {
        return DependencyCheck.check(release, label, "x86_64", List.of(MetadataSource.of(base.toString())), false);
    }

    private static int repoclosure(Path release, Path base, Path cache) throws Exception {
        Tools.Result result = Tools.run("dnf", "repoclosure", "-q", "--releasever=9", "--nogpgcheck", "--setopt=reposdir=/nonexistent",
                "--setopt=cachedir=" + cache, "--setopt=*.metadata_expire=-1", "--repofrompath=rel," + release, "--repofrompath=base," + base,
                "--repo=rel", "--repo=base", "--check=rel");
        return (int) result.out().lines().filter(line -> line.startsWith("    ")).count();
    }

    private interface Naming {
        String name(int i);
    }

    private interface Deps {
        List<String> of(int i);
    }

    private static List<Path> generate(Path pool, int count, Naming naming, Deps provides, Deps requires) throws Exception {
        Files.createDirectories(pool);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> files = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                String name = naming.name(i);
                Path expected = pool.resolve(name + "-1.0-1.x86_64.rpm");
                files.add(workers.submit(() -> Files.exists(expected) ? expected
                        : RpmFixtures.write(pool, name, 0, "1.0", "1", "x86_64", provides.of(n), requires.of(n))));
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

    private static Path linkedRepository(Path directory, List<Path> rpms) throws Exception {
        SnapshotStore.deleteTree(directory);
        Files.createDirectories(directory);
        for (Path rpm : rpms) {
            Files.createLink(directory.resolve(rpm.getFileName()), rpm);
        }
        return directory;
    }

    private interface Action {
        void run() throws Exception;
    }

    private static long time(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static double min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElse(0);
    }
}
