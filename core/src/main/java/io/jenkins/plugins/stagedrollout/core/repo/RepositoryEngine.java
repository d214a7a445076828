package io.jenkins.plugins.stagedrollout.core.repo;

import io.jenkins.plugins.stagedrollout.core.closure.ClosureReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The RPM repository engine: promote, withdraw, roll back and list snapshots of the stage repositories
 * of a {@link StageLayout}. Every change builds a new immutable snapshot, verifies it and switches the
 * served link atomically; on any failure the served repository is exactly as before and a
 * {@link RepositoryException} says what to fix. Thread-safe; one writer per repository at a time across
 * processes (see {@link RepositoryLock}).
 */
public final class RepositoryEngine {

    private final StageLayout layout;
    private final EngineOptions options;
    private final Clock clock;
    private final SnapshotBuilder builder;
    private final ChangeNote note;
    private final boolean recordsSettings;
    private final SignedStage signed;

    private RepositoryEngine(StageLayout layout, EngineOptions options, Clock clock, ChangeNote note, boolean recordsSettings) {
        this.layout = layout;
        this.options = options;
        this.clock = clock;
        this.builder = new SnapshotBuilder(options, clock);
        this.note = note;
        this.recordsSettings = recordsSettings;
        this.signed = new SignedStage(layout.root(), options, note);
    }

    public static RepositoryEngine create(StageLayout layout, EngineOptions options) {
        return new RepositoryEngine(layout, options, Clock.systemUTC(), ChangeNote.jenkins(), false);
    }

    /** This engine with its changes made by {@code who} (kept in each repository's change log; see {@link ChangeRecord}). */
    public RepositoryEngine by(ChangeNote who) {
        return new RepositoryEngine(layout, options, clock, who, recordsSettings);
    }

    /**
     * This engine writing its layout and options to the root's {@link RootSettings} on each change, when they differ:
     * the engine of the plugin, which owns the configuration, so that the command-line tool runs with the same.
     */
    public RepositoryEngine recordingSettings() {
        return new RepositoryEngine(layout, options, clock, note, true);
    }

    /** The last change of a stage its change log keeps (none before the first change, or in older repositories). */
    public Optional<ChangeRecord> lastChange(String stage, String os, String arch) {
        String label = layout.label(stage, os, arch);
        SnapshotStore store = new SnapshotStore(layout.servedPath(stage, os, arch), label);
        return new ChangeLog(store.directory()).last();
    }

    /** Every change of a stage its change log keeps, oldest first. */
    public List<ChangeRecord> changes(String stage, String os, String arch) {
        String label = layout.label(stage, os, arch);
        return new ChangeLog(new SnapshotStore(layout.servedPath(stage, os, arch), label).directory()).entries();
    }

    /** The snapshot a stage serves now; empty before the first publication. */
    public Optional<String> servedSnapshot(String stage, String os, String arch) {
        String label = layout.label(stage, os, arch);
        return new SnapshotStore(layout.servedPath(stage, os, arch), label).servedId();
    }

    public StageLayout layout() {
        return layout;
    }

    /** Brings the selected packages of {@code fromStage} into {@code toStage}, keeping what is already there. */
    public PromotionResult promote(String fromStage, String toStage, String os, String arch, PackageSelection selection) {
        return promote(fromStage, toStage, os, arch, selection, Optional.empty());
    }

