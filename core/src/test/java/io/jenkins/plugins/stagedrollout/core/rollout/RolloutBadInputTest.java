package io.jenkins.plugins.stagedrollout.core.rollout;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.BOB;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CAROL;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.PRAGUE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.stagedrollout.core.report.Attachment;
import io.jenkins.plugins.stagedrollout.core.report.EaReport;
import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad command: one RolloutException with the exact message, the same rollout, and not one byte more in the log. */
class RolloutBadInputTest {
    private static final String TITLE = "Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64";
    private static final List<String> STAGES = List.of("untested", "testing", "production");
    private static final String INVITED = "(invited teams: ea-NGI_IT-INFN-T1, ea-NGI_IBERGRID-CESGA)";
    private static final String HOW = "write 'accept <NGI>-<Site-name>' or 'reject <NGI>-<Site-name> <reason>'"
            + " (or 'withdraw ...'), e.g. 'accept NGI_IT-INFN-T1'";

    @TempDir
    Path dir;

    /** Where the rollout stands when the bad command arrives. */
    enum Setup {
        INVITED(s -> s.invite(MANAGER, List.of(INFN, CESGA))),
        SOAK(s -> {
            s.invite(MANAGER, List.of(INFN, CESGA));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, null);
        }),
        REJECTED(s -> {
            s.invite(MANAGER, List.of(INFN, CESGA));
            s.decide(MANAGER, Decision.REJECT, "regression found in verification");
        });

        final Consumer<RolloutService> steps;

