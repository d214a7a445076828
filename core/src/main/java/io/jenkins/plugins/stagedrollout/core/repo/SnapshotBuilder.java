package io.jenkins.plugins.stagedrollout.core.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Builds, verifies, signs and publishes one snapshot. Nothing a client can see changes before the final
 * rename of the served link; anything that fails before it leaves no trace but the (removed) temporary
 * directory.
 */
final class SnapshotBuilder {

    private static final String CREATEREPO_INSTALL_HINT = "Install createrepo_c: 'apt-get install createrepo-c' (Debian/Ubuntu) or "
            + "'dnf install createrepo_c' (EL/Fedora), or set the createrepo_c command to its full path.";
    static final String GPG_INSTALL_HINT = "Install GnuPG: 'apt-get install gnupg' (Debian/Ubuntu) or 'dnf install gnupg2' (EL/Fedora).";

    private static final long LOW_DISK_SPACE = 16L * 1024 * 1024;

    /** The repomd.xml of the generation before, kept in a snapshot's repodata/ (see {@link #keepPreviousMetadata}). */
    static final String PREVIOUS_REPOMD = ".repomd-previous.xml";

    private final EngineOptions options;
    private final Clock clock;
    private final ToolRunner tools;

    SnapshotBuilder(EngineOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.tools = new ToolRunner(options.toolTimeout(), options.outputSink());
    }

    /** The snapshot now served, and the NEVRAs createrepo_c read of the packages asked for (file name -> NEVRA). */
    record Built(String id, Map<String, String> nevras) {
    }

