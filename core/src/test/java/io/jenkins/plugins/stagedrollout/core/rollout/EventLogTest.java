package io.jenkins.plugins.stagedrollout.core.rollout;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.BOB;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.stagedrollout.core.report.Attachment;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing lost: replay gives the same rollout; a torn end is cut off; damage in the middle is an error. */
class EventLogTest {
    @TempDir
    Path dir;
    final Fixture f = new Fixture();

    private Path busyRollout() {
        Path log = dir.resolve("rollout.log");
        try (RolloutService s = f.open(log, RolloutPolicy.defaults().withAutoDecide(true))) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            f.clock.advance(Duration.ofHours(12));
            s.tick();
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, "going ahead");
            s.answerFromText(BOB, "reject NGI_IBERGRID-CESGA");
            s.answerFromText(BOB, "withdraw NGI_IBERGRID-CESGA");
            EaReport withFile = new EaReport(INFN, Verdict.POSITIVE, false, "step 3 of the upgrade notes is missing",
                    List.of("upgrade"), null, "ok", Attachment.ofBytes("ea-NGI_IT-INFN-T1-UMD-dpm-1.8.0-1.odt",
                    new byte[] {1, 2, 3, 0, (byte) 0xff}), List.of());
            s.fileReport(ALICE, withFile);
            s.extendSoak(MANAGER, 1);
            f.clock.advance(Duration.ofDays(6));
            s.tick();
            s.recordRepositoryChange(MANAGER, "testing", "production", "3 packages");
        }
        return log;
    }

    @Test
    void replayRebuildsExactlyTheSameRollout() {
        Path log = dir.resolve("rollout.log");
        Rollout live;
        RolloutView liveView;
        try (RolloutService s = f.open(log, RolloutPolicy.defaults().withAutoDecide(true))) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            f.clock.advance(Duration.ofHours(12));
            s.tick();
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, "going ahead");
            s.answerFromText(BOB, "reject NGI_IBERGRID-CESGA");
            s.answerFromText(BOB, "withdraw NGI_IBERGRID-CESGA");
            s.fileReport(ALICE, report(INFN, Verdict.POSITIVE));
            f.clock.advance(Duration.ofDays(6));
            s.tick();
            live = s.rollout();
            liveView = s.view();
        }
        assertThat(live.state()).isEqualTo(RolloutState.ACCEPTED);
        try (RolloutService again = RolloutService.load(log, f.env)) {
            assertThat(again.rollout()).isEqualTo(live);
            assertThat(again.view()).isEqualTo(liveView);
            assertThat(again.view().toPlainMap()).isEqualTo(liveView.toPlainMap());
            assertThat(again.recovery()).isEmpty();
        }
    }

    @Test
    void everyLineCarriesReleaseDigestAndChecksum() throws IOException {
        Path log = busyRollout();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).allSatisfy(l -> assertThat(l).matches("[0-9a-f]{8} \\{\"seq\":\\d+,.*"));
        List<Event> events;
        try (EventLog opened = EventLog.open(log)) {
            events = opened.events();
        }
        assertThat(events).extracting(Event::release).containsOnly("Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64");
        assertThat(events.stream().filter(e -> e.change() instanceof Change.Answered)).extracting(Event::packageDigest)
                .containsOnly(Fixture.PACKAGES.digest());
        Rollout replayed = Rollout.replay(events);
        assertThat(replayed.teams().get(INFN).report().attachment().bytes()).containsExactly(1, 2, 3, 0, 0xff);
        assertThat(replayed.repositoryChanges()).hasSize(1);
    }

    @Test
    void tornLastLineIsReportedAndCutOffKeepingEarlierEvents() throws IOException {
        Path log = busyRollout();
        byte[] whole = Files.readAllBytes(log);
        Rollout before;
        try (EventLog opened = EventLog.open(log)) {
            before = Rollout.replay(opened.events());
        }
        String torn = "1234abcd {\"seq\":" + (before.lastSeq() + 1) + ",\"at\":\"2026-12-0";
        Files.write(log, (new String(whole, StandardCharsets.UTF_8) + torn).getBytes(StandardCharsets.UTF_8));

        try (RolloutService s = RolloutService.load(log, f.env)) {
            assertThat(s.recovery()).contains("Recovered " + log + ": dropped line " + (before.lastSeq() + 1)
                    + " was torn (" + torn.length() + " bytes, no newline) after event " + before.lastSeq());
            assertThat(s.rollout()).isEqualTo(before);
        }
        assertThat(Files.readAllBytes(log)).isEqualTo(whole);
    }

    @Test
    void unfinishedMultiEventCommandIsDroppedAsAWhole() throws IOException {
        Path log = dir.resolve("rollout.log");
        Rollout beforeInvite;
        try (RolloutService s = f.open(log, RolloutPolicy.defaults())) {
            beforeInvite = s.rollout();
            s.invite(MANAGER, List.of(INFN, CESGA));
        }
        List<String> lines = Files.readAllLines(log);
        // crash after the first of the two TeamInvited lines reached the disk
        Files.write(log, lines.subList(0, lines.size() - 1));
        try (RolloutService s = RolloutService.load(log, f.env)) {
            assertThat(s.recovery()).contains("Recovered " + log + ": dropped 1 event(s) of an unfinished command after event "
                    + beforeInvite.lastSeq());
            assertThat(s.rollout()).isEqualTo(beforeInvite);
            assertThat(s.invite(MANAGER, List.of(INFN)).teams()).hasSize(1);
        }
    }

    @Test
    void corruptLineInTheMiddleIsAnErrorNotSkipped() throws IOException {
        Path log = busyRollout();
        List<String> lines = Files.readAllLines(log);
        lines.set(3, lines.get(3).replace("\"seq\":4", "\"seq\":5"));
        Files.write(log, lines);
        byte[] damaged = Files.readAllBytes(log);
        assertThatThrownBy(() -> RolloutService.load(log, f.env)).isInstanceOf(EventLogException.class)
                .hasMessage("Event log " + log + " line 4 is corrupt (checksum or JSON) and events follow it;"
                        + " restore the file from a backup, nothing was changed");
        assertThat(Files.readAllBytes(log)).isEqualTo(damaged);
    }

    @Test
    void aSecondWriterIsRefused() {
        Path log = busyRollout();
        try (RolloutService first = RolloutService.load(log, f.env)) {
            assertThatThrownBy(() -> RolloutService.load(log, f.env)).isInstanceOf(EventLogException.class)
                    .hasMessage("Event log " + log + " is already open for writing (in this or another process);"
                            + " close the other RolloutService first");
            assertThat(first.view().state()).isEqualTo("ACCEPTED");
        }
    }

    @Test
    void wellFormedButInconsistentHistoryIsAnError() throws IOException {
        Path log = busyRollout();
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
        Event last = EventCodec.decode(lines.get(lines.size() - 1));
        Event forged = new Event(last.seq() + 1, last.at(), "mallory", last.release(), last.packageDigest(), true,
                new Change.Answered(Fixture.PRAGUE, AnswerKind.ACCEPT, null, "web"));
        lines.add(EventCodec.encode(forged));
        Files.write(log, lines);
        assertThatThrownBy(() -> RolloutService.load(log, f.env)).isInstanceOf(EventLogException.class)
                .hasMessage("Event log " + log + " does not replay: Event " + forged.seq() + " names team ea-NGI_CZ-PRAGUE_LCG2,"
                        + " which was never invited; restore it from a backup, nothing was changed");

        lines.set(lines.size() - 1, EventCodec.encode(new Event(forged.seq(), forged.at(), "mallory", forged.release(),
                Fixture.PACKAGES_2.digest(), true, new Change.Answered(INFN, AnswerKind.REJECT, null, "web"))));
        Files.write(log, lines);
        assertThatThrownBy(() -> RolloutService.load(log, f.env)).isInstanceOf(EventLogException.class)
                .hasMessageContaining("Event " + forged.seq() + " is bound to package set " + Fixture.PACKAGES_2.digest()
                        + " but the rollout is at " + Fixture.PACKAGES.digest());
    }

    @Test
    void loadingAMissingLogCreatesNothing() {
        Path missing = dir.resolve("no-such.log");
        assertThatThrownBy(() -> RolloutService.load(missing, f.env)).isInstanceOf(EventLogException.class)
                .hasMessage("Event log " + missing + " does not exist; open the rollout first, or check the path");
        assertThat(missing).doesNotExist();
    }

    @Test
    void openingOverAnExistingRolloutIsRefused() {
        Path log = busyRollout();
        assertThatThrownBy(() -> f.open(log, RolloutPolicy.defaults())).isInstanceOf(RolloutException.class)
                .hasMessage("Event log " + log + " already holds the rollout 'Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64';"
                        + " load it instead of opening a new one, or use another file");
    }
}
