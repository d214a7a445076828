package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package pool: each file stored once, snapshots listing it, files kept while a retained snapshot lists them. */
class PackagePoolTest {

    @TempDir
    Path root;
    @TempDir
    Path dnfCache;

    private final List<String> log = new ArrayList<>();
    private Path untested;
    private Path snapshots;

    @BeforeEach
    void setUp() {
        untested = root.resolve("untested/el9/x86_64");
        snapshots = root.resolve("testing/el9/.snapshots/x86_64");
        RpmFixtures.write(untested, "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(untested, "egi-tool", "1.1", "1.el9", "noarch");
        RpmFixtures.write(untested, "egi-daemon", 3, "2.0", "5.el9", "x86_64");
    }

    private RepositoryEngine engine(int keep) {
        return RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withSnapshotsToKeep(keep).withOutputSink(log::add));
    }

    private List<String> dnfSees() {
        return Tools.dnfList(root.resolve("testing/el9/x86_64"), dnfCache.resolve("c" + System.nanoTime()));
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSnapshotHoldsItsMetadataAndAListNotOneLinkPerPackage() throws IOException {
        RepositoryEngine engine = engine(5);
        String first = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0*")).snapshotId();
        String second = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1*")).snapshotId();
        String third = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon")).snapshotId();

        for (String id : List.of(first, second, third)) {
            assertThat(entries(snapshots.resolve(id))).containsExactly(".pkglist", "packages", "repodata");
            assertThat(Files.readSymbolicLink(snapshots.resolve(id).resolve("packages"))).isEqualTo(Path.of("../.pool"));
        }
        assertThat(Files.readAllLines(snapshots.resolve(third).resolve(".pkglist"))).containsExactly(
                "packages/" + first + "/egi-tool-1.0-1.el9.noarch.rpm", "packages/" + second + "/egi-tool-1.1-1.el9.noarch.rpm",
                "packages/" + third + "/egi-daemon-2.0-5.el9.x86_64.rpm");
        // listed by three snapshots, stored once: the source and one pool file share the inode
        assertThat(Files.getAttribute(untested.resolve("egi-tool-1.0-1.el9.noarch.rpm"), "unix:nlink")).isEqualTo(2);
        assertThat(Tools.servedFile(root.resolve("testing/el9/x86_64"), "egi-tool-1.0-1.el9.noarch.rpm"))
                .isEqualTo(root.resolve("testing/el9/x86_64/packages/" + first + "/egi-tool-1.0-1.el9.noarch.rpm"));
        assertThat(log).anyMatch(line -> line.equals("Snapshot " + third + ": 3 package(s), 1 new: 1 hard-linked, 0 copied (other filesystem)"));
        assertThat(dnfSees()).containsExactly("egi-daemon-3:2.0-5.el9.x86_64", "egi-tool-1.0-1.el9.noarch", "egi-tool-1.1-1.el9.noarch");
    }

    @Test
    void aWithdrawnPackageStaysInThePoolWhileARetainedSnapshotListsIt() throws IOException {
        RepositoryEngine engine = engine(2);
        String first = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0*")).snapshotId();
        engine.withdraw("testing", "el9", "x86_64", PackageSelection.of("egi-tool"));
        Path withdrawn = snapshots.resolve(".pool").resolve(first).resolve("egi-tool-1.0-1.el9.noarch.rpm");

        assertThat(dnfSees()).isEmpty();
        // a client that read the first snapshot's metadata an instant before the switch still downloads it
        assertThat(withdrawn).isRegularFile();

        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1*"));
        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon"));
        assertThat(engine.snapshots("testing", "el9", "x86_64")).extracting(SnapshotInfo::id).doesNotContain(first);
        // pruned with the first snapshot, deleted by the next writer
        engine.withdraw("testing", "el9", "x86_64", PackageSelection.of("egi-daemon"));

        assertThat(withdrawn).doesNotExist();
        assertThat(snapshots.resolve(".pool").resolve(first)).doesNotExist();
        assertThat(log).contains("Deleted 1 pool file(s) that no retained snapshot lists");
        assertThat(dnfSees()).containsExactly("egi-tool-1.1-1.el9.noarch");
        for (SnapshotInfo retained : engine.snapshots("testing", "el9", "x86_64")) {
            engine.rollback("testing", "el9", "x86_64", retained.id());
            assertThat(dnfSees()).hasSize(retained.packageCount());
        }
    }

    @Test
    void aRebuildNamedLikeAWithdrawnPackageLeavesTheRetainedOneAlone() throws IOException {
        RepositoryEngine engine = engine(5);
        String original = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0*")).snapshotId();
        engine.withdraw("testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch"));
        // same file name, other content: a file name carries no epoch
        Files.delete(untested.resolve("egi-tool-1.0-1.el9.noarch.rpm"));
        RpmFixtures.write(untested, "egi-tool", 1, "1.0", "1.el9", "noarch");

        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm"));
        assertThat(dnfSees()).containsExactly("egi-tool-1:1.0-1.el9.noarch");

        engine.rollback("testing", "el9", "x86_64", original);
        assertThat(dnfSees()).containsExactly("egi-tool-1.0-1.el9.noarch");
    }

