package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code adopt}: a hand-made repository (a plain directory with RPMs and repodata at a stage's served path) taken over
 * into the snapshot layout, as it is: its content is the first snapshot, so clients read the very same metadata
 * before and after (see {@link SnapshotStore#adopt} for the moment in between). Refused when the directory's metadata
 * and its packages disagree: the snapshot must be a repository the engine can build on.
 */
final class Adoption {

    private final StageLayout layout;
    private final EngineOptions options;
    private final Clock clock;

    Adoption(StageLayout layout, EngineOptions options, Clock clock) {
        this.layout = layout;
        this.options = options;
        this.clock = clock;
    }

    PromotionResult adopt(String stage, String os, String arch) {
        layout.requireStage(stage);
        String label = layout.label(stage, os, arch);
        Path served = layout.servedPath(stage, os, arch);
        SnapshotStore store = new SnapshotStore(served, label);
        if (Files.isSymbolicLink(served)) {
            String id = store.servedId().orElseThrow();
            return new PromotionResult(label, id, List.of(), List.of(), false, "Nothing to do: " + label + " is served from snapshots already"
                    + " (snapshot " + id + ").", List.of(), id);
        }
        if (!Files.isDirectory(served)) {
            throw RepositoryException.badInput("There is no directory " + served + " to adopt as " + label + ".",
                    "Check the stage, OS and architecture; an empty stage needs no adoption (promote into it).");
        }
        List<String> packages = requireConsistent(served, label);
        try (RepositoryLock lock = RepositoryLock.acquire(store.lockFile(), options.lockLease(), clock, options.outputSink())) {
            store.removeLeftovers();
            if (Files.isSymbolicLink(served) || !store.ids().isEmpty()) {
                throw RepositoryException.badInput(label + " has snapshots already (" + String.join(", ", store.ids()) + ") beside the plain directory "
                        + served + ".", "Move the plain directory aside and serve a snapshot again with 'rollback ID'.");
            }
            String id = store.newId(clock);
            long gap = store.adopt(id, clock);
            options.outputSink().accept(String.format("Adopted %s as snapshot %s; the served path was missing for %d µs between the two renames",
                    label, id, gap / 1000));
            return new PromotionResult(label, id, List.of(), List.of(), true, "Adopted " + label + ": its " + packages.size()
                    + " package(s) and metadata are snapshot " + id + ", served from now on.", packages, null);
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("adopt " + served, e);
        }
    }

    /** The NEVRAs of the directory's metadata, when every package it lists is a file there and every RPM there is listed. */
    private static List<String> requireConsistent(Path directory, String label) {
        Map<String, String> primary;
        try {
            primary = RepodataReader.readPrimary(directory, RepodataReader.readRepomd(directory).primaryHref());
        } catch (IOException e) {
            throw RepositoryException.badInput("The directory of " + label + " (" + directory + ") holds no readable repository metadata: "
                    + e.getMessage() + ".", "Run 'createrepo_c " + directory + "' there first, so that it is the repository its clients read.");
        }
        Set<String> files = new TreeSet<>(PackageCatalog.of(directory, label).fileNames());
        List<String> unlisted = files.stream().filter(name -> !primary.containsKey(name)).toList();
        List<String> missing = primary.keySet().stream().filter(href -> !files.contains(href)).sorted().toList();
        if (!unlisted.isEmpty() || !missing.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!missing.isEmpty()) {
                problems.add("its metadata lists " + missing.size() + " package(s) that are no RPM file beside it (" + first(missing) + ")");
            }
            if (!unlisted.isEmpty()) {
                problems.add(unlisted.size() + " RPM file(s) are not in its metadata (" + first(unlisted) + ")");
            }
            throw RepositoryException.badInput("The directory of " + label + " (" + directory + ") cannot be adopted as it is: "
                    + String.join("; ", problems) + ".", "Adopt takes over a flat directory of RPMs whose metadata lists each of them: run 'createrepo_c "
                    + directory + "' there first.");
        }
        return List.copyOf(new TreeSet<>(primary.values()));
    }

    private static String first(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "");
    }
}
