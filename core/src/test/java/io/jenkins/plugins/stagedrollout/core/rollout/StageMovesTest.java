package io.jenkins.plugins.stagedrollout.core.rollout;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.stagedrollout.core.team.Actor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which repository moves each state allows (checkPromotion, checkWithdrawal): every state against the three moves
 * of the process, then malformed stages. A refused check leaves rollout, log and outbox as they were; so does an
 * allowed one, since the host records the move itself afterwards.
 */
class StageMovesTest {
    private static final String TITLE = "Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64";
    private static final List<String> STAGES = List.of("untested", "testing", "production");
    private static final String RUNNING = "(IN_VERIFICATION, STAGED_ROLLOUT, AWAITING_ANSWERS, SOAK, REPORTING)";

    @TempDir
    Path dir;
    final Fixture f = new Fixture();

    /** A rollout brought to {@code state} through the real commands. */
    private RolloutService in(RolloutState state) {
        Path log = dir.resolve("rollout.log");
        if (state == RolloutState.IN_VERIFICATION) {
            RolloutService s = RolloutService.open(log, f.env, MANAGER, Fixture.RELEASE, RolloutPolicy.defaults(), Fixture.LINKS);
            s.bindPackageSet(MANAGER, Fixture.PACKAGES);
            return s;
        }
        RolloutService s = f.open(log, RolloutPolicy.defaults());
        if (state == RolloutState.STAGED_ROLLOUT) {
            return s;
        }
        s.invite(MANAGER, List.of(INFN, CESGA));
        switch (state) {
            case REJECTED -> s.decide(MANAGER, Decision.REJECT, "regression found");
            case ABORTED -> s.abort(MANAGER, "superseded by 1.8.1");
            case AWAITING_ANSWERS -> { }
            default -> {
                s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
                if (state != RolloutState.SOAK) {
                    f.clock.advance(Duration.ofDays(5));
                    s.tick();
                }
                if (state == RolloutState.ACCEPTED) {
                    s.decide(MANAGER, Decision.ACCEPT, "ran a week without problems");
                }
            }
        }
        assertThat(s.rollout().state()).as("setup").isEqualTo(state);
        return s;
    }

    static Stream<Arguments> movesPerState() {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (RolloutState state : RolloutState.values()) {
            boolean running = !state.terminal();
            boolean over = state == RolloutState.REJECTED || state == RolloutState.ABORTED;
            String is = state + (state.terminal() ? " (final)" : "");
            rows.add(row(state, "promote untested -> testing", s -> s.checkPromotion("untested", "testing", STAGES), running ? null
                    : "Cannot promote " + TITLE + " into testing: it is " + is + ", and a release enters testing only while its"
                    + " rollout runs " + RUNNING + "; " + (over ? "roll out a fixed version in a new rollout"
                    : "promote it from testing into production")));
            rows.add(row(state, "promote testing -> production", s -> s.checkPromotion("testing", "production", STAGES),
                    state == RolloutState.ACCEPTED ? null
                    : "Cannot promote " + TITLE + " into production: it is " + is + ", and only an ACCEPTED release enters"
                    + " production; " + (over ? "withdraw it from testing and roll out a fixed version in a new rollout"
                    : "promote after the manager decided ACCEPT")));
            rows.add(row(state, "withdraw from testing", s -> s.checkWithdrawal("testing", STAGES), over ? null
                    : "Cannot withdraw " + TITLE + " from testing: it is " + is + ", and only a REJECTED or ABORTED release is"
                    + " withdrawn; " + (running ? "decide REJECT or abort the rollout first" : "promote it into production instead")));
        }
        return rows.build();
    }

