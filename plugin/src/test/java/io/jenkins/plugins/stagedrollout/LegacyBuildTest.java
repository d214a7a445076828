package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.KIT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.answer;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.core.rollout.RolloutState;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutEntry;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutIndex;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import io.jenkins.plugins.stagedrollout.rollout.PromotionRecord;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.jvnet.hudson.test.recipes.LocalData;

/**
 * A build saved by the plugin before the rollout model had its own class (7ef8ec6: {@code build.xml} names
 * {@code action.RolloutAction} and {@code action.PromotionRecord}) loads, shows its page, takes answers and a decision,
 * and its waiting Pipeline ends as it would have. The JENKINS_HOME was saved by that plugin: a build of job
 * {@code legacy} waiting for INFN and KIT, INFN's answer given, one promotion into testing recorded.
 */
@WithJenkins
class LegacyBuildTest {

    @Test
    @LocalData
    void aWaitingBuildSavedBeforeTheModelLoadsAndAnswers(JenkinsRule j) throws Exception {
        // The test realm and authorization are not kept on disk: set them up again.
        RolloutTestSupport.secure(j);
        WorkflowRun build =
                j.jenkins.getItemByFullName("legacy", WorkflowJob.class).getBuildByNumber(1);
        assertTrue(build.isBuilding(), "the build still waits for the Early Adopters");

        BuildRollout rollout = build.getAction(BuildRollout.class);
        assertNotNull(rollout, "the rollout saved as action.RolloutAction loads into BuildRollout");
        assertEquals("Staged Rollout UMD-4 legacy-tool 1.0-1 el9 x86_64", rollout.title());
        assertEquals(2, rollout.deliveryProblems().size(), "the invitations that could not be sent");
        assertEquals(List.of(INFN), rollout.view().accepted());
        assertEquals(
                "saved by the plugin before the model",
                rollout.view().teams().get(0).comment());
        List<PromotionRecord> promotions = rollout.promotions();
        assertEquals(1, promotions.size(), "the promotion saved as action.PromotionRecord loads");
        assertEquals("testing", promotions.get(0).to());
        assertEquals("20261206T000000Z-1", promotions.get(0).snapshotId());
        assertEquals("20261205T000000Z-1", promotions.get(0).replacedSnapshotId());

        RolloutAction page = build.getAction(RolloutAction.class);
        assertEquals("rollout", page.getUrlName());
        j.createWebClient().login("alice").goTo(build.getUrl() + "rollout/");
        assertTrue(
                RolloutIndex.get().entries().stream().map(RolloutEntry::getJob).anyMatch("legacy"::equals),
                "the index saved before the change still lists the rollout");

        assertEquals(200, answer(j, build, "bob", KIT, "accept", "answered after the change"));
        assertEquals(List.of(INFN, KIT), rollout.view().accepted());
        assertEquals(200, decide(j, build, "ACCEPT", "both sites fine"));
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
        assertEquals(RolloutState.ACCEPTED, rollout.state());
        j.assertLogContains("accepted: [" + INFN + ", " + KIT + "], outcome: ACCEPT", build);
    }
}