    /**
     * Brings the selected packages of {@code fromStage} into {@code toStage}, keeping what is already there. When the
     * stage is checked ({@link DependencyOptions}), a snapshot whose requirements are not all met is refused, unless
     * {@code override} allows it: then it is published and the result's dependency report lists what is unmet.
     */
    public PromotionResult promote(String fromStage, String toStage, String os, String arch, PackageSelection selection,
                                   Optional<DependencyOverride> override) {
        layout.requireStage(fromStage);
        layout.requireStage(toStage);
        if (fromStage.equals(toStage)) {
            throw RepositoryException.badInput("Promotion from '" + fromStage + "' to itself.", "Give two different stages, e.g. untested -> testing.");
        }
        Path source = existingInsideRoot(layout.servedPath(fromStage, os, arch), layout.label(fromStage, os, arch));
        String label = layout.label(toStage, os, arch);
        SnapshotStore store = new SnapshotStore(layout.servedPath(toStage, os, arch), label);
        long start = System.nanoTime();
        return withLock(store, () -> {
            Optional<String> currentId = store.servedId();
            signed.requireKey(store, currentId, label);
            PackageCatalog.Selection selected = PackageCatalog.of(source, layout.label(fromStage, os, arch)).selectFileNames(selection);
            Set<String> selectedNames = Set.copyOf(selected.fileNames());
            CurrentSnapshot current = CurrentSnapshot.of(store, currentId, label, selectedNames);
            Map<String, Path> added = new LinkedHashMap<>(current.relinked());
            List<String> newNames = new ArrayList<>();
            List<String> present = new ArrayList<>();
            for (String name : selected.fileNames()) {
                Path file = selected.catalog().path(name);
                if (Files.isSymbolicLink(file)) {
                    // the source directory is checked already; only a link can lead a file out of the root
                    requireInsideRoot(file, name);
                    file = realPath(file);
                }
                if (current.present().containsKey(name)) {
                    requireSameContent(file, current.present().get(name), label);
                    present.add(name);
                } else {
                    newNames.add(name);
                    added.put(name, file);
                }
            }
            if (newNames.isEmpty()) {
                return unchanged(label, currentId, "Nothing to do: " + label + " already holds " + String.join(", ", present) + ".",
                        nevras(selected.packages()));
            }
            // createrepo_c reads the new headers anyway: the NEVRAs come from its metadata, and the engine reads
            // headers itself only to name a file createrepo_c could not read.
            List<AcceptedDebt> debts = currentId.map(id -> AcceptedDebt.read(store.snapshot(id))).orElse(List.of());
            Optional<DependencyGate> gate = DependencyGate.forPromotion(layout, toStage, os, arch, options, override, debts);
            SnapshotBuilder.Built built = builder.build(store, currentId, current.kept(), added, selectedNames, selected::packages, start, gate, List.of(),
                    debts);
            String id = built.id();
            ClosureReport report = gate.map(DependencyGate::report).orElse(null);
            return new PromotionResult(label, id, newNames, List.of(), true,
                    "Promoted " + newNames.size() + " package(s) from " + fromStage + " to " + label + " (snapshot " + id + ")"
                            + (present.isEmpty() ? "" : "; already there: " + present.size())
                            + unmetNote(gate, override) + ".",
                    selected.fileNames().stream().map(built.nevras()::get).toList(), currentId.orElse(null), report);
        });
    }

    /** The unmet requirements a promotion added (allowed by the override) and those accepted before that it keeps. */
    private static String unmetNote(Optional<DependencyGate> gate, Optional<DependencyOverride> override) {
        if (gate.isEmpty()) {
            return "";
        }
        int added = gate.get().added().size();
        int kept = gate.get().carried().size() - added;
        return (added == 0 ? "" : "; " + added + " requirement(s) unmet, allowed by " + override.orElseThrow().who() + ": " + override.orElseThrow().why())
                + (kept == 0 ? "" : "; " + kept + " unmet requirement(s) accepted before");
    }

    private static List<String> nevras(List<RpmPackage> packages) {
        return packages.stream().map(RpmPackage::nevra).toList();
    }

    /** Takes the selected packages out of a stage (a REJECT takes a release out of testing). */
    public PromotionResult withdraw(String stage, String os, String arch, PackageSelection selection) {
        String label = layout.label(stage, os, arch);
        SnapshotStore store = new SnapshotStore(layout.servedPath(stage, os, arch), label);
        long start = System.nanoTime();
        return withLock(store, () -> {
            Optional<String> currentId = store.servedId();
            if (currentId.isEmpty()) {
                throw RepositoryException.badInput("Nothing has been published in " + label + " yet, so there is nothing to withdraw.",
                        "Check the stage, OS and architecture.");
            }
            signed.requireKey(store, currentId, label);
            PackageCatalog current = catalog(store, currentId, label);
            WithdrawalSelection split = WithdrawalSelection.split(current, () -> store.ids().stream()
                    .filter(id -> !currentId.get().equals(id)).map(id -> PackageCatalog.of(store.snapshot(id), label)).toList(), selection);
            if (split.present().isEmpty()) {
                return unchanged(label, currentId, "Nothing to do: " + label + " no longer holds " + String.join(", ", split.gone()) + ".", List.of());
            }
            List<RpmPackage> selected = current.select(PackageSelection.of(split.present()));
            List<String> removed = selected.stream().map(RpmPackage::fileName).toList();
            CurrentSnapshot rest = CurrentSnapshot.without(current, Set.copyOf(removed));
            List<String> holders = holders(store, label, Set.copyOf(removed));
            List<AcceptedDebt> debts = AcceptedDebt.without(AcceptedDebt.read(store.snapshot(currentId.get())),
                    Set.copyOf(nevras(selected)));
            String id = builder.build(store, currentId, rest.kept(), rest.relinked(), Set.of(), () -> { }, start, Optional.empty(), holders, debts).id();
            return new PromotionResult(label, id, List.of(), removed, true,
                    "Withdrew " + removed.size() + " package(s) from " + label + " (snapshot " + id + ")"
                            + (split.gone().isEmpty() ? "" : "; no longer there: " + String.join(", ", split.gone())) + ".",
                    nevras(selected), currentId.orElse(null));
        });
    }