        Setup(Consumer<RolloutService> steps) {
            this.steps = steps;
        }
    }

    static Stream<Arguments> badCommands() {
        EaReport badName = new EaReport(INFN, Verdict.POSITIVE, true, null, List.of("upgrade"), null, null,
                Attachment.ofReference("report-infn.odt", "https://documents.example.org/1234"), List.of());
        EaReport otherTeamsName = new EaReport(INFN, Verdict.POSITIVE, true, null, List.of("upgrade"), null, null,
                Attachment.ofReference("ea-NGI_CZ-PRAGUE_LCG2-UMD-dpm-1.8.0-1.odt", "https://documents.example.org/1234"), List.of());
        return Stream.of(
                bad("unknown team", Setup.INVITED, s -> s.answer(ALICE, TeamId.parse("NGI_FR-GRIF"), AnswerKind.ACCEPT, null),
                        "Team ea-NGI_FR-GRIF is unknown: it is not in the Early Adopter roster; check the id " + INVITED),
                bad("uninvited team", Setup.INVITED, s -> s.answer(CAROL, PRAGUE, AnswerKind.ACCEPT, null),
                        "Team ea-NGI_CZ-PRAGUE_LCG2 was not invited to " + TITLE + "; ask the manager to invite it " + INVITED),
                bad("malformed answer text", Setup.INVITED, s -> s.answerFromText(ALICE, "I accept"),
                        "Answer 'I accept' is not understood; " + HOW),
                bad("answer text without a team", Setup.INVITED, s -> s.answerFromText(ALICE, "accept\nNGI_IT-INFN-T1"),
                        "Answer 'accept' is not understood; " + HOW),
                bad("answer text with no valid team", Setup.INVITED, s -> s.answerFromText(ALICE, "accept INFN"),
                        "Answer 'accept INFN' names no valid team: Team 'INFN' is not an Early Adopter team id;"
                                + " write ea-<NGI>-<Site-name> or <NGI>-<Site-name>, e.g. ea-NGI_IT-INFN-T1"),
                bad("empty answer text", Setup.INVITED, s -> s.answerFromText(ALICE, "> accept NGI_IT-INFN-T1\n  \n"),
                        "The answer is empty; " + HOW),
                bad("member of another team", Setup.INVITED, s -> s.answer(ALICE, CESGA, AnswerKind.ACCEPT, null),
                        "User alice is not a member of ea-NGI_IBERGRID-CESGA and may not answer for it; a member answers"
                                + " for their own team only (alice's teams: [ea-NGI_IT-INFN-T1])"),
                bad("mail text for another team", Setup.INVITED, s -> s.answerFromText(BOB, "Accept NGI_IT-INFN-T1"),
                        "User bob is not a member of ea-NGI_IT-INFN-T1 and may not answer for it; a member answers"
                                + " for their own team only (bob's teams: [ea-NGI_IBERGRID-CESGA])"),
                bad("withdraw without an answer", Setup.INVITED, s -> s.answer(ALICE, INFN, AnswerKind.WITHDRAW, null),
                        "Team ea-NGI_IT-INFN-T1 has no answer to withdraw; answer ACCEPT or REJECT instead"),
                bad("answer after the outcome", Setup.REJECTED, s -> s.answer(ALICE, INFN, AnswerKind.ACCEPT, null),
                        "Cannot answer: " + TITLE + " is REJECTED (final); allowed in REJECTED: record a repository change"),
                bad("illegal transition", Setup.INVITED, s -> s.startStagedRollout(MANAGER, null),
                        "Cannot start the staged rollout: " + TITLE + " is AWAITING_ANSWERS; allowed in AWAITING_ANSWERS:"
                                + " bind a package set, invite teams, answer, extend the answer deadline, change the quorum,"
                                + " decide ACCEPT or REJECT, abort, record a repository change"),
                bad("non-manager invites", Setup.INVITED, s -> s.invite(ALICE, List.of(PRAGUE)),
                        "User alice may not invite teams: only managers of stack UMD or administrators may; ask a Staged Rollout Manager"),
                bad("team invited twice", Setup.INVITED, s -> s.invite(MANAGER, List.of(PRAGUE, INFN)),
                        "Team ea-NGI_IT-INFN-T1 is already invited (deadline 2026-11-26T09:00:00Z); to give it more time,"
                                + " extend the answer deadline"),
                bad("invite unknown team", Setup.INVITED, s -> s.invite(MANAGER, List.of(TeamId.parse("ea-NGI_FR-GRIF"))),
                        "Team ea-NGI_FR-GRIF is unknown: it is not in the Early Adopter roster; add it to the roster or correct the id"),
                bad("report attachment with an invalid file name", Setup.SOAK, s -> s.fileReport(ALICE, badName),
                        "Report file name 'report-infn.odt' does not match ea-<NGI>-<Site-name>-<MW stack>-<component>-<version>.<ext>"
                                + " for " + TITLE + "; name it ea-<NGI>-<Site-name>-UMD-dpm-1.8.0-1.odt"),
                bad("report attachment named for another team", Setup.SOAK, s -> s.fileReport(ALICE, otherTeamsName),
                        "Attachment ea-NGI_CZ-PRAGUE_LCG2-UMD-dpm-1.8.0-1.odt is named for team ea-NGI_CZ-PRAGUE_LCG2 but the"
                                + " report is from ea-NGI_IT-INFN-T1; name it ea-NGI_IT-INFN-T1-UMD-dpm-1.8.0-1.odt"),
                bad("report from a team that did not accept", Setup.SOAK, s -> s.fileReport(BOB, report(CESGA, Verdict.POSITIVE)),
                        "Team ea-NGI_IBERGRID-CESGA has not accepted package set " + Fixture.PACKAGES.digest().substring(0, 12)
                                + ", so it cannot report on it; reports come from accepting teams: accept first"),
                bad("negative deadline extension", Setup.INVITED, s -> s.extendAnswerDeadline(MANAGER, -1),
                        "Deadline extension: -1 working days is out of range; give 1 to 30"),
                bad("absurd deadline extension", Setup.INVITED, s -> s.extendAnswerDeadline(MANAGER, 400),
                        "Deadline extension: 400 working days is out of range; give 1 to 30"),
                bad("negative soak extension", Setup.SOAK, s -> s.extendSoak(MANAGER, -2),
                        "Soak extension of -2 days is out of range; give 1 to 90 days"),
                bad("absurd soak extension", Setup.SOAK, s -> s.extendSoak(MANAGER, 10_000),
                        "Soak extension of 10000 days is out of range; give 1 to 90 days"),
                bad("accept without quorum", Setup.INVITED, s -> s.decide(MANAGER, Decision.ACCEPT, "looks fine"),
                        "Cannot ACCEPT " + TITLE + ": 0 of 1 required teams accepted; invite more teams, or REJECT"),
                bad("decision without reason", Setup.SOAK, s -> s.decide(MANAGER, Decision.REJECT, "  "),
                        "The reason is empty; write one"),
                bad("answer for a package set that changed", Setup.INVITED,
                        s -> s.answer(ALICE, INFN, AnswerKind.ACCEPT, null, Fixture.PACKAGES_2.digest()),
                        "The package set changed since the answer was prepared (sha256 " + Fixture.PACKAGES_2.digest().substring(0, 12)
                                + ", now " + Fixture.PACKAGES.digest().substring(0, 12) + "); review the new packages and answer again"),
                bad("no package set", Setup.INVITED, s -> s.bindPackageSet(MANAGER, null),
                        "No package set given; pass the NEVRA list of the packages under test"),
                bad("no actor", Setup.INVITED, s -> s.answer(null, INFN, AnswerKind.ACCEPT, null),
                        "No actor given; pass the authenticated user (or Actor.SYSTEM for the host itself)"),
                bad("team member changes the quorum", Setup.INVITED, s -> s.changeQuorum(ALICE, 2),
                        "User alice may not change the quorum: only managers of stack UMD or administrators may; ask a Staged Rollout Manager"),
                bad("quorum of zero", Setup.INVITED, s -> s.changeQuorum(MANAGER, 0),
                        "Quorum change: minAccepts = 0 is out of range; give 1 to 200"),
                bad("absurd quorum", Setup.INVITED, s -> s.changeQuorum(MANAGER, 201),
                        "Quorum change: minAccepts = 201 is out of range; give 1 to 200"),
                bad("quorum change after the soak started", Setup.SOAK, s -> s.changeQuorum(MANAGER, 2),
                        "Cannot change the quorum: " + TITLE + " is SOAK; allowed in SOAK: bind a package set, invite teams,"
                                + " answer, extend the answer deadline, extend the soak, file a report, decide ACCEPT or REJECT,"
                                + " abort, record a repository change"),
                bad("quorum change after the outcome", Setup.REJECTED, s -> s.changeQuorum(MANAGER, 2),
                        "Cannot change the quorum: " + TITLE + " is REJECTED (final); allowed in REJECTED: record a repository change"),
                bad("promotion into production before ACCEPT", Setup.SOAK, s -> s.checkPromotion("testing", "production", STAGES),
                        "Cannot promote " + TITLE + " into production: it is SOAK, and only an ACCEPTED release enters production;"
                                + " promote after the manager decided ACCEPT"),
                bad("promotion into testing after REJECT", Setup.REJECTED, s -> s.checkPromotion("untested", "testing", STAGES),
                        "Cannot promote " + TITLE + " into testing: it is REJECTED (final), and a release enters testing only while"
                                + " its rollout runs (IN_VERIFICATION, STAGED_ROLLOUT, AWAITING_ANSWERS, SOAK, REPORTING);"
                                + " roll out a fixed version in a new rollout"),
                bad("withdrawal from testing during the soak", Setup.SOAK, s -> s.checkWithdrawal("testing", STAGES),
                        "Cannot withdraw " + TITLE + " from testing: it is SOAK, and only a REJECTED or ABORTED release is withdrawn;"
                                + " decide REJECT or abort the rollout first"),
                bad("team member decides", Setup.SOAK, s -> s.decide(ALICE, Decision.ACCEPT, "we liked it"),
                        "User alice may not decide the outcome: only managers of stack UMD or administrators may; ask a Staged Rollout Manager"));
    }

    private static Arguments bad(String name, Setup setup, Consumer<RolloutService> command, String message) {
        return Arguments.of(name, setup, command, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommands")
    void refusedWithClearMessageAndNothingChanged(String name, Setup setup, Consumer<RolloutService> command, String message)
            throws IOException {
        Fixture f = new Fixture();
        Path log = dir.resolve("rollout.log");
        Rollout before;
        try (RolloutService s = f.open(log, RolloutPolicy.defaults())) {
            setup.steps.accept(s);
            before = s.rollout();
            byte[] logBefore = Files.readAllBytes(log);
            int mailsBefore = f.sent.size();

            assertThatThrownBy(() -> command.accept(s)).isExactlyInstanceOf(RolloutException.class).hasMessage(message);

            assertThat(s.rollout()).isEqualTo(before);
            assertThat(Files.readAllBytes(log)).isEqualTo(logBefore);
            assertThat(f.sent).hasSize(mailsBefore);
        }
        try (RolloutService reloaded = RolloutService.load(log, f.env)) {
            assertThat(reloaded.rollout()).as("the refused command left no trace in the log").isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "policy {0}")
    @MethodSource("badPolicies")
    void absurdPoliciesAreRefused(String name, Runnable build, String message) {
        assertThatThrownBy(build::run).isExactlyInstanceOf(RolloutException.class).hasMessage(message);
    }

    static Stream<Arguments> badPolicies() {
        RolloutPolicy d = RolloutPolicy.defaults();
        return Stream.of(
                Arguments.of("minAccepts 0", (Runnable) () -> d.withMinAccepts(0), "minAccepts = 0 is out of range; give 1 to 200"),
                Arguments.of("negative answer days", (Runnable) () -> d.withAnswerWorkingDays(-1),
                        "answerWorkingDays = -1 is out of range; give 1 to 30 working days"),
                Arguments.of("soak min 0", (Runnable) () -> d.withSoakDays(0, 7), "soakMinDays = 0 is out of range; give 1 to 90 days"),
                Arguments.of("soak max below min", (Runnable) () -> d.withSoakDays(5, 3),
                        "soakMaxDays = 3 is out of range; give 5 (soakMinDays) to 90 days"),
                Arguments.of("absurd soak", (Runnable) () -> d.withSoakDays(5, 36500),
                        "soakMaxDays = 36500 is out of range; give 5 (soakMinDays) to 90 days"));
    }
}
