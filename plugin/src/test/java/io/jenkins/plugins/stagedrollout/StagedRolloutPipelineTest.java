package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.KIT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RPM;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.answer;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.decide;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.postForReply;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.served;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import hudson.model.Result;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.PackageSelection;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.SnapshotInfo;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import io.jenkins.plugins.stagedrollout.core.repo.TreeDigest;
import io.jenkins.plugins.stagedrollout.core.rollout.TeamView;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import io.jenkins.plugins.stagedrollout.settlement.ReleaseWithdrawal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Whole releases in a WorkflowJob with real createrepo_c: people answer and decide through the web. */
@WithJenkins
class StagedRolloutPipelineTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repos;

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        j = rule;
        RolloutTestSupport.setUp(j, repos);
    }

    @Test
    void acceptedReleaseReachesProduction() throws Exception {
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        RolloutAction rollout = awaitInvitations(j, build);
        assertEquals("Staged Rollout UMD-4 bdii-site 1.0.1-1 el9 x86_64", build.getDisplayName());
        assertEquals(List.of(RPM), served(repos, "testing"));
        assertEquals(List.of(), served(repos, "production"));

        assertEquals(200, answer(j, build, "alice", INFN, "accept", "installed on two CEs"));
        assertEquals(200, answer(j, build, "bob", KIT, "reject", "slapd crashes on el9"));
        assertEquals(List.of(INFN), rollout.getView().accepted());
        assertEquals(List.of(KIT), rollout.getView().rejected());

        // A report without any test performed is refused with the core's message, and nothing is recorded.
        JenkinsRule.WebClient reporter = j.createWebClient().login("alice");
        assertEquals(400, post(reporter, build, "report", "team", INFN, "verdict", "POSITIVE"));
        assertEquals(0, rollout.getView().reports());
        assertEquals(
                200,
                post(
                        reporter,
                        build,
                        "report",
                        "team",
                        INFN,
                        "verdict",
                        "POSITIVE",
                        "releaseNotesCorrect",
                        "on",
                        "testsPerformed",
                        "upgrade from 1.0.0\nldapsearch of the site BDII",
                        "jobsPerDay",
                        "1200",
                        "vos",
                        "atlas cms",
                        "freeText",
                        "no regression"));
        assertEquals(1, rollout.getView().reports());
        // bob (KIT) may not report for INFN.
        assertEquals(
                403,
                post(
                        j.createWebClient().login("bob"),
                        build,
                        "report",
                        "team",
                        INFN,
                        "verdict",
                        "NEGATIVE",
                        "testsPerformed",
                        "none"));
        assertEquals(1, rollout.getView().reports());

        assertEquals(
                200,
                post(
                        j.createWebClient().login("manager"),
                        build,
                        "decide",
                        "decision",
                        "ACCEPT",
                        "reason",
                        "KIT problem is site-specific"));

        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
        j.assertLogContains("accepted: [" + INFN + "], rejected: [" + KIT + "], outcome: ACCEPT", build);
        assertEquals(List.of(RPM), served(repos, "production"));
        assertEquals("ACCEPTED", rollout.getState());

        JenkinsRule.WebClient alice = j.createWebClient().login("alice");
        String page = alice.goTo(build.getUrl() + "rollout/").asNormalizedText();
        assertTrue(page.contains(INFN) && page.contains("ACCEPTED") && page.contains("installed on two CEs"), page);
        String summary = alice.goTo(build.getUrl() + "rollout/summary", "text/markdown")
                .getWebResponse()
                .getContentAsString();
        assertTrue(summary.contains("bdii-site") && summary.contains(INFN), summary);
        String history =
                alice.goTo(build.getParent().getUrl() + "staged-rollouts/").asNormalizedText();
        assertTrue(history.contains("Staged Rollout UMD-4 bdii-site 1.0.1-1 el9 x86_64"), history);
        assertTrue(history.contains("ACCEPT"), history);

        JsonNode api =
                JSON.readTree(alice.goTo(build.getParent().getUrl() + "staged-rollouts/api/json", "application/json")
                        .getWebResponse()
                        .getContentAsString());
        JsonNode first = api.at("/rollouts/0");
        assertEquals(
                "Staged Rollout UMD-4 bdii-site 1.0.1-1 el9 x86_64",
                first.get("title").asText(),
                api.toString());
        assertEquals(1, first.get("build").asInt());
        assertEquals(build.getUrl() + "rollout/", first.get("url").asText());
        assertEquals("ACCEPTED", first.get("state").asText());
        assertEquals("ACCEPT", first.at("/rollout/outcome").asText());
        assertEquals(INFN, first.at("/rollout/accepted/0").asText());
        JsonNode titles = JSON.readTree(alice.goTo(
                        build.getParent().getUrl() + "staged-rollouts/api/json?tree=rollouts[title]",
                        "application/json")
                .getWebResponse()
                .getContentAsString());
        assertEquals(
                "Staged Rollout UMD-4 bdii-site 1.0.1-1 el9 x86_64",
                titles.at("/rollouts/0/title").asText());
        assertTrue(titles.at("/rollouts/0/state").isMissingNode(), "tree= keeps only what was asked: " + titles);
    }

    /**
     * docs/release-engineers.md: after ACCEPT, {@code retry} around the promotion into production tries again in the
     * same build; the failed try publishes nothing and leaves the rollout ACCEPTED, so the next one may promote.
     */
    @Test
    void aFailedPromotionIntoProductionAfterAcceptIsRetriedInTheSameBuild() throws Exception {
        String retried = RELEASE_SCRIPT.replace("    promoteRepo from: 'testing', to: 'production'\n", """
                    def tries = 0
                    retry(2) {
                      tries++
                      if (tries == 1) {
                        promoteRepo from: 'testing', to: 'production', packages: ['bdii-site-9.9.9-1.noarch.rpm']
                      } else {
                        promoteRepo from: 'testing', to: 'production'
                      }
                    }
                """);
        assertTrue(retried.contains("retry(2)"), retried);
        WorkflowRun build = startRelease(j, retried);
        RolloutAction rollout = awaitInvitations(j, build);
        assertEquals(200, answer(j, build, "alice", INFN, "accept", null));
        assertEquals(200, decide(j, build, "ACCEPT", "urgent fix"));

        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
        j.assertLogContains("bdii-site-9.9.9-1.noarch.rpm", build);
        j.assertLogContains("Retrying", build);
        assertEquals(List.of(RPM), served(repos, "production"));
        assertEquals("ACCEPTED", rollout.getState());
    }

    @Test
    void rejectedReleaseIsWithdrawnFromTesting() throws Exception {
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        awaitInvitations(j, build);
        assertEquals(200, answer(j, build, "bob", KIT, "reject", "slapd crashes on el9"));
        assertEquals(
                200,
                post(
                        j.createWebClient().login("manager"),
                        build,
                        "decide",
                        "decision",
                        "REJECT",
                        "reason",
                        "slapd crashes on el9"));

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
        j.assertLogContains("was rejected: slapd crashes on el9", build);
        assertEquals(List.of(), served(repos, "testing"));
        assertEquals(List.of(), served(repos, "production"));

        // Settling again, as after a restart during the withdrawal, skips the repository already withdrawn (the
        // core would refuse to withdraw packages that are no longer there).
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new ReleaseWithdrawal(
                        build.getAction(BuildRollout.class), new StreamTaskListener(again, StandardCharsets.UTF_8))
                .run();
        assertEquals(
                "The release was already withdrawn from testing (before a restart)." + System.lineSeparator(),
                again.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonRepliesKeepCommentsAsText() throws Exception {
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        awaitInvitations(j, build);
        // json-lib (behind HttpResponses.okJSON) would turn these comments into an array and a JSON null.
        WebResponse accepted = postForReply(
                j.createWebClient().login("alice"),
                build,
                "answer",
                "team",
                INFN,
                "answer",
                "accept",
                "comment",
                "[x]");
        assertEquals(200, accepted.getStatusCode());
        JsonNode afterAccept = JSON.readTree(accepted.getContentAsString());
        assertEquals(TextNode.valueOf("ok"), afterAccept.get("status"));
        assertEquals(TextNode.valueOf(INFN), afterAccept.at("/data/teams/0/team"));
        assertEquals(TextNode.valueOf("[x]"), afterAccept.at("/data/teams/0/comment"));

        WebResponse rejected = postForReply(
                j.createWebClient().login("bob"), build, "answer", "team", KIT, "answer", "reject", "comment", "null");
        assertEquals(200, rejected.getStatusCode());
        assertEquals(
                TextNode.valueOf("null"),
                JSON.readTree(rejected.getContentAsString()).at("/data/teams/1/comment"));

        String status = j.createWebClient()
                .goTo(build.getUrl() + "rollout/status", "application/json")
                .getWebResponse()
                .getContentAsString();
        JsonNode rollout = JSON.readTree(status);
        assertEquals(TextNode.valueOf("ok"), rollout.get("status"));
        assertEquals(TextNode.valueOf("[x]"), rollout.at("/data/teams/0/comment"));
        assertEquals(TextNode.valueOf(KIT), rollout.at("/data/teams/1/team"));
        assertEquals(TextNode.valueOf("null"), rollout.at("/data/teams/1/comment"));

        assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "test over"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
    }

    @Test
    void aRepeatedAnswerWithANewCommentIsRecorded() throws Exception {
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        RolloutAction rollout = awaitInvitations(j, build);
        assertEquals(200, post(j.createWebClient().login("alice"), build, "reply", "text", "accept NGI_IT-INFN-T1"));
        assertNull(rollout.getTeams().get(0).comment());

        assertEquals(200, answer(j, build, "alice", INFN, "accept", "installed on 3 CEs"));
        assertEquals("installed on 3 CEs", rollout.getTeams().get(0).comment());
        assertEquals("ACCEPTED", rollout.getTeams().get(0).status());

        assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "test over"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
    }

    @Test
    void managerAbortAbortsTheBuildAndWithdrawsTheRelease() throws Exception {
        String before = TreeDigest.of(repos);
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        awaitInvitations(j, build);
        assertEquals(List.of(RPM), served(repos, "testing"));
        assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "superseded by 1.0.2"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        j.assertLogContains("ended ABORTED without ACCEPT: withdrawing its packages", build);
        j.assertLogContains("Took testing/el9/x86_64 back to serving nothing, as before (1 package(s) gone).", build);
        assertEquals(List.of(), served(repos, "testing"), "no site keeps installing a release nobody follows");
        assertEquals(before, TreeDigest.of(repos), "the repositories are byte for byte as before the rollout");
    }

    @Test
    void theStopButtonAbortsTheRolloutAndWithdrawsTheRelease() throws Exception {
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        RolloutAction rollout = awaitInvitations(j, build);
        assertEquals(List.of(RPM), served(repos, "testing"));
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            build.doStop(); // what the build's Stop button calls
        }
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        assertEquals("ABORTED", rollout.getState());
        j.assertLogContains("Took testing/el9/x86_64 back to serving nothing, as before (1 package(s) gone).", build);
        assertEquals(List.of(), served(repos, "testing"));
    }

    @Test
    void packagesThatWereThereBeforeStayWhenTheRolloutEndsWithoutAccept() throws Exception {
        WorkflowRun first = startRelease(j, RELEASE_SCRIPT);
        awaitInvitations(j, first);
        WorkflowJob second = j.createProject(WorkflowJob.class, "second");
        second.setDefinition(new CpsFlowDefinition(RELEASE_SCRIPT, true));
        WorkflowRun again = second.scheduleBuild2(0).waitForStart();
        awaitInvitations(j, again);

        // The second rollout promoted what the first one had brought already: ending it takes nothing away.
        assertEquals(200, post(j.createWebClient().login("manager"), again, "abort", "reason", "started twice"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(again));
        j.assertLogContains("Nothing to withdraw from testing", again);
        assertEquals(List.of(RPM), served(repos, "testing"));

        assertEquals(200, post(j.createWebClient().login("manager"), first, "abort", "reason", "test over"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(first));
        assertEquals(List.of(), served(repos, "testing"));
    }

    @Test
    void invitingAgainSkipsTeamsAlreadyInvited() throws Exception {
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT.replace(", 'ea-NGI_DE-KIT']", "]"));
        RolloutAction rollout = awaitInvitations(j, build);
        TeamView infn = rollout.getTeams().get(0);

        // What the step runs again when a restart came after the invitation but before its state was saved.
        rollout.getRollout().inviteMissing(List.of(INFN, KIT));

        assertEquals(
                List.of(INFN, KIT),
                rollout.getTeams().stream().map(TeamView::team).toList());
        assertEquals(infn, rollout.getTeams().get(0), "the team invited before is left as it was");
        assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "test over"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
    }

    @Test
    void minAcceptsOfTheWaitChangesTheQuorum() throws Exception {
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT.replace("minAccepts: 1", "minAccepts: 2"));
        RolloutAction rollout = awaitInvitations(j, build);
        assertEquals(2, rollout.getRollout().minAccepts());

        assertEquals(200, answer(j, build, "alice", INFN, "accept", null));
        assertEquals("AWAITING_ANSWERS", rollout.getState(), "one accept is below the new quorum");
        assertEquals(200, answer(j, build, "bob", KIT, "accept", null));
        assertEquals("SOAK", rollout.getState(), "the second accept meets it and starts the soak");

        assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "test over"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
    }

    @Test
    void promoteRepoOutsideNodeFailsAndNamesNode() throws Exception {
        WorkflowRun build = startRelease(
                j, "promoteRepo from: 'untested', to: 'testing', os: 'el9', arch: 'x86_64', packages: ['" + RPM + "']");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
        j.assertLogContains("node", build);
        j.assertLogContains("hudson.FilePath", build);
        assertEquals(List.of(), served(repos, "testing"));
    }

    @Test
    void waitOutsideStagedRolloutFailsAndNamesTheBlock() throws Exception {
        WorkflowRun build = startRelease(j, "waitForEarlyAdopters teams: ['" + INFN + "']");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
        j.assertLogContains("stagedRollout", build);
    }

    @Test
    void unknownTeamFailsWithTheCoreMessage() throws Exception {
        String before = TreeDigest.of(repos);
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT.replace("'ea-NGI_DE-KIT'", "'ea-NGI_FR-NOWHERE'"));
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
        j.assertLogContains("Team ea-NGI_FR-NOWHERE is unknown", build);
        // The release had entered testing before the bad team name stopped the wait: it is taken back again.
        j.assertLogContains("Took testing/el9/x86_64 back to serving nothing, as before (1 package(s) gone).", build);
        assertEquals(before, TreeDigest.of(repos), "a build whose input is bad leaves the repositories as they were");
    }

    private static List<SnapshotInfo> withoutChanges(List<SnapshotInfo> snapshots) {
        return snapshots.stream()
                .map(s -> new SnapshotInfo(
                        s.id(), s.createdAt(), s.packageCount(), s.served(), s.lastServedAt(), s.state()))
                .toList();
    }

    /**
     * With a history longer than {@code keep} already in testing, the bad input's undo leaves every retained snapshot
     * as it was, in the same order and states: the promotion's prune is taken back with it.
     */
    @Test
    void unknownTeamLeavesALongHistoryAsItWas() throws Exception {
        StagedRolloutConfiguration.get().setKeepSnapshots(2);
        RepositoryEngine engine = RepositoryEngine.create(
                StageLayout.of(repos), EngineOptions.defaults().withSnapshotsToKeep(2));
        for (int i = 1; i <= 3; i++) {
            String other = "other-tool-" + i + ".0-1.noarch.rpm";
            RpmFixtures.write(repos.resolve("untested/el9/x86_64"), "other-tool", i + ".0", "1", "noarch");
            engine.promote("untested", "testing", "el9", "x86_64", PackageSelection.of(other));
        }
        List<SnapshotInfo> history = engine.snapshots("testing", "el9", "x86_64");
        assertEquals(2, history.size(), "keep 2: the older promotions were pruned");
        String before = TreeDigest.ofRetained(repos);

        WorkflowRun build = startRelease(j, RELEASE_SCRIPT.replace("'ea-NGI_DE-KIT'", "'ea-NGI_FR-NOWHERE'"));
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
        j.assertLogContains("Team ea-NGI_FR-NOWHERE is unknown", build);
        j.assertLogContains(
                "Took testing/el9/x86_64 back to snapshot "
                        + history.get(history.size() - 1).id(),
                build);
        // the served one's last change is the undo now: the change log keeps who took it back
        assertEquals(
                withoutChanges(history),
                withoutChanges(engine.snapshots("testing", "el9", "x86_64")),
                "the same snapshots, order and states");
        assertEquals(before, TreeDigest.ofRetained(repos), "every retained snapshot and its packages as before");
        assertEquals(
                List.of("other-tool-1.0-1.noarch.rpm", "other-tool-2.0-1.noarch.rpm", "other-tool-3.0-1.noarch.rpm"),
                served(repos, "testing"),
                "what testing served before the release, without it");
    }
}