    /**
     * Serves a retained snapshot again, in one atomic switch. The content it takes out (packages served now that it
     * does not hold) is withdrawn: every retained snapshot holding some of it is marked so, never offered as the
     * previous state and pruned first.
     */
    public PromotionResult rollback(String stage, String os, String arch, String snapshotId) {
        String label = layout.label(stage, os, arch);
        SnapshotStore store = new SnapshotStore(layout.servedPath(stage, os, arch), label);
        StageLayout.requirePlainName("snapshot id", snapshotId);
        return withLock(store, () -> {
            Optional<String> currentId = store.servedId();
            List<String> retained = store.ids();
            if (!retained.contains(snapshotId) || !Files.isRegularFile(store.snapshot(snapshotId).resolve("repodata/repomd.xml"))) {
                throw RepositoryException.badInput("No retained snapshot '" + snapshotId + "' in " + label + ". Retained: "
                                + (retained.isEmpty() ? "none" : String.join(", ", retained)) + ".",
                        "Pick one of the retained snapshots (command 'snapshots').");
            }
            return serveAgain(store, label, currentId, snapshotId);
        });
    }

    /**
     * Serves again the state served before the current one (a rollback by one step), skipping withdrawn states:
     * after a rollback or an undo, the state that was taken out is not it. Refused, with the reason, when that
     * state was pruned or every earlier one was withdrawn.
     */
    public PromotionResult rollbackToPrevious(String stage, String os, String arch) {
        String label = layout.label(stage, os, arch);
        SnapshotStore store = new SnapshotStore(layout.servedPath(stage, os, arch), label);
        return withLock(store, () -> {
            ServedHistory history = store.history();
            ServedHistory.Previous previous = history.previous();
            if (previous.id().isEmpty()) {
                throw RepositoryException.badInput("No previous state of " + label + " to roll back to: " + previous.whyNone() + ".",
                        "Pick a retained snapshot by id (command 'snapshots' lists them), or withdraw the packages that must go (command 'withdraw').");
            }
            return serveAgain(store, label, history.current(), previous.id().get());
        });
    }

    private PromotionResult serveAgain(SnapshotStore store, String label, Optional<String> currentId, String snapshotId) {
        if (currentId.filter(snapshotId::equals).isPresent()) {
            return unchanged(label, currentId, "Nothing to do: " + label + " already serves snapshot " + snapshotId + ".", List.of());
        }
        signed.requireSignedTarget(store, currentId, snapshotId, label);
        TreeSet<String> before = new TreeSet<>(catalog(store, currentId, label).fileNames());
        TreeSet<String> after = new TreeSet<>(PackageCatalog.of(store.snapshot(snapshotId), label).fileNames());
        List<String> added = after.stream().filter(name -> !before.contains(name)).toList();
        List<String> removed = before.stream().filter(name -> !after.contains(name)).toList();
        List<String> withdrawing = holders(store, label, Set.copyOf(removed)).stream().filter(id -> !id.equals(snapshotId)).toList();
        try {
            store.publish(snapshotId, withdrawing, clock);
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("switch " + label + " to snapshot " + snapshotId, e);
        }
        options.outputSink().accept(label + " now serves snapshot " + snapshotId
                + (withdrawing.isEmpty() ? "" : "; withdrawn: " + String.join(", ", withdrawing)));
        return new PromotionResult(label, snapshotId, added, removed, true,
                "Rolled " + label + " back to snapshot " + snapshotId + " (" + added.size() + " package(s) back, " + removed.size() + " gone).", List.of(),
                currentId.orElse(null));
    }

