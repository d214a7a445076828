package io.jenkins.plugins.stagedrollout.core.repo;

import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link CrashTest} kills: promotes the packages of untested/el9/x86_64 into testing one by
 * one, printing {@code PUBLISHED <file>} after each promotion returned (so the test knows what was
 * committed; at most {@code args[1]} packages) and {@code STALE ...} when it had to break the lock of a killed predecessor.
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
        List<String> present = engine.packages("testing", "el9", "x86_64");
        List<String> candidates = engine.packages("untested", "el9", "x86_64").stream()
                .filter(name -> !present.contains(name)).limit(limit).toList();
        for (String fileName : candidates) {
            engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of(fileName));
            System.out.println("PUBLISHED " + fileName);
            System.out.flush();
        }
        System.out.println("DONE");
    }
}
