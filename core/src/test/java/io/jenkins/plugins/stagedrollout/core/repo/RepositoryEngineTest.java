package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with real RPMs, real createrepo_c and dnf as the client. */
class RepositoryEngineTest {

    @TempDir
    Path root;
    @TempDir
    Path dnfCache;

    private final List<String> log = new ArrayList<>();
    private RepositoryEngine engine;
    private Path untested;

    @BeforeEach
    void setUp() {
        untested = root.resolve("untested/el9/x86_64");
        RpmFixtures.write(untested, "egi-tool", "1.0", "1.el9", "noarch");
        RpmFixtures.write(untested, "egi-tool", "1.1", "1.el9", "noarch");
        RpmFixtures.write(untested, "egi-daemon", 3, "2.0", "5.el9", "x86_64");
        engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withSnapshotsToKeep(3).withOutputSink(log::add));
    }

    private List<String> dnfSees(String stage) {
        return Tools.dnfList(root.resolve(stage + "/el9/x86_64"), dnfCache.resolve("c" + System.nanoTime()));
    }

    @Test
    void promoteWithdrawRollbackAsDnfSeesThem() throws IOException {
        PromotionResult first = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm"));
        assertThat(first.changed()).isTrue();
        assertThat(first.packagesAdded()).containsExactly("egi-tool-1.0-1.el9.noarch.rpm");
        assertThat(first.repository()).isEqualTo("testing/el9/x86_64");
        assertThat(dnfSees("testing")).containsExactly("egi-tool-1.0-1.el9.noarch");

        PromotionResult second = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("egi-daemon-3:2.0-5.el9.x86_64, egi-tool-1.1*"));
        assertThat(second.packagesAdded()).containsExactlyInAnyOrder("egi-daemon-2.0-5.el9.x86_64.rpm", "egi-tool-1.1-1.el9.noarch.rpm");
        assertThat(second.snapshotId()).isNotEqualTo(first.snapshotId());
        assertThat(dnfSees("testing")).containsExactly("egi-daemon-3:2.0-5.el9.x86_64", "egi-tool-1.0-1.el9.noarch", "egi-tool-1.1-1.el9.noarch");

        PromotionResult withdrawn = engine.withdraw("testing", "el9", "x86_64", PackageSelection.of("egi-daemon"));
        assertThat(withdrawn.packagesRemoved()).containsExactly("egi-daemon-2.0-5.el9.x86_64.rpm");
        assertThat(dnfSees("testing")).containsExactly("egi-tool-1.0-1.el9.noarch", "egi-tool-1.1-1.el9.noarch");

        PromotionResult rolledBack = engine.rollback("testing", "el9", "x86_64", first.snapshotId());
        assertThat(rolledBack.changed()).isTrue();
        assertThat(rolledBack.packagesRemoved()).containsExactly("egi-tool-1.1-1.el9.noarch.rpm");
        assertThat(dnfSees("testing")).containsExactly("egi-tool-1.0-1.el9.noarch");
        assertThat(Files.readSymbolicLink(root.resolve("testing/el9/x86_64"))).isEqualTo(Path.of(".snapshots/x86_64/" + first.snapshotId()));

        assertThat(engine.snapshots("testing", "el9", "x86_64"))
                .extracting(SnapshotInfo::id, SnapshotInfo::packageCount, SnapshotInfo::served)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first.snapshotId(), 1, true),
                        org.assertj.core.groups.Tuple.tuple(second.snapshotId(), 3, false),
                        org.assertj.core.groups.Tuple.tuple(withdrawn.snapshotId(), 2, false));
        assertThat(log).anyMatch(line -> line.startsWith("createrepo_c: "));
    }

    @Test
    void selectedNevrasComeFromTheHeadersNotFromFileNames() throws Exception {
        Files.move(untested.resolve("egi-tool-1.1-1.el9.noarch.rpm"), untested.resolve("egi-tool_latest.rpm"));

        PromotionResult first = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("egi-daemon, egi-tool_latest.rpm"));
        assertThat(first.selectedNevras()).containsExactlyInAnyOrder("egi-daemon-3:2.0-5.el9.x86_64", "egi-tool-1.1-1.el9.noarch");
        assertThat(dnfSees("testing")).containsExactlyInAnyOrderElementsOf(first.selectedNevras());

        PromotionResult second = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.parse("egi-daemon, egi-tool-1.0-1.el9.noarch"));
        assertThat(second.packagesAdded()).containsExactly("egi-tool-1.0-1.el9.noarch.rpm");
        assertThat(second.selectedNevras()).containsExactlyInAnyOrder("egi-daemon-3:2.0-5.el9.x86_64", "egi-tool-1.0-1.el9.noarch");

        PromotionResult again = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon"));
        assertThat(again.changed()).isFalse();
        assertThat(again.selectedNevras()).containsExactly("egi-daemon-3:2.0-5.el9.x86_64");

        PromotionResult withdrawn = engine.withdraw("testing", "el9", "x86_64", PackageSelection.of("egi-daemon"));
        assertThat(withdrawn.selectedNevras()).containsExactly("egi-daemon-3:2.0-5.el9.x86_64");
        assertThat(engine.rollback("testing", "el9", "x86_64", first.snapshotId()).selectedNevras()).isEmpty();

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(second);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(second);
        }
    }

    @Test
    void resolveNamesWhatAPromotionWouldMoveAndChangesNothing() throws IOException {
        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon", "egi-tool-1.1-1.el9.noarch.rpm"));
        String before = TreeDigest.of(root);

        assertThat(engine.resolve("testing", "el9", "x86_64", PackageSelection.of("egi-*")))
                .containsExactlyInAnyOrder("egi-daemon-3:2.0-5.el9.x86_64", "egi-tool-1.1-1.el9.noarch");
        assertThat(engine.resolve("testing", "el9", "x86_64", PackageSelection.of("egi-daemon-3:2.0-5.el9.x86_64")))
                .containsExactly("egi-daemon-3:2.0-5.el9.x86_64");
        RepositoryException unknown = org.assertj.core.api.Assertions.catchThrowableOfType(RepositoryException.class,
                () -> engine.resolve("testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch")));
        assertThat(unknown.kind()).isEqualTo(RepositoryException.Kind.BAD_INPUT);
        assertThat(TreeDigest.of(root)).isEqualTo(before);
    }

    @Test
    void promotingWhatIsAlreadyThereChangesNothingAndSaysSo() throws IOException {
        PromotionResult first = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool"));
        Path snapshots = root.resolve("testing/el9/.snapshots/x86_64");
        String before = TreeDigest.of(root);

        PromotionResult again = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool"));

        assertThat(again.changed()).isFalse();
        assertThat(again.snapshotId()).isEqualTo(first.snapshotId());
        assertThat(again.packagesAdded()).isEmpty();
        assertThat(again.message()).isEqualTo("Nothing to do: testing/el9/x86_64 already holds egi-tool-1.0-1.el9.noarch.rpm, egi-tool-1.1-1.el9.noarch.rpm.");
        assertThat(TreeDigest.of(root)).isEqualTo(before);
        assertThat(engine.snapshots("testing", "el9", "x86_64")).hasSize(1);
        assertThat(snapshots.resolve(first.snapshotId())).isDirectory();

        PromotionResult rollbackToServed = engine.rollback("testing", "el9", "x86_64", first.snapshotId());
        assertThat(rollbackToServed.changed()).isFalse();
    }

    @Test
    void packagesAreHardLinkedNotCopied() throws IOException {
        PromotionResult toTesting = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon"));
        PromotionResult toProduction = engine.promote("testing", "production", "el9", "x86_64", PackageSelection.of("egi-daemon"));

        Path source = untested.resolve("egi-daemon-2.0-5.el9.x86_64.rpm");
        Object inode = Files.getAttribute(source, "unix:ino");
        for (Path published : List.of(Tools.servedFile(root.resolve("testing/el9/x86_64"), "egi-daemon-2.0-5.el9.x86_64.rpm"),
                Tools.servedFile(root.resolve("production/el9/x86_64"), "egi-daemon-2.0-5.el9.x86_64.rpm"))) {
            assertThat(Files.getAttribute(published, "unix:ino")).isEqualTo(inode);
        }
        assertThat(Files.getAttribute(source, "unix:nlink")).isEqualTo(3);
        assertThat(toProduction.snapshotId()).isNotNull();
        assertThat(toTesting.changed()).isTrue();
        assertThat(dnfSees("production")).containsExactly("egi-daemon-3:2.0-5.el9.x86_64");
    }

    @Test
    void aSymbolicLinkInsideTheRootIsPublishedAsAHardLinkToItsTarget() throws IOException {
        Path pool = root.resolve("pool");
        Path target = RpmFixtures.write(pool, "egi-linked", "1.0", "1.el9", "noarch");
        Files.createSymbolicLink(untested.resolve("egi-linked-1.0-1.el9.noarch.rpm"), Path.of("../../../pool/egi-linked-1.0-1.el9.noarch.rpm"));

        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-linked"));

        Path published = Tools.servedFile(root.resolve("testing/el9/x86_64"), "egi-linked-1.0-1.el9.noarch.rpm");
        assertThat(Files.isSymbolicLink(published)).isFalse();
        assertThat(Files.getAttribute(published, "unix:ino")).isEqualTo(Files.getAttribute(target, "unix:ino"));
        assertThat(dnfSees("testing")).containsExactly("egi-linked-1.0-1.el9.noarch");
    }

    @Test
    void sqliteDatabasesOnlyWhenAskedForAndDnfReadsBoth() throws IOException {
        engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool"));
        RepositoryEngine withDatabases = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withSqliteDatabases(true));
        withDatabases.promote("untested", "production", "el9", "x86_64", PackageSelection.of("egi-tool"));

        assertThat(RepodataReader.readRepomd(root.resolve("testing/el9/x86_64")).hrefs()).hasSize(3).noneMatch(href -> href.contains(".sqlite"));
        assertThat(RepodataReader.readRepomd(root.resolve("production/el9/x86_64")).hrefs()).hasSize(6)
                .filteredOn(href -> href.contains("-primary.sqlite") || href.contains("-filelists.sqlite") || href.contains("-other.sqlite")).hasSize(3);
        assertThat(dnfSees("testing")).containsExactly("egi-tool-1.0-1.el9.noarch", "egi-tool-1.1-1.el9.noarch");
        assertThat(dnfSees("production")).isEqualTo(dnfSees("testing"));
    }

    @Test
    void keepsTheLastSnapshotsAndNeverTheServedOneGoes() {
        List<String> ids = new ArrayList<>();
        ids.add(engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0*")).snapshotId());
        ids.add(engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.1*")).snapshotId());
        ids.add(engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon")).snapshotId());
        engine.rollback("testing", "el9", "x86_64", ids.get(0));
        ids.add(engine.withdraw("testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch")).snapshotId());
        ids.add(engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0*")).snapshotId());

        // Pruned by when each was last served, withdrawn ones first: the rollback to ids0 withdrew egi-tool-1.1 and
        // egi-daemon (ids1, ids2), the withdrawal egi-tool-1.0 (ids0); ids0, served last of those, keeps the third place.
        assertThat(engine.snapshots("testing", "el9", "x86_64")).extracting(SnapshotInfo::id, SnapshotInfo::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ids.get(0), SnapshotInfo.State.WITHDRAWN),
                        org.assertj.core.groups.Tuple.tuple(ids.get(3), SnapshotInfo.State.PREVIOUS),
                        org.assertj.core.groups.Tuple.tuple(ids.get(4), SnapshotInfo.State.SERVED));
        assertThat(engine.packages("testing", "el9", "x86_64")).containsExactly("egi-tool-1.0-1.el9.noarch.rpm");
    }

    @Test
    void undoOfAFirstPublicationLeavesTheRootAsItWas() throws IOException {
        String before = TreeDigest.of(root);
        PromotionResult promoted = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm"));
        assertThat(promoted.replacedSnapshotId()).isNull();

        PromotionResult undone = engine.undo("testing", "el9", "x86_64", promoted.snapshotId(), null, PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm"));
        assertThat(undone.changed()).isTrue();
        assertThat(undone.packagesRemoved()).containsExactly("egi-tool-1.0-1.el9.noarch.rpm");
        assertThat(undone.message()).isEqualTo("Took testing/el9/x86_64 back to serving nothing, as before (1 package(s) gone).");
        assertThat(TreeDigest.of(root)).as("byte for byte as before").isEqualTo(before);
        assertThat(root.resolve("testing")).doesNotExist();

        PromotionResult again = engine.undo("testing", "el9", "x86_64", promoted.snapshotId(), null, PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm"));
        assertThat(again.changed()).isFalse();
        assertThat(again.message()).isEqualTo("Nothing to do: testing/el9/x86_64 already serves what it served before (nothing).");
        assertThat(TreeDigest.of(root)).isEqualTo(before);
    }

    @Test
    void undoServesThePreviousSnapshotAgain() throws IOException {
        PromotionResult first = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm"));
        Path served = root.resolve("testing/el9/x86_64");
        Path link = Files.readSymbolicLink(served);
        String servedBefore = TreeDigest.of(root.resolve("testing/el9/.snapshots/x86_64/" + first.snapshotId()));

        PromotionResult second = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon"));
        assertThat(second.replacedSnapshotId()).isEqualTo(first.snapshotId());
        PromotionResult undone = engine.undo("testing", "el9", "x86_64", second.snapshotId(), second.replacedSnapshotId(), PackageSelection.of("egi-daemon-2.0-5.el9.x86_64.rpm"));

        assertThat(undone.snapshotId()).isEqualTo(first.snapshotId());
        assertThat(undone.packagesRemoved()).containsExactly("egi-daemon-2.0-5.el9.x86_64.rpm");
        assertThat(Files.readSymbolicLink(served)).isEqualTo(link);
        assertThat(TreeDigest.of(root.resolve("testing/el9/.snapshots/x86_64/" + first.snapshotId()))).isEqualTo(servedBefore);
        assertThat(dnfSees("testing")).containsExactly("egi-tool-1.0-1.el9.noarch");
        assertThat(engine.undo("testing", "el9", "x86_64", second.snapshotId(), first.snapshotId(), PackageSelection.of("egi-daemon")).changed())
                .as("run again").isFalse();
    }

    @Test
    void undoAfterAnotherChangeWithdrawsAndKeepsThatChange() throws IOException {
        PromotionResult mine = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm"));
        PromotionResult theirs = engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of("egi-daemon"));

        PromotionResult undone = engine.undo("testing", "el9", "x86_64", mine.snapshotId(), null, PackageSelection.of("egi-tool-1.0-1.el9.noarch.rpm"));

        assertThat(undone.packagesRemoved()).containsExactly("egi-tool-1.0-1.el9.noarch.rpm");
        assertThat(undone.message()).startsWith("testing/el9/x86_64 changed since snapshot " + mine.snapshotId()
                + " was published, and that change is kept: Withdrew 1 package(s)");
        assertThat(undone.replacedSnapshotId()).isEqualTo(theirs.snapshotId());
        assertThat(dnfSees("testing")).containsExactly("egi-daemon-3:2.0-5.el9.x86_64");
    }

    @Test
    void aSnapshotKeepsTheMetadataOfTheTwoGenerationsBeforeItAndNoOlder() throws IOException {
        RpmFixtures.write(untested, "egi-extra", "1.0", "1.el9", "noarch");
        RpmFixtures.write(untested, "egi-more", "1.0", "1.el9", "noarch");
        Path served = root.resolve("testing/el9/x86_64");
        Path snapshots = root.resolve("testing/el9/.snapshots/x86_64");
        List<List<String>> generations = new ArrayList<>();
        List<Path> snapshot = new ArrayList<>();
        for (String name : List.of("egi-tool-1.0*", "egi-tool-1.1*", "egi-extra", "egi-more")) {
            snapshot.add(snapshots.resolve(engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of(name)).snapshotId()));
            generations.add(RepodataReader.readRepomd(served).hrefs());
        }
        // A client that read the first repomd.xml and was slow across two switches still finds what it names in the third.
        for (String href : generations.get(0)) {
            assertThat(snapshot.get(2).resolve(href)).as("the third snapshot keeps the first one's " + href).isRegularFile();
        }
        // The fourth, now served, keeps the second and third generations and no older one.
        for (String href : generations.get(1)) {
            assertThat(served.resolve(href)).as(href).isRegularFile();
        }
        for (String href : generations.get(2)) {
            assertThat(served.resolve(href)).as(href).isRegularFile();
        }
        List<String> onlyFirst = generations.get(0).stream()
                .filter(href -> !generations.get(1).contains(href) && !generations.get(2).contains(href) && !generations.get(3).contains(href))
                .toList();
        assertThat(onlyFirst).isNotEmpty();
        onlyFirst.forEach(href -> assertThat(served.resolve(href)).as("bounded to two generations: " + href).doesNotExist());
        assertThat(dnfSees("testing")).containsExactly("egi-extra-1.0-1.el9.noarch", "egi-more-1.0-1.el9.noarch", "egi-tool-1.0-1.el9.noarch",
                "egi-tool-1.1-1.el9.noarch");
    }
}