    /** The retained snapshots that hold any of {@code fileNames}: their content is being withdrawn. */
    private static List<String> holders(SnapshotStore store, String label, Set<String> fileNames) {
        if (fileNames.isEmpty()) {
            return List.of();
        }
        return store.ids().stream()
                .filter(id -> PackageCatalog.of(store.snapshot(id), label).fileNames().stream().anyMatch(fileNames::contains))
                .toList();
    }

    /**
     * Takes back what promotions into a stage published, when nothing else changed it since: the stage serves
     * {@code publishedId} (the last snapshot they published) and is switched back to {@code previousId} (what it
     * served before the first of them), so clients see the very repository they saw before, byte for byte; a stage
     * that served nothing before ({@code previousId} null) serves nothing again. When the journal shows nothing but
     * those promotions since (see {@link TakeBack}), the snapshots they pruned are renamed back, the snapshots, pool
     * entries and directories they made are removed and the journal is cut back: the retained history is as before
     * too. When the stage changed since (another promotion, a rollback), that change is kept: {@code brought} is
     * withdrawn instead. Either way the states holding what is taken back are marked withdrawn. Run again, it finds
     * the stage as before and changes nothing.
     */
    public PromotionResult undo(String stage, String os, String arch, String publishedId, String previousId,
                                PackageSelection brought) {
        layout.requireStage(stage);
        StageLayout.requirePlainName("snapshot id", publishedId);
        if (previousId != null) {
            StageLayout.requirePlainName("snapshot id", previousId);
        }
        String label = layout.label(stage, os, arch);
        SnapshotStore store = new SnapshotStore(layout.servedPath(stage, os, arch), label);
        Optional<String> before = Optional.ofNullable(previousId);
        Optional<String> served = store.servedId();
        boolean canTakeBack = served.equals(Optional.of(publishedId)) && (before.isEmpty() || store.ids().contains(previousId)
                || TakeBack.find(store.journal().lines(), publishedId, previousId).filter(t -> t.pruned().contains(previousId)).isPresent());
        if (!canTakeBack && !served.equals(before)) {
            PromotionResult withdrawn = withdraw(stage, os, arch, brought);
            String why = served.equals(Optional.of(publishedId))
                    ? "snapshot " + previousId + " that " + label + " served before is no longer retained"
                    : label + " changed since snapshot " + publishedId + " was published, and that change is kept";
            return new PromotionResult(label, withdrawn.snapshotId(), List.of(), withdrawn.packagesRemoved(), withdrawn.changed(),
                    why + ": " + withdrawn.message(), withdrawn.selectedNevras(), withdrawn.replacedSnapshotId());
        }
        PromotionResult result = withLock(store, () -> {
            Optional<String> currentId = store.servedId();
            if (currentId.equals(before)) {
                return unchanged(label, currentId, "Nothing to do: " + label + " already serves what it served before ("
                        + before.map(id -> "snapshot " + id).orElse("nothing") + ").", List.of());
            }
            if (!currentId.equals(Optional.of(publishedId))) {
                throw new RepositoryException(RepositoryException.Kind.BUSY, label + " changed while it was being taken"
                        + " back (it serves " + currentId.orElse("nothing") + " now).", "Run the withdrawal again.");
            }
            before.ifPresent(id -> signed.requireSignedTarget(store, currentId, id, label));
            Optional<TakeBack> takeBack = TakeBack.find(store.journal().lines(), publishedId, previousId);
            try {
                return takeBack.isPresent() ? takeBack(store, label, before, takeBack.get()) : switchBack(store, label, before, publishedId);
            } catch (IOException e) {
                throw SnapshotBuilder.ioFailure("take back " + label, e);
            }
        });
        if (before.isEmpty() && result.changed()) {
            store.removeEmptyDirectoriesBelow(layout.root());
        }
        return result;
    }

