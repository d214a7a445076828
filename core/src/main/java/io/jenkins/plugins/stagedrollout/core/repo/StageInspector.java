package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Read-only answers about one stage repository for the admin of the host: whether it exists (naming the root, OS
 * or architecture that does not), whether it is a plain directory, what a snapshot holds and what changed between
 * two. Changes nothing and takes no lock (snapshots are never modified once complete).
 */
public final class StageInspector {

    private final StageLayout layout;

    public StageInspector(StageLayout layout) {
        this.layout = layout;
    }

    /** What one snapshot holds: its NEVRAs (sorted) and the unmet requirements accepted with it. */
    public record SnapshotContent(String id, List<String> nevras, List<AcceptedDebt> acceptedDebts) {
        public SnapshotContent {
            nevras = List.copyOf(nevras);
            acceptedDebts = List.copyOf(acceptedDebts);
        }
    }

    /** The NEVRAs in {@code to} that are not in {@code from} (added) and those gone. */
    public record SnapshotDiff(String from, String to, List<String> added, List<String> removed) {
        public SnapshotDiff {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }
    }

    /**
     * Refuses (bad input) a repository whose root, stage, OS or architecture directory does not exist, naming the
     * first missing one and what is there instead.
     */
    public void requireExisting(String stage, String os, String arch) {
        Path root = layout.root();
        if (!Files.isDirectory(root)) {
            throw RepositoryException.badInput("The repository root " + root + " does not exist.", "Check --root.");
        }
        Path served = layout.servedPath(stage, os, arch);
        Path relative = root.relativize(served);
        Path parent = root;
        for (Path part : relative) {
            Path path = parent.resolve(part);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                String name = part.toString();
                String what = name.equals(arch) ? "architecture" : name.equals(os) ? "OS" : name.equals(stage) ? "stage" : "directory";
                throw RepositoryException.badInput(layout.label(stage, os, arch) + " does not exist: there is no " + what + " '" + name + "' in "
                                + parent + " (there: " + present(parent) + ").",
                        "Check the stage, OS and architecture; nothing was ever published there.");
            }
            parent = path;
        }
    }

    /** The number of packages of a stage kept as a plain directory (as a source stage usually is); empty when it is not one. */
    public Optional<Integer> plainDirectoryPackages(String stage, String os, String arch) {
        Path served = layout.servedPath(stage, os, arch);
        if (Files.isSymbolicLink(served) || !Files.isDirectory(served)) {
            return Optional.empty();
        }
        return Optional.of(PackageCatalog.of(served, layout.label(stage, os, arch)).fileNames().size());
    }

    /** Whether {@code stage} is the first one, whose packages promotions read where they are. */
    public boolean isSourceStage(String stage) {
        return layout.stages().get(0).equals(stage);
    }

    public SnapshotContent show(String stage, String os, String arch, String id) {
        Path snapshot = retained(stage, os, arch, id);
        return new SnapshotContent(id, List.copyOf(new TreeSet<>(nevras(snapshot))), AcceptedDebt.read(snapshot));
    }

    public SnapshotDiff diff(String stage, String os, String arch, String from, String to) {
        TreeSet<String> before = new TreeSet<>(nevras(retained(stage, os, arch, from)));
        TreeSet<String> after = new TreeSet<>(nevras(retained(stage, os, arch, to)));
        return new SnapshotDiff(from, to, after.stream().filter(n -> !before.contains(n)).toList(),
                before.stream().filter(n -> !after.contains(n)).toList());
    }

    private Path retained(String stage, String os, String arch, String id) {
        requireExisting(stage, os, arch);
        StageLayout.requirePlainName("snapshot id", id);
        String label = layout.label(stage, os, arch);
        SnapshotStore store = new SnapshotStore(layout.servedPath(stage, os, arch), label);
        List<String> retained = store.ids();
        if (!retained.contains(id) || !Files.isRegularFile(store.snapshot(id).resolve("repodata/repomd.xml"))) {
            throw RepositoryException.badInput("No retained snapshot '" + id + "' in " + label + ". Retained: "
                    + (retained.isEmpty() ? "none" : String.join(", ", retained)) + ".", "Pick one of the retained snapshots (command 'snapshots').");
        }
        return store.snapshot(id);
    }

    /** As dnf names them, from the snapshot's primary metadata: what clients see. */
    private static List<String> nevras(Path snapshot) {
        try {
            return new ArrayList<>(RepodataReader.readPrimary(snapshot, RepodataReader.readRepomd(snapshot).primaryHref()).values());
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("read the metadata of " + snapshot, e);
        }
    }

    private static String present(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
            return names.isEmpty() ? "nothing" : String.join(", ", names);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
