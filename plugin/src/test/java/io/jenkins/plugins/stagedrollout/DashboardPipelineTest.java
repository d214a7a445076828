package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.KIT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.answer;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutIndex;
import java.nio.file.Path;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Staged Rollouts page follows a real rollout: invitation, answer, decision, and the build's deletion. */
@WithJenkins
class DashboardPipelineTest {

    private static final String TITLE = "Staged Rollout UMD-4 bdii-site 1.0.1-1 el9 x86_64";

    @TempDir
    Path repos;

    private static JSONObject dashboard(JenkinsRule j, String user, String query) throws Exception {
        return j.createWebClient()
                .login(user)
                .getJSON("staged-rollouts/api/json" + query)
                .getJSONObject();
    }

    @Test
    void theDashboardFollowsARealRolloutAndItsBuild(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        awaitInvitations(j, build);

        JSONArray open = dashboard(j, "alice", "?mine=waiting").getJSONArray("open");
        assertEquals(1, open.size(), "waiting for alice's team: " + open);
        JSONObject row = open.getJSONObject(0);
        assertEquals(TITLE, row.getString("title"));
        assertEquals("release", row.getString("job"));
        assertEquals(build.getUrl() + "rollout/", row.getString("url"));
        assertEquals("AWAITING_ANSWERS", row.getString("state"));
        assertEquals(List.of(INFN, KIT), row.getJSONArray("silent"));
        assertEquals(0, row.getInt("daysInTesting"), "the release has just entered testing");
        assertTrue(row.getLong("secondsToDeadline") > 0, row.toString());

        assertEquals(200, answer(j, build, "alice", INFN, "accept", "fine here"));
        row = dashboard(j, "bob", "?team=" + KIT).getJSONArray("open").getJSONObject(0);
        assertEquals("SOAK", row.getString("state"), "the quorum of one is met");
        assertEquals(List.of(INFN), row.getJSONArray("accepted"));
        assertEquals(List.of(KIT), row.getJSONArray("silent"));
        assertEquals(
                0,
                dashboard(j, "alice", "?mine=waiting&state=AWAITING_ANSWERS")
                        .getJSONArray("open")
                        .size());

        assertEquals(
                200,
                post(
                        j.createWebClient().login("manager"),
                        build,
                        "decide",
                        "decision",
                        "ACCEPT",
                        "reason",
                        "works at INFN"));
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
        JSONObject after = dashboard(j, "manager", "?mine=decide");
        assertEquals(0, after.getJSONArray("open").size());
        JSONObject outcome = after.getJSONArray("recent").getJSONObject(0);
        assertEquals("ACCEPT", outcome.getString("outcome"));
        assertEquals(build.getUrl() + "rollout/", outcome.getString("url"));

        build.delete();
        assertEquals(0, dashboard(j, "manager", "").getJSONArray("recent").size());
        assertEquals(List.of(), RolloutIndex.get().entries(), "the deleted build's rollout left the index");
    }
}