    /**
     * @param kept        pool locations of the packages the previous snapshot holds and the new one keeps
     * @param added       file name -> where to link a package from into the pool directory of the new snapshot
     * @param nevrasOf    file names whose NEVRAs the caller wants back
     * @param checkInputs reads the headers of the new packages, failing with a bad-input error that names a
     *                    non-RPM or corrupt file; run only when the build fails (createrepo_c skips such a file
     *                    with a warning, so verification finds it missing), before that failure is reported
     * @param started     System.nanoTime() when the change began: the log's preparation time (lock, listing, selection)
     * @param gate        checks the verified snapshot before it is signed and published (the dependency check), failing
     *                    with a {@link RepositoryException}
     * @param withdrawing the retained snapshots whose content this change takes out (journaled with the switch)
     * @param debts       the accepted unmet requirements the new snapshot keeps when no gate checks it (a gate says itself)
     */
    Built build(SnapshotStore store, Optional<String> previousId, KeptLocations kept, Map<String, Path> added, Set<String> nevrasOf,
            Runnable checkInputs, long started, Optional<DependencyGate> gate, List<String> withdrawing, List<AcceptedDebt> debts) {
        // A missing tool is reported before any work, not after linking thousands of packages.
        ToolRunner.resolve(createrepo());
        options.signing().ifPresent(signing -> ToolRunner.resolve(gpg(signing)));
        String id = store.newId(clock);
        Path temporary = null;
        boolean completed = false;
        boolean verifiedSnapshot = false;
        CompletableFuture<Void> housekeeping = CompletableFuture.completedFuture(null);
        try {
            long start = System.nanoTime();
            temporary = store.temporary(id);
            // Only the new packages are linked (into the pool, O(1) each); the kept ones are named by the list.
            PackageLinker linker = new PackageLinker();
            if (!added.isEmpty()) {
                linker.placeAll(added, Files.createDirectories(store.pool().resolve(id)));
            }
            LocationDigest listed = PackageList.write(temporary, kept, added.keySet().stream().map(name -> PackageList.href(id, name)).toList());
            Files.createSymbolicLink(temporary.resolve(PackageList.POOL_LINK), Path.of("..", SnapshotStore.POOL));
            options.outputSink().accept("Snapshot " + id + ": " + listed.count() + " package(s), " + added.size() + " new: "
                    + (added.size() - linker.copies()) + " hard-linked, " + linker.copies() + " copied (other filesystem)");
            long linked = System.nanoTime();
            Optional<Path> previous = previousId.map(store::snapshot);
            // Deleting pruned snapshots and unlisted pool files is filesystem work; createrepo_c is mostly CPU: they overlap well.
            housekeeping = CompletableFuture.runAsync(() -> keepHouse(store, id));
            runCreaterepo(temporary, previous);
            long indexed = System.nanoTime();
            if (previous.isPresent()) {
                keepPreviousMetadata(previous.get(), temporary);
            }
            Map<String, String> nevras = verify(temporary, listed, nevrasOf);
            long verified = System.nanoTime();
            verifiedSnapshot = true;
            if (gate.isPresent()) {
                gate.get().check(temporary);
            }
            AcceptedDebt.write(temporary, gate.map(DependencyGate::carried).orElse(debts));
            long checked = System.nanoTime();
            if (options.signing().isPresent()) {
                sign(temporary, options.signing().get());
            }
            Path snapshot = store.complete(temporary, id);
            temporary = null;
            completed = true;
            store.publish(id, withdrawing, clock);
            options.outputSink().accept("Published snapshot " + id + " at " + snapshot);
            // The clean-up lists the retained snapshots' packages: it must be done before this prune, whose snapshots
            // an undo of this change renames back with every package they list.
            awaitHousekeeping(housekeeping);
            List<String> pruned = store.prune(options.snapshotsToKeep(), clock);
            if (!pruned.isEmpty()) {
                options.outputSink().accept("Pruned snapshots: " + String.join(", ", pruned));
            }
            options.outputSink().accept(String.format("Snapshot %s: preparation %d ms, linking %d ms, createrepo_c %d ms, "
                            + "verification %d ms, dependency check %s, publication %d ms",
                    id, (start - started) / 1_000_000, (linked - start) / 1_000_000, (indexed - linked) / 1_000_000, (verified - indexed) / 1_000_000,
                    gate.isPresent() ? (checked - verified) / 1_000_000 + " ms" : "off", (System.nanoTime() - checked) / 1_000_000));
            return new Built(id, nevras);
        } catch (IOException e) {
            if (completed && !store.servedId().filter(id::equals).isPresent()) {
                deleteQuietly(store.snapshot(id));
            }
            if (!completed) {
                checkInputs.run();
            }
            throw ioFailure("build snapshot " + id + " in " + store.directory(), e);
        } catch (RepositoryException e) {
            // the inputs are fine once createrepo_c's metadata passed verification: the gate refused the snapshot
            if (!completed && !verifiedSnapshot) {
                checkInputs.run();
            }
            throw e;
        } finally {
            awaitHousekeeping(housekeeping);
            if (temporary != null) {
                deleteQuietly(temporary);
            }
            if (!completed) {
                discardPoolQuietly(store, id);
            }
        }
    }

    /**
     * Waits for the clean-up that ran beside createrepo_c. Its failure (even running out of memory) fails nothing: it
     * only deletes what no snapshot needs, and the next writer tries again. A change that was published is reported
     * as published.
     */
    private void awaitHousekeeping(CompletableFuture<Void> housekeeping) {
        try {
            housekeeping.join();
        } catch (CompletionException | CancellationException e) {
            options.outputSink().accept("Could not delete pruned snapshots or unlisted pool files yet (the next writer tries again): "
                    + (e.getCause() != null ? e.getCause() : e));
        }
    }

    private void keepHouse(SnapshotStore store, String building) {
        try {
            store.emptyTrash();
            int deleted = store.collectGarbage(building);
            if (deleted > 0) {
                options.outputSink().accept("Deleted " + deleted + " pool file(s) that no retained snapshot lists");
            }
        } catch (IOException e) {
            options.outputSink().accept("Could not delete pruned snapshots or unlisted pool files yet (the next writer tries again): "
                    + e.getMessage());
        }
    }

