package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.KIT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.answer;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Only a team's members (by user or group) answer for it, only the stack's manager decides; others get 403. */
@WithJenkins
class RolloutPermissionsTest {

    @TempDir
    Path repos;

    @Test
    void othersAreRefusedAndNothingChanges(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        RolloutAction rollout = awaitInvitations(j, build);
        Map<String, Object> before = rollout.getPlainView();

        // bob is in group ea-NGI_DE-KIT, not in INFN; alice is listed for INFN only.
        assertEquals(403, answer(j, build, "bob", INFN, "accept", null));
        assertEquals(403, answer(j, build, "alice", KIT, "reject", null));
        assertEquals(403, post(j.createWebClient(), build, "answer", "team", INFN, "answer", "accept"));
        assertEquals(
                403, post(j.createWebClient().login("alice"), build, "decide", "decision", "REJECT", "reason", "no"));
        assertEquals(403, post(j.createWebClient(), build, "decide", "decision", "ACCEPT", "reason", "yes"));
        assertEquals(before, rollout.getPlainView());
        assertEquals(List.of(), rollout.getView().accepted());

        // The group is matched with the realm's group id strategy (case-insensitive by default).
        assertEquals(200, answer(j, build, "bob", "ea-ngi_de-kit", "accept", null));
        assertEquals(List.of(KIT), rollout.getView().accepted());
        // An administrator may act for any team and decide.
        assertEquals(
                200, post(j.createWebClient().login("admin"), build, "decide", "decision", "ACCEPT", "reason", "ok"));
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
    }

    @Test
    void mailStyleReplyAnswersOnlyForTheSendersTeam(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        RolloutAction rollout = awaitInvitations(j, build);
        Map<String, Object> before = rollout.getPlainView();

        // bob (KIT) may not answer for INFN, and text that is no answer changes nothing either.
        assertEquals(403, post(j.createWebClient().login("bob"), build, "reply", "text", "reject NGI_IT-INFN-T1"));
        assertEquals(400, post(j.createWebClient().login("alice"), build, "reply", "text", "yes please"));
        assertEquals(before, rollout.getPlainView());

        // Case, spacing, the ea- prefix and quoted mail lines do not matter.
        assertEquals(
                200,
                post(
                        j.createWebClient().login("alice"),
                        build,
                        "reply",
                        "text",
                        "> Please answer within one working day\n  Accept   ea-ngi_it-infn-t1 \n-- \nalice"));
        assertEquals(List.of(INFN), rollout.getView().accepted());
        assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "test over"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
    }

    @Test
    void getIsNotEnoughToAnswer(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        RolloutAction rollout = awaitInvitations(j, build);

        JenkinsRule.WebClient alice = j.createWebClient().login("alice").withThrowExceptionOnFailingStatusCode(false);
        int status = alice.goTo(build.getUrl() + "rollout/answer?team=" + INFN + "&answer=accept")
                .getWebResponse()
                .getStatusCode();
        assertEquals(405, status);
        assertEquals(List.of(), rollout.getView().accepted());
        // The answer page itself opens with GET (mail links).
        assertEquals(
                200, alice.goTo(build.getUrl() + "rollout/").getWebResponse().getStatusCode());
        assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "test over"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
    }
}