    @Test
    void aSnapshotMadeBeforeThePoolIsCarriedIntoIt() throws IOException {
        // the layout of earlier versions: the package files in the snapshot directory itself
        Path old = Files.createDirectories(snapshots.resolve("20261101T000000.000Z"));
        Files.createLink(old.resolve("egi-tool-1.0-1.el9.noarch.rpm"), untested.resolve("egi-tool-1.0-1.el9.noarch.rpm"));
        assertThat(Tools.run("createrepo_c", "-q", old.toString()).exit()).isZero();
        Files.createSymbolicLink(root.resolve("testing/el9/x86_64"), Path.of(".snapshots/x86_64/20261101T000000.000Z"));

        String id = engine(5).promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon")).snapshotId();

        assertThat(Files.readAllLines(snapshots.resolve(id).resolve(".pkglist"))).containsExactly(
                "packages/" + id + "/egi-tool-1.0-1.el9.noarch.rpm", "packages/" + id + "/egi-daemon-2.0-5.el9.x86_64.rpm");
        assertThat(dnfSees()).containsExactly("egi-daemon-3:2.0-5.el9.x86_64", "egi-tool-1.0-1.el9.noarch");
        assertThat(entries(old)).contains("egi-tool-1.0-1.el9.noarch.rpm", "repodata");
    }

    @Test
    void aPackageListChangedToLeadOutOfThePoolIsRefusedAndNothingChanges() throws IOException {
        RepositoryEngine engine = engine(5);
        String id = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0*")).snapshotId();
        Path list = snapshots.resolve(id).resolve(".pkglist");
        Files.writeString(list, "packages/" + id + "/../../../../../../untested/el9/x86_64/egi-tool-1.1-1.el9.noarch.rpm\n");
        String before = TreeDigest.of(root);

        RepositoryException error = catchThrowableOfType(RepositoryException.class,
                () -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon")));

        assertThat(error.getMessage()).isEqualTo("Cannot read the package list of snapshot " + snapshots.resolve(id) + ": line 1 of " + list
                + " is not a pool location ('packages/" + id + "/../../../../../../untested/el9/x86_64/egi-tool-1.1-1.el9.noarch.rpm'). "
                + "Fix: The snapshot was changed by hand; roll back to another retained snapshot (command 'snapshots').");
        assertThat(error.kind()).isEqualTo(RepositoryException.Kind.IO_FAILURE);
        assertThat(TreeDigest.of(root)).isEqualTo(before);
    }

    @Test
    void aPackageListNamingAFileTwiceIsRefusedAndNothingChanges() throws IOException {
        RepositoryEngine engine = engine(5);
        String first = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0*")).snapshotId();
        String second = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1*")).snapshotId();
        Path list = snapshots.resolve(second).resolve(".pkglist");
        Files.writeString(list, "packages/" + first + "/egi-tool-1.0-1.el9.noarch.rpm\npackages/" + second + "/egi-tool-1.1-1.el9.noarch.rpm\n"
                + "packages/" + second + "/egi-tool-1.0-1.el9.noarch.rpm\n");
        String before = TreeDigest.of(root);

        RepositoryException error = catchThrowableOfType(RepositoryException.class,
                () -> engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon")));

        assertThat(error.getMessage()).isEqualTo("Cannot read the package list of snapshot " + snapshots.resolve(second) + ": " + list
                + " names egi-tool-1.0-1.el9.noarch.rpm twice. "
                + "Fix: The snapshot was changed by hand; roll back to another retained snapshot (command 'snapshots').");
        assertThat(error.kind()).isEqualTo(RepositoryException.Kind.IO_FAILURE);
        assertThat(TreeDigest.of(root)).isEqualTo(before);
    }
}
