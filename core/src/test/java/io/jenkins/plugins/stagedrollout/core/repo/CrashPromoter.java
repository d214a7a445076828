package io.jenkins.plugins.stagedrollout.core.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link CrashTest} kills: promotes the packages of untested/el9/x86_64 into testing one by
 * one, printing {@code PUBLISHED <file>} after each promotion returned (so the test knows what was
 * committed; at most {@code args[1]} packages) and {@code STALE ...} when it had to break the lock of a killed predecessor.
 * Before {@code pkg-N} it promotes {@code bad-N} when there is one and takes it out again, by an undo or by a rollback to
 * the previous state in turn, printing {@code WITHDRAWN <file>}; a bad package a killed predecessor left served is rolled
 * back first, as the plugin settles a rollout again after a restart.
 */
public final class CrashPromoter {

    private CrashPromoter() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        RepositoryEngine engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withSnapshotsToKeep(3)
                .withOutputSink(line -> {
                    if (line.startsWith("Breaking stale lock")) {
                        System.out.println("STALE " + line);
                        System.out.flush();
                    }
                }));
        if (engine.packages("testing", "el9", "x86_64").stream().anyMatch(name -> name.startsWith("bad-"))) {
            engine.rollbackToPrevious("testing", "el9", "x86_64");
        }
        List<String> present = engine.packages("testing", "el9", "x86_64");
        List<String> candidates = engine.packages("untested", "el9", "x86_64").stream()
                .filter(name -> name.startsWith("pkg-") && !present.contains(name)).limit(limit).toList();
        Path untested = root.resolve("untested/el9/x86_64");
        for (String fileName : candidates) {
            String bad = fileName.replace("pkg-", "bad-");
            if (Files.exists(untested.resolve(bad))) {
                PromotionResult promoted = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of(bad));
                if (fileName.hashCode() % 2 == 0) {
                    engine.undo("testing", "el9", "x86_64", promoted.snapshotId(), promoted.replacedSnapshotId(), PackageSelection.of(bad));
                } else {
                    engine.rollbackToPrevious("testing", "el9", "x86_64");
                }
                System.out.println("WITHDRAWN " + bad);
            }
            engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of(fileName));
            System.out.println("PUBLISHED " + fileName);
            System.out.flush();
        }
        System.out.println("DONE");
    }
}
