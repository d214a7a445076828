package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention by when each state was last served, rollback by one step and undo, with real RPMs, createrepo_c and dnf. */
class ServedRetentionTest {

    private static final String STAGE = "testing";

    @TempDir
    Path root;
    @TempDir
    Path dnfCache;

    private RepositoryEngine engine;
    private Path untested;

    @BeforeEach
    void setUp() {
        untested = root.resolve("untested/el9/x86_64");
        for (String name : List.of("good", "bad", "next", "a", "b", "c", "d", "bad1", "bad2", "bad3")) {
            RpmFixtures.write(untested, name, "1.0", "1", "noarch");
        }
        engine = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withSnapshotsToKeep(2));
    }

    private String promote(String name) {
        return engine.promote("untested", STAGE, "el9", "x86_64", PackageSelection.of(name)).snapshotId();
    }

    private List<String> dnfSees() {
        return Tools.dnfList(root.resolve(STAGE + "/el9/x86_64"), dnfCache.resolve("c" + System.nanoTime()));
    }

    /** Retained snapshot id -> state and package names, by creation. */
    private Map<String, String> retained() {
        SnapshotStore store = new SnapshotStore(root.resolve(STAGE + "/el9/x86_64"), "t");
        Map<String, String> states = new LinkedHashMap<>();
        for (SnapshotInfo info : engine.snapshots(STAGE, "el9", "x86_64")) {
            List<String> names = PackageCatalog.of(store.snapshot(info.id()), "t").fileNames().stream()
                    .map(file -> file.replace("-1.0-1.noarch.rpm", "")).sorted().toList();
            states.put(info.id(), info.state().label() + " " + names);
        }
        return states;
    }

    private RepositoryException refusedRollback() {
        return catchThrowableOfType(RepositoryException.class, () -> engine.rollbackToPrevious(STAGE, "el9", "x86_64"));
    }

    @Test
    void promoteRollbackPromoteNeverOffersTheRolledBackState() {
        String s1 = promote("good");
        String s2 = promote("bad");
        assertThat(retained()).containsExactly(Map.entry(s1, "previous [good]"), Map.entry(s2, "served [bad, good]"));

        PromotionResult back = engine.rollbackToPrevious(STAGE, "el9", "x86_64");
        assertThat(back.message()).isEqualTo("Rolled testing/el9/x86_64 back to snapshot " + s1 + " (0 package(s) back, 1 gone).");
        assertThat(dnfSees()).containsExactly("good-1.0-1.noarch");
        assertThat(retained()).containsExactly(Map.entry(s1, "served [good]"), Map.entry(s2, "withdrawn [bad, good]"));

        String s3 = promote("next");
        assertThat(retained()).as("the withdrawn s2 goes first, s1 served just before s3 stays")
                .containsExactly(Map.entry(s1, "previous [good]"), Map.entry(s3, "served [good, next]"));
        assertThat(dnfSees()).containsExactly("good-1.0-1.noarch", "next-1.0-1.noarch");

        assertThat(engine.rollbackToPrevious(STAGE, "el9", "x86_64").snapshotId()).isEqualTo(s1);
        assertThat(dnfSees()).containsExactly("good-1.0-1.noarch");
        RepositoryException refused = refusedRollback();
        assertThat(refused.kind()).isEqualTo(RepositoryException.Kind.BAD_INPUT);
        assertThat(refused.problem()).isEqualTo("No previous state of testing/el9/x86_64 to roll back to: every state it served before snapshot "
                + s1 + " was withdrawn (" + s3 + ", " + s2 + ").");
        assertThat(refused.fix()).isEqualTo("Pick a retained snapshot by id (command 'snapshots' lists them), or withdraw the packages that must go "
                + "(command 'withdraw').");
    }

    @Test
    void rollbackToPreviousRefusesWhenThatStateWasPrunedOrNeverExisted() {
        assertThat(refusedRollback().problem()).isEqualTo("No previous state of testing/el9/x86_64 to roll back to: it serves nothing.");
        String s1 = promote("a");
        assertThat(refusedRollback().problem()).isEqualTo("No previous state of testing/el9/x86_64 to roll back to: snapshot " + s1
                + " is the only state it has served.");
        RepositoryEngine keepOne = RepositoryEngine.create(StageLayout.of(root), EngineOptions.defaults().withSnapshotsToKeep(1));
        String s2 = keepOne.promote("untested", STAGE, "el9", "x86_64", PackageSelection.of("b")).snapshotId();
        assertThat(refusedRollback().problem()).isEqualTo("No previous state of testing/el9/x86_64 to roll back to: snapshot " + s1
                + ", served before snapshot " + s2 + ", was pruned.");
        assertThat(dnfSees()).containsExactly("a-1.0-1.noarch", "b-1.0-1.noarch");
    }

    @Test
    void promoteUndoPromoteLeavesTheTreeAsBeforeAndNextRollbackSkipsTheUndoneState() throws IOException {
        String s1 = promote("a");
        String s2 = promote("b");
        String before = TreeDigest.of(root);

        PromotionResult bad = engine.promote("untested", STAGE, "el9", "x86_64", PackageSelection.of("bad"));
        assertThat(retained()).as("keep 2: s1 pruned").containsOnlyKeys(s2, bad.snapshotId());
        PromotionResult undone = engine.undo(STAGE, "el9", "x86_64", bad.snapshotId(), bad.replacedSnapshotId(), PackageSelection.of("bad"));

        assertThat(undone.message()).isEqualTo("Took testing/el9/x86_64 back to snapshot " + s2 + " (1 package(s) gone).");
        assertThat(TreeDigest.of(root)).as("byte for byte as before, s1 and the journal included").isEqualTo(before);
        assertThat(dnfSees()).containsExactly("a-1.0-1.noarch", "b-1.0-1.noarch");
        assertThat(retained()).containsExactly(Map.entry(s1, "previous [a]"), Map.entry(s2, "served [a, b]"));

        String s3 = promote("c");
        assertThat(retained()).containsExactly(Map.entry(s2, "previous [a, b]"), Map.entry(s3, "served [a, b, c]"));
        assertThat(engine.rollbackToPrevious(STAGE, "el9", "x86_64").snapshotId()).isEqualTo(s2);
        assertThat(dnfSees()).containsExactly("a-1.0-1.noarch", "b-1.0-1.noarch");
    }

    @Test
    void severalUndoneRolloutsInARowKeepTheRetainedStates() throws IOException {
        promote("a");
        String s2 = promote("b");
        String s3 = promote("c");
        Map<String, String> states = retained();
        assertThat(states).containsExactly(Map.entry(s2, "previous [a, b]"), Map.entry(s3, "served [a, b, c]"));
        // more snapshots than kept were made: what the last prune left to delete goes with the next change
        String before = TreeDigest.ofRetained(root);

        List<String> undone = new ArrayList<>();
        for (String name : List.of("bad1", "bad2", "bad3")) {
            PromotionResult bad = engine.promote("untested", STAGE, "el9", "x86_64", PackageSelection.of(name));
            engine.undo(STAGE, "el9", "x86_64", bad.snapshotId(), bad.replacedSnapshotId(), PackageSelection.of(name));
            undone.add(bad.snapshotId());
            assertThat(TreeDigest.ofRetained(root)).as("as before after undoing " + name).isEqualTo(before);
            assertThat(retained()).isEqualTo(states);
            assertThat(dnfSees()).containsExactly("a-1.0-1.noarch", "b-1.0-1.noarch", "c-1.0-1.noarch");
        }

        String s4 = promote("d");
        assertThat(retained()).containsExactly(Map.entry(s3, "previous [a, b, c]"), Map.entry(s4, "served [a, b, c, d]"));
        assertThat(engine.rollbackToPrevious(STAGE, "el9", "x86_64").snapshotId()).isEqualTo(s3);
        assertThat(refusedRollback().problem()).as("s4 was withdrawn, s2 pruned by s4's publication")
                .isEqualTo("No previous state of testing/el9/x86_64 to roll back to: snapshot " + s2 + ", served before snapshot " + s3
                        + " and the withdrawn " + s4 + ", was pruned.");
        assertThat(dnfSees()).containsExactly("a-1.0-1.noarch", "b-1.0-1.noarch", "c-1.0-1.noarch");
        assertThat(retained()).doesNotContainKeys(undone.toArray(String[]::new));
    }

    @Test
    void anUndoAfterAnotherChangeWithdrawsAndMarksEveryStateHoldingWhatItTookBack() {
        String s1 = promote("a");
        PromotionResult mine = engine.promote("untested", STAGE, "el9", "x86_64", PackageSelection.of("bad"));
        String theirs = promote("b");

        PromotionResult undone = engine.undo(STAGE, "el9", "x86_64", mine.snapshotId(), mine.replacedSnapshotId(), PackageSelection.of("bad"));

        assertThat(dnfSees()).containsExactly("a-1.0-1.noarch", "b-1.0-1.noarch");
        assertThat(retained()).as("keep 2: the withdrawn ones go first")
                .containsExactly(Map.entry(theirs, "withdrawn [a, b, bad]"), Map.entry(undone.snapshotId(), "served [a, b]"));
        assertThat(refusedRollback().problem()).isEqualTo("No previous state of testing/el9/x86_64 to roll back to: snapshot " + s1
                + ", served before snapshot " + undone.snapshotId() + " and the withdrawn " + theirs + ", " + mine.snapshotId() + ", was pruned.");
    }
}
