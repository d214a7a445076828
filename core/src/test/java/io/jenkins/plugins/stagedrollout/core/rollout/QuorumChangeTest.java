package io.jenkins.plugins.stagedrollout.core.rollout;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.BOB;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.team.Actor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** changeQuorum: a recorded, replayable event; a quorum already met starts the soak as an answer would. */
class QuorumChangeTest {
    @TempDir
    Path dir;
    final Fixture f = new Fixture();
    private RolloutService open(RolloutPolicy policy) {
        return f.open(dir.resolve("rollout.log"), policy);
    }

    @Test
    void raisedBeforeInvitingCountsForTheSoakAndSurvivesReplay() throws IOException {
        Rollout before;
        try (RolloutService s = open(RolloutPolicy.defaults())) {
            RolloutView v = s.changeQuorum(Actor.SYSTEM, 2);
            assertThat(v.minAccepts()).isEqualTo(2);
            assertThat(s.rollout().policy()).isEqualTo(RolloutPolicy.defaults().withMinAccepts(2));
            assertThat(Files.readAllLines(s.logFile())).last().asString().endsWith(
                    "\"actor\":\"SYSTEM\",\"release\":\"Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64\",\"packageDigest\":\""
                            + Fixture.PACKAGES.digest() + "\",\"endOfCommand\":true,\"change\":{\"type\":\"QuorumChanged\",\"minAccepts\":2}}");

            s.invite(MANAGER, List.of(INFN, CESGA));
            assertThat(s.answer(ALICE, INFN, AnswerKind.ACCEPT, null).state()).as("1 of 2").isEqualTo("AWAITING_ANSWERS");
            assertThat(s.answer(BOB, CESGA, AnswerKind.ACCEPT, null).state()).as("2 of 2").isEqualTo("SOAK");
            before = s.rollout();
        }
        try (RolloutService reloaded = RolloutService.load(dir.resolve("rollout.log"), f.env)) {
            assertThat(reloaded.rollout()).isEqualTo(before);
            assertThat(reloaded.view().minAccepts()).isEqualTo(2);
        }
    }

    @Test
    void loweredToAQuorumAlreadyMetStartsTheSoakInTheSameCommand() {
        try (RolloutService s = open(RolloutPolicy.defaults().withMinAccepts(2))) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            f.clock.advance(Duration.ofHours(1));
            assertThat(s.answer(ALICE, INFN, AnswerKind.ACCEPT, null).state()).isEqualTo("AWAITING_ANSWERS");
            long seq = s.rollout().lastSeq();
            f.clock.advance(Duration.ofHours(1));

            RolloutView v = s.changeQuorum(MANAGER, 1);

            assertThat(v.state()).isEqualTo("SOAK");
            assertThat(v.quorumMet()).isTrue();
            assertThat(v.soakEnd()).isEqualTo(START.plus(Duration.ofHours(2)).plus(Duration.ofDays(5)));
            assertThat(v.reportsDue()).isEqualTo(START.plus(Duration.ofHours(2)).plus(Duration.ofDays(7)));
            assertThat(s.rollout().lastSeq()).as("the change and the soak start").isEqualTo(seq + 2);
        }
        List<Event> last = lastEvents(2);
        assertThat(last).extracting(Event::actor).containsExactly("maria", "SYSTEM");
        assertThat(last).extracting(e -> e.change().getClass().getSimpleName()).containsExactly("QuorumChanged", "SoakStarted");
        assertThat(last).extracting(Event::endOfCommand).containsExactly(false, true);
        try (RolloutService reloaded = RolloutService.load(dir.resolve("rollout.log"), f.env)) {
            assertThat(reloaded.view().state()).isEqualTo("SOAK");
            assertThat(reloaded.view().minAccepts()).isEqualTo(1);
        }
    }

    private List<Event> lastEvents(int n) {
        try (EventLog l = EventLog.open(dir.resolve("rollout.log"))) {
            List<Event> all = l.events();
            return all.subList(all.size() - n, all.size());
        }
    }

    @Test
    void raisedWhileAwaitingAnswersKeepsWaitingAndTheSameValueAppendsNothing() throws IOException {
        try (RolloutService s = open(RolloutPolicy.defaults().withMinAccepts(2))) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            assertThat(s.changeQuorum(MANAGER, 3).state()).isEqualTo("AWAITING_ANSWERS");
            assertThat(s.view().automaticAcceptBlocker()).isNotNull();
            assertThat(s.answer(BOB, CESGA, AnswerKind.ACCEPT, null).state()).as("2 of 3").isEqualTo("AWAITING_ANSWERS");

            byte[] logBefore = Files.readAllBytes(s.logFile());
            Rollout before = s.rollout();
            assertThat(s.changeQuorum(MANAGER, 3).minAccepts()).isEqualTo(3);
            assertThat(s.rollout()).isEqualTo(before);
            assertThat(Files.readAllBytes(s.logFile())).as("no change, no event").isEqualTo(logBefore);
        }
    }

    @Test
    void allowedAgainWhenANewPackageSetEndsTheSoak() {
        try (RolloutService s = open(RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            assertThat(s.answer(ALICE, INFN, AnswerKind.ACCEPT, null).state()).isEqualTo("SOAK");
            assertThat(s.bindPackageSet(MANAGER, Fixture.PACKAGES_2).state()).isEqualTo("AWAITING_ANSWERS");

            assertThat(s.changeQuorum(MANAGER, 2).minAccepts()).isEqualTo(2);
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
            assertThat(s.view().state()).as("1 of 2 for the new set").isEqualTo("AWAITING_ANSWERS");
        }
    }
}
