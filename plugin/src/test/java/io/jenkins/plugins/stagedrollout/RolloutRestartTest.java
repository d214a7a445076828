package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RPM;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller restart in the middle of the wait loses no answer, and the decision still ends the build. */
class RolloutRestartTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path repos;

    @Test
    void answersSurviveARestart() throws Throwable {
        RolloutTestSupport.assumeCreaterepo();
        sessions.then(j -> {
            RolloutTestSupport.setUp(j, repos);
            WorkflowJob job = j.createProject(WorkflowJob.class, "release");
            job.setDefinition(new CpsFlowDefinition(RELEASE_SCRIPT, true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            awaitInvitations(j, build);
            assertEquals(
                    200,
                    post(
                            j.createWebClient().login("alice"),
                            build,
                            "answer",
                            "team",
                            INFN,
                            "answer",
                            "accept",
                            "comment",
                            "fine here"));
        });
        sessions.then(j -> {
            // The test realm and authorization are not reloaded from disk: set them up again.
            RolloutTestSupport.secure(j);
            WorkflowRun build =
                    j.jenkins.getItemByFullName("release", WorkflowJob.class).getBuildByNumber(1);
            assertTrue(build.isBuilding(), "the build still waits for the Early Adopters");
            RolloutAction rollout = build.getAction(RolloutAction.class);
            assertEquals(List.of(INFN), rollout.getView().accepted());
            assertEquals("fine here", rollout.getView().teams().get(0).comment());

            assertEquals(
                    200,
                    post(
                            j.createWebClient().login("manager"),
                            build,
                            "decide",
                            "decision",
                            "ACCEPT",
                            "reason",
                            "one positive answer is enough"));
            j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
            assertEquals(List.of(RPM), served(repos, "production"));
        });
    }
}