    /** The stage as before the rollout's promotions, retained snapshots and journal included. */
    private PromotionResult takeBack(SnapshotStore store, String label, Optional<String> before, TakeBack takeBack) throws IOException {
        List<String> restored = new ArrayList<>();
        for (String id : takeBack.pruned()) {
            if (store.restore(id)) {
                restored.add(id);
            }
        }
        if (!restored.isEmpty()) {
            options.outputSink().accept("Restored the snapshots the promotion pruned: " + String.join(", ", restored));
        }
        String publishedId = takeBack.abandoned().get(0);
        TreeSet<String> now = new TreeSet<>(catalog(store, Optional.of(publishedId), label).fileNames());
        TreeSet<String> then = new TreeSet<>(catalog(store, before, label).fileNames());
        // journaled as withdrawn first: a kill before the deletions below leaves them marked, pruned first
        if (before.isPresent()) {
            store.publish(before.get(), takeBack.abandoned(), clock);
        } else {
            store.unpublish(takeBack.abandoned(), clock);
        }
        for (String id : takeBack.abandoned()) {
            SnapshotStore.deleteTree(store.snapshot(id));
            store.discardPool(id);
        }
        store.journal().truncate(takeBack.keptLines());
        return tookBack(label, before, publishedId, now, then);
    }

    /** Back to the state served before, when the journal shows other changes in between: the taken-back states are marked withdrawn. */
    private PromotionResult switchBack(SnapshotStore store, String label, Optional<String> before, String publishedId) throws IOException {
        TreeSet<String> now = new TreeSet<>(catalog(store, Optional.of(publishedId), label).fileNames());
        TreeSet<String> then = new TreeSet<>(catalog(store, before, label).fileNames());
        List<String> withdrawing = holders(store, label, Set.copyOf(now.stream().filter(name -> !then.contains(name)).toList())).stream()
                .filter(id -> !before.equals(Optional.of(id))).toList();
        if (before.isPresent()) {
            store.publish(before.get(), withdrawing, clock);
        } else {
            store.unpublish(withdrawing, clock);
            SnapshotStore.deleteTree(store.snapshot(publishedId));
            store.discardPool(publishedId);
        }
        return tookBack(label, before, publishedId, now, then);
    }

    private static PromotionResult tookBack(String label, Optional<String> before, String publishedId, TreeSet<String> now, TreeSet<String> then) {
        List<String> gone = now.stream().filter(name -> !then.contains(name)).toList();
        List<String> back = then.stream().filter(name -> !now.contains(name)).toList();
        return new PromotionResult(label, before.orElse(null), back, gone, true,
                "Took " + label + " back to " + before.map(id -> "snapshot " + id).orElse("serving nothing, as before")
                        + " (" + gone.size() + " package(s) gone).", List.of(), publishedId);
    }

    /**
     * Takes over a plain directory at a stage's served path (a hand-made repository): its content becomes the first
     * snapshot, as it is, and the path a link to it. Run again, it finds the stage served from snapshots and changes nothing.
     */
    public PromotionResult adopt(String stage, String os, String arch) {
        return new Adoption(layout, options, clock).adopt(stage, os, arch);
    }

    /** Retained snapshots, oldest first (by creation), each with when it was last served and what it is to the history. */
    public List<SnapshotInfo> snapshots(String stage, String os, String arch) {
        String label = layout.label(stage, os, arch);
        SnapshotStore store = new SnapshotStore(layout.servedPath(stage, os, arch), label);
        ServedHistory history = store.history();
        ChangeLog changes = new ChangeLog(store.directory());
        List<SnapshotInfo> infos = new ArrayList<>();
        for (String id : history.existing()) {
            Path snapshot = store.snapshot(id);
            String created;
            try {
                created = Files.getLastModifiedTime(snapshot).toInstant().toString();
            } catch (IOException e) {
                created = "?";
            }
            String lastServed = history.lastServed().get(id);
            infos.add(new SnapshotInfo(id, created, PackageCatalog.of(snapshot, label).fileNames().size(), history.current().filter(id::equals).isPresent(),
                    lastServed == null || lastServed.equals(ServedJournal.NOTHING) ? null : lastServed, history.state(id),
                    changes.lastServing(id).orElse(null), SignedStage.isSigned(snapshot)));
        }
        return List.copyOf(infos);
    }