    private void runCreaterepo(Path snapshot, Optional<Path> previous) {
        // Explicit either way: createrepo_c before 1.0 writes the sqlite databases unless told not to.
        List<String> arguments = new ArrayList<>(List.of("--update", options.sqliteDatabases() ? "--database" : "--no-database"));
        // The previous snapshot's metadata is reused for every package it lists at the same location, so createrepo_c
        // only reads the headers of the new packages.
        previous.filter(p -> Files.isRegularFile(p.resolve("repodata/repomd.xml")))
                .ifPresent(p -> arguments.addAll(List.of("--update-md-path", p.toString())));
        // The list names the packages, so createrepo_c does not walk a directory (about 0.4 s less at 11,000 packages).
        // A pool location names one file for good (a new snapshot links new files under its own id and nothing is
        // changed in place), so a location the previous metadata lists is that very file: --skip-stat spares
        // createrepo_c a stat(2) per package (about 5-10% of its time at 2,000 packages). Bare createrepo_c --update
        // on a plain directory cannot assume this.
        arguments.addAll(List.of("--skip-stat", "--pkglist", snapshot.resolve(PackageList.FILE).toString(), snapshot.toString()));
        // Without the setting, createrepo_c's own default: what the clients of a host of that generation read.
        options.metadataCompression().ifPresent(compression -> arguments.add(0, "--general-compress-type=" + compression.setting()));
        try {
            tools.run(createrepo(), arguments, snapshot);
        } catch (RepositoryException failed) {
            throw withCompressionHint(withDiskSpaceHint(failed, snapshot));
        }
    }

    /** createrepo_c before 1.0 knows no zstd: "Unknown/Unsupported compression type "zstd"" (0.17.3), exit code 1. */
    private RepositoryException withCompressionHint(RepositoryException failed) {
        if (options.metadataCompression().isEmpty() || !failed.problem().contains("Unknown/Unsupported compression type")) {
            return failed;
        }
        String setting = options.metadataCompression().get().setting();
        return new RepositoryException(failed.kind(), failed.problem() + "\nThis createrepo_c (" + options.createrepoCommand()
                + ") cannot write metadata compressed with " + setting + ".",
                "Set the metadata compression to one this createrepo_c writes (createrepo_c before 1.0 writes gz, xz and bz2; zstd"
                        + " needs createrepo_c 1.0 or later), or leave it unset for createrepo_c's default; the served repository is unchanged.",
                failed);
    }

    /** createrepo_c reports a full disk as e.g. "gzclose(): file operation error"; say what is likely meant. */
    private static RepositoryException withDiskSpaceHint(RepositoryException failed, Path snapshot) {
        try {
            long free = Files.getFileStore(snapshot).getUsableSpace();
            if (failed.kind() != RepositoryException.Kind.TOOL_FAILURE || free >= LOW_DISK_SPACE) {
                return failed;
            }
            return new RepositoryException(failed.kind(), failed.problem() + "\nOnly " + free / 1024 + " KiB are free on the filesystem of "
                    + snapshot.getParent() + ": the disk is probably full.",
                    "Free space on that filesystem (or keep fewer snapshots) and run again; the served repository is unchanged.", failed);
        } catch (IOException e) {
            return failed;
        }
    }

    /**
     * A client that fetched the previous repomd.xml just before the switch then asks for the metadata
     * files it names; hard links to them in the new snapshot keep that client working (the packages it
     * lists are still in the pool too, withdrawn ones included, as long as a retained snapshot lists them).
     * Two generations are kept, not one: a client slow enough to span two switches in a row (promotions back to
     * back) still finds its files. The previous repomd.xml is kept beside them as {@value #PREVIOUS_REPOMD}, which no
     * client asks for, to know the generation before it; so the files kept stay bounded to two generations.
     */
    private static void keepPreviousMetadata(Path previous, Path snapshot) {
        try {
            linkNamedFiles(RepodataReader.readRepomd(previous).hrefs(), previous, snapshot);
            Path older = previous.resolve("repodata").resolve(PREVIOUS_REPOMD);
            if (Files.isRegularFile(older)) {
                linkNamedFiles(RepodataReader.readRepomdFile(older).hrefs(), previous, snapshot);
            }
            Path kept = snapshot.resolve("repodata").resolve(PREVIOUS_REPOMD);
            if (!Files.exists(kept)) {
                Files.createLink(kept, previous.resolve("repodata/repomd.xml"));
            }
        } catch (IOException e) {
            throw ioFailure("keep the previous metadata files in " + snapshot, e);
        }
    }

