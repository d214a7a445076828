package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served order as a restart finds it, whatever point a kill -9 stopped the writer at. */
class ServedHistoryTest {

    private static final List<String> JOURNAL = List.of("t1 served s1", "t2 served s2", "t3 served s1 withdrawn s2");

    @TempDir
    Path dir;

    @Test
    void theLastSwitchCountsOnlyWhenTheLinkShowsItHappened() {
        ServedHistory done = ServedHistory.derive(JOURNAL, List.of("s1", "s2"), Optional.of("s1"), true);
        assertThat(done.order()).containsExactly("s2", "s1");
        assertThat(done.withdrawn()).containsExactly("s2");
        assertThat(done.previous().whyNone()).isEqualTo("every state it served before snapshot s1 was withdrawn (s2)");

        // killed after the journal line, before the rename: s2 is still served and not withdrawn, s1 is its previous state
        ServedHistory killed = ServedHistory.derive(JOURNAL, List.of("s1", "s2"), Optional.of("s2"), true);
        assertThat(killed.order()).containsExactly("s1", "s2");
        assertThat(killed.withdrawn()).isEmpty();
        assertThat(killed.previous().id()).contains("s1");
    }

    @Test
    void aSnapshotCompletedButNeverServedIsNeverThePreviousStateAndGoesFirst() {
        // killed between the rename of .tmp-s3 and its journal line
        ServedHistory history = ServedHistory.derive(JOURNAL.subList(0, 2), List.of("s1", "s2", "s3"), Optional.of("s2"), true);
        assertThat(history.state("s3")).isEqualTo(SnapshotInfo.State.NEVER_SERVED);
        assertThat(history.previous().id()).contains("s1");
        assertThat(history.doomed(2)).containsExactly("s3");
    }

    @Test
    void withoutAJournalSnapshotsCountAsServedInTheOrderTheyWereMade() {
        ServedHistory legacy = ServedHistory.derive(List.of(), List.of("s1", "s2", "s3"), Optional.of("s2"), false);
        assertThat(legacy.order()).containsExactly("s1", "s3", "s2");
        assertThat(legacy.previous().id()).contains("s3");
        assertThat(legacy.doomed(2)).containsExactly("s1");
    }

    @Test
    void aLineCutByAPowerLossIsIgnoredAndCutBeforeTheNextOne() throws IOException {
        Files.writeString(dir.resolve(ServedJournal.FILE), "t1 served s1\nt2 serv");
        ServedJournal journal = new ServedJournal(dir);
        assertThat(journal.lines()).containsExactly("t1 served s1");

        journal.append(List.of("t3 served s2"));

        assertThat(Files.readString(dir.resolve(ServedJournal.FILE))).isEqualTo("t1 served s1\nt3 served s2\n");
        journal.truncate(1);
        assertThat(Files.readString(dir.resolve(ServedJournal.FILE))).isEqualTo("t1 served s1\n");
        journal.truncate(0);
        assertThat(journal.exists()).isFalse();
    }

    @Test
    void anUndoTakesBackOnlyItsOwnPromotions() {
        List<String> lines = List.of("t1 served s1", "t2 served x1", "t3 pruned s0", "t4 served x2");
        assertThat(TakeBack.find(lines, "x2", "s1")).contains(new TakeBack(1, List.of("x2", "x1"), List.of("s0")));
        assertThat(TakeBack.find(lines, "x2", "x1")).contains(new TakeBack(3, List.of("x2"), List.of()));
        assertThat(TakeBack.find(lines, "x1", "s1")).as("x2 came after").isEmpty();
        assertThat(TakeBack.find(List.of("t1 served s1", "t2 served s2", "t3 served s1 withdrawn s2", "t4 served x"), "x", "s2"))
                .as("s2 is not what the stage served before x").isEmpty();
        assertThat(TakeBack.find(List.of("t1 served x"), "x", null)).contains(new TakeBack(0, List.of("x"), List.of()));
    }
}