    /**
     * The NEVRAs (as dnf prints them) of what {@code selection} names in a stage now, read from the RPM headers,
     * without changing anything: what a promotion from that stage would move. Every pattern must match.
     */
    public List<String> resolve(String stage, String os, String arch, PackageSelection selection) {
        layout.requireStage(stage);
        Path served = existingInsideRoot(layout.servedPath(stage, os, arch), layout.label(stage, os, arch));
        return PackageCatalog.of(served, layout.label(stage, os, arch)).select(selection).stream().map(RpmPackage::nevra).toList();
    }

    /** File names of the packages a stage serves now (empty before the first publication). */
    public List<String> packages(String stage, String os, String arch) {
        String label = layout.label(stage, os, arch);
        Path served = layout.servedPath(stage, os, arch);
        return PackageCatalog.of(served, label).fileNames();
    }

    /**
     * Runs one change under the repository lock, after removing what a crashed writer left. When the change
     * fails, the directories the lock itself needed are removed again, so a refused call leaves no trace.
     */
    private PromotionResult withLock(SnapshotStore store, java.util.function.Supplier<PromotionResult> change) {
        store.servedId();
        Optional<Path> created = store.firstMissingDirectory();
        boolean done = false;
        try (RepositoryLock lock = RepositoryLock.acquire(store.lockFile(), options.lockLease(), clock, options.outputSink())) {
            store.removeLeftovers();
            PromotionResult result = change.get();
            done = result.changed();
            if (done) {
                record(store, result);
            }
            return result;
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("clean up " + store.directory(), e);
        } finally {
            if (!done) {
                created.ifPresent(store::removeEmptyDirectoriesUpTo);
            }
        }
    }

    /** After the switch: a change log line tells of a change that happened; the settings are what this engine ran with. */
    private void record(SnapshotStore store, PromotionResult result) {
        try {
            recordChange(store, result);
        } catch (RepositoryException e) {
            // the change is made and served: a failure to note it must not report it as failed
            options.outputSink().accept("Could not record the change in " + store.directory() + " or " + RootSettings.file(layout.root())
                    + ": " + e.getMessage());
        }
    }

    private void recordChange(SnapshotStore store, PromotionResult result) {
        ChangeLog log = new ChangeLog(store.directory());
        if (result.snapshotId() == null && store.ids().isEmpty()) {
            // an undo took the stage back to never having been published: nothing of it is left, its log neither
            log.delete();
            return;
        }
        log.append(new ChangeRecord(clock.instant().toString(), note.who(), note.via(), result.message(),
                result.snapshotId(), note.why(), note.unsigned(), note.outOfOrder()));
        if (recordsSettings) {
            RootSettings.of(layout, options).writeTo(layout.root());
        }
    }

    private static PackageCatalog catalog(SnapshotStore store, Optional<String> currentId, String label) {
        return currentId.map(id -> PackageCatalog.of(store.snapshot(id), label))
                .orElseGet(() -> PackageCatalog.of(store.directory().resolve(".none"), label));
    }

    private static PromotionResult unchanged(String label, Optional<String> currentId, String message, List<String> selectedNevras) {
        return new PromotionResult(label, currentId.orElse(null), List.of(), List.of(), false, message, selectedNevras,
                currentId.orElse(null));
    }

    private Path existingInsideRoot(Path path, String label) {
        if (!Files.isDirectory(path)) {
            throw RepositoryException.badInput("The source repository " + label + " does not exist (" + path + ").",
                    "Check the stage, OS and architecture, or put the packages there first.");
        }
        return requireInsideRoot(path, label);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("resolve " + path, e);
        }
    }

    private Path requireInsideRoot(Path path, String shownAs) {
        try {
            if (!path.toRealPath().startsWith(layout.root().toRealPath())) {
                throw RepositoryException.badInput("'" + shownAs + "' escapes the repository root through a symbolic link (" + path.toRealPath() + ").",
                        "Keep packages inside " + layout.root() + " (copy them in instead of linking to them).");
            }
            return path;
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("resolve " + path, e);
        }
    }

    private static void requireSameContent(Path source, Path published, String label) {
        try {
            if (!Files.isSameFile(source, published) && Files.mismatch(source, published) != -1L) {
                throw RepositoryException.badInput(label + " already holds a different file named " + source.getFileName()
                                + " (same name, other content).",
                        "Rebuild the package with a higher release, or withdraw the published one first.");
            }
        } catch (IOException e) {
            throw SnapshotBuilder.ioFailure("compare " + source + " with " + published, e);
        }
    }
}