    private static void linkNamedFiles(List<String> hrefs, Path previous, Path snapshot) throws IOException {
        for (String href : hrefs) {
            Path target = snapshot.resolve(href).normalize();
            Path source = previous.resolve(href).normalize();
            if (target.startsWith(snapshot) && source.startsWith(previous) && Files.isRegularFile(source) && !Files.exists(target)) {
                Files.createLink(target, source);
            }
        }
    }

    /**
     * Checks that the new metadata lists exactly the locations of the package list, each once: the digests of the
     * two must be equal. Only when they differ are the list and the metadata read again, to name the packages.
     *
     * @param list the digest of the package list written into {@code snapshot}
     * @return file name -> NEVRA of the packages named in {@code nevrasOf}
     */
    private static Map<String, String> verify(Path snapshot, LocationDigest list, Set<String> nevrasOf) {
        try {
            RepodataReader.Repomd repomd = RepodataReader.readRepomd(snapshot);
            for (String href : repomd.hrefs()) {
                if (!Files.isRegularFile(snapshot.resolve(href))) {
                    throw verificationFailure("repomd.xml names " + href + ", which createrepo_c did not write");
                }
            }
            ListedLocations metadata = new ListedLocations(nevrasOf);
            PrimaryScanner.scan(snapshot, repomd.primaryHref(), metadata);
            if (!metadata.digest().matches(list)) {
                ExpectedLocations expected = new ExpectedLocations(PackageList.read(snapshot).hrefs());
                PrimaryScanner.scan(snapshot, repomd.primaryHref(), expected);
                throw verificationFailure(expected.mismatch().orElse("the metadata lists other locations than the package list"));
            }
            return metadata.nevras();
        } catch (IOException e) {
            throw verificationFailure("the new metadata cannot be read: " + e.getMessage());
        }
    }

    private void sign(Path snapshot, SigningOptions signing) {
        Path repodata = snapshot.resolve("repodata");
        ToolRunner.Tool gpg = gpg(signing);
        tools.run(gpg, List.of("--homedir", signing.gpgHome().toString(), "--batch", "--yes", "--pinentry-mode", "loopback",
                "--local-user", signing.keyId(), "--armor", "--detach-sign", "--output", "repomd.xml.asc", "repomd.xml"), repodata);
        tools.run(gpg, List.of("--homedir", signing.gpgHome().toString(), "--batch", "--verify", "repomd.xml.asc", "repomd.xml"), repodata);
    }

    private ToolRunner.Tool createrepo() {
        return new ToolRunner.Tool("createrepo_c", options.createrepoCommand(), CREATEREPO_INSTALL_HINT);
    }

    private static ToolRunner.Tool gpg(SigningOptions signing) {
        return new ToolRunner.Tool("gpg", signing.gpgCommand(), GPG_INSTALL_HINT);
    }

    private static RepositoryException verificationFailure(String what) {
        return new RepositoryException(RepositoryException.Kind.TOOL_FAILURE, "The new snapshot failed verification: " + what + ".",
                "Check the createrepo_c version and its output above; the served repository is unchanged.");
    }

    static RepositoryException ioFailure(String action, IOException e) {
        String reason = String.valueOf(e.getMessage());
        if (reason.contains("No space left")) {
            return new RepositoryException(RepositoryException.Kind.IO_FAILURE, "Cannot " + action + ": the filesystem is full (" + reason + ").",
                    "Free space on that filesystem (or keep fewer snapshots) and run again; the served repository is unchanged.", e);
        }
        return new RepositoryException(RepositoryException.Kind.IO_FAILURE, "Cannot " + action + ": " + reason + ".",
                "Check permissions and free space of the repository filesystem, then run again; the served repository is unchanged.", e);
    }

    private static void discardPoolQuietly(SnapshotStore store, String id) {
        try {
            store.discardPool(id);
        } catch (IOException ignored) {
            // the pool directory of a snapshot that never completed is unlisted: the next writer's garbage collection removes it
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            SnapshotStore.deleteTree(path);
        } catch (IOException ignored) {
            // a leftover temporary directory is removed by the next writer (SnapshotStore.removeLeftovers)
        }
    }
}