    static Stream<Arguments> malformedMoves() {
        List<String> four = List.of("untested", "verified", "testing", "production");
        return Stream.of(
                row(RolloutState.ACCEPTED, "unknown target stage", s -> s.checkPromotion("testing", "prod", STAGES),
                        "Stage 'prod' is not one of the stages untested, testing, production; use one of them"),
                row(RolloutState.ACCEPTED, "no source stage", s -> s.checkPromotion(null, "production", STAGES),
                        "Stage 'null' is not one of the stages untested, testing, production; use one of them"),
                row(RolloutState.SOAK, "backwards", s -> s.checkPromotion("production", "testing", STAGES),
                        "Cannot promote " + TITLE + " from production into testing: promotions go forward through"
                                + " untested -> testing -> production; give a later stage as the target"),
                row(RolloutState.SOAK, "into the same stage", s -> s.checkPromotion("testing", "testing", STAGES),
                        "Cannot promote " + TITLE + " from testing into testing: promotions go forward through"
                                + " untested -> testing -> production; give a later stage as the target"),
                row(RolloutState.ACCEPTED, "untested straight into production", s -> s.checkPromotion("untested", "production", STAGES),
                        "Cannot promote " + TITLE + " from untested into production: production takes only what the Early"
                                + " Adopters tested in testing; promote from testing"),
                row(RolloutState.ACCEPTED, "withdraw from production", s -> s.checkWithdrawal("production", STAGES),
                        "Cannot withdraw " + TITLE + " from production: the staged rollout never takes a release out of"
                                + " production; roll out a fixed version in a new rollout"),
                row(RolloutState.REJECTED, "one stage only", s -> s.checkWithdrawal("testing", List.of("testing")),
                        "The stages [testing] are not at least two distinct non-blank names; give them in order,"
                                + " e.g. [untested, testing, production]"),
                row(RolloutState.REJECTED, "duplicate stage", s -> s.checkWithdrawal("testing", List.of("testing", "testing")),
                        "The stages [testing, testing] are not at least two distinct non-blank names; give them in order,"
                                + " e.g. [untested, testing, production]"),
                row(RolloutState.REJECTED, "null stage list", s -> s.checkWithdrawal("testing", null),
                        "The stages null are not at least two distinct non-blank names; give them in order,"
                                + " e.g. [untested, testing, production]"),
                row(RolloutState.REJECTED, "blank stage", s -> s.checkWithdrawal("testing", Arrays.asList("testing", " ")),
                        "The stages [testing,  ] are not at least two distinct non-blank names; give them in order,"
                                + " e.g. [untested, testing, production]"),
                row(RolloutState.SOAK, "four stages: into an earlier stage while running", s -> s.checkPromotion("untested", "verified", four),
                        null),
                row(RolloutState.ACCEPTED, "four stages: production from testing", s -> s.checkPromotion("testing", "production", four),
                        null),
                row(RolloutState.ACCEPTED, "four stages: production not from testing", s -> s.checkPromotion("verified", "production", four),
                        "Cannot promote " + TITLE + " from verified into production: production takes only what the Early"
                                + " Adopters tested in testing; promote from testing"),
                row(RolloutState.ABORTED, "four stages: withdraw from an earlier stage", s -> s.checkWithdrawal("verified", four),
                        null),
                row(RolloutState.ACCEPTED, "production gets the tested set", s -> s.checkTestedPackages(Fixture.PACKAGES.nevras()),
                        null),
                row(RolloutState.ACCEPTED, "production gets part of the tested set", s -> s.checkTestedPackages(List.of("dpm-1.8.0-1.el9.x86_64")),
                        null),
                row(RolloutState.ACCEPTED, "production would get an untested package",
                        s -> s.checkTestedPackages(List.of("dpm-1.8.0-1.el9.x86_64", "dpm-1.8.0-2.el9.x86_64")),
                        "Cannot promote dpm-1.8.0-2.el9.x86_64 of " + TITLE + " into production: the Early Adopters did not"
                                + " test it (tested package set: dpm-1.8.0-1.el9.x86_64, dpm-libs-1.8.0-1.el9.x86_64); promote"
                                + " the tested packages only, or roll the others out in a new rollout"));
    }

    private static Arguments row(RolloutState state, String move, Consumer<RolloutService> check, String refusal) {
        return Arguments.of(state, move, check, refusal);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"movesPerState", "malformedMoves"})
    void allowedOrRefusedWithExactMessageAndNothingChanged(RolloutState state, String move, Consumer<RolloutService> check,
                                                           String refusal) throws IOException {
        try (RolloutService s = in(state)) {
            Rollout before = s.rollout();
            byte[] logBefore = Files.readAllBytes(s.logFile());
            int mailsBefore = f.sent.size();

            if (refusal == null) {
                assertThatCode(() -> check.accept(s)).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> check.accept(s)).isExactlyInstanceOf(RolloutException.class).hasMessage(refusal);
            }

            assertThat(s.rollout()).isEqualTo(before);
            assertThat(Files.readAllBytes(s.logFile())).isEqualTo(logBefore);
            assertThat(f.sent).hasSize(mailsBefore);
        }
    }

    @Test
    void hostChecksThenMovesThenRecordsTheChange() {
        try (RolloutService s = in(RolloutState.ACCEPTED)) {
            long seq = s.rollout().lastSeq();
            s.checkPromotion("testing", "production", STAGES);
            s.recordRepositoryChange(Actor.SYSTEM, "testing", "production", "2 packages promoted");

            assertThat(s.rollout().lastSeq()).isEqualTo(seq + 1);
            assertThat(s.rollout().repositoryChanges()).extracting(Event::change)
                    .containsExactly(new Change.RepositoryChanged("testing", "production", "2 packages promoted"));
        }
    }
}
