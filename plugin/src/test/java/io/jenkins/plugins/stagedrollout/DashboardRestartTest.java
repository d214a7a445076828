package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Util;
import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutEntry;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutIndex;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The index of rollouts across restarts: read back from its file without loading any build, a deleted job's
 * rollouts stay gone, and a missing file is rebuilt from the builds at start-up.
 */
class DashboardRestartTest {

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path repos;

    private static WorkflowRun abortedRollout(JenkinsRule j, String name) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(RELEASE_SCRIPT, true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        awaitInvitations(j, build);
        assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "superseded"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        return build;
    }

    /** With basic authentication: logging in through the login form would draw the job list, loading builds. */
    private static JSONArray recent(JenkinsRule j) throws Exception {
        return j.createWebClient()
                .withBasicCredentials("admin")
                .getJSON("staged-rollouts/api/json")
                .getJSONObject()
                .getJSONArray("recent");
    }

    private static List<String> jobs(JenkinsRule j) throws Exception {
        return recent(j).stream().map(r -> ((JSONObject) r).getString("job")).toList();
    }

    /** Rollouts in the index file as written, or -1 when it cannot be read. */
    private static int storedRollouts(JenkinsRule j) {
        try {
            return Files.readString(indexFile(j).toPath()).split("<rollout>", -1).length - 1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static File indexFile(JenkinsRule j) {
        return new File(j.jenkins.getRootDir(), "staged-rollout-index.xml");
    }

    @Test
    void theIndexSurvivesRestartsForgetsDeletedJobsAndIsRebuiltWhenMissing() throws Throwable {
        RolloutTestSupport.assumeCreaterepo();
        sessions.then(j -> {
            RolloutTestSupport.setUp(j, repos);
            abortedRollout(j, "kept");
            abortedRollout(j, "dropped");
            WorkflowRun vanished = abortedRollout(j, "vanished");
            assertEquals(List.of("vanished", "dropped", "kept"), jobs(j));
            j.jenkins.getItemByFullName("dropped", WorkflowJob.class).delete();
            assertEquals(List.of("vanished", "kept"), jobs(j));
            // Removed behind Jenkins' back (no listener is told): the next start notices the missing directory.
            Util.deleteRecursive(vanished.getRootDir());
        });
        sessions.then(j -> {
            RolloutTestSupport.secure(j);
            WorkflowJob kept = j.jenkins.getItemByFullName("kept", WorkflowJob.class);
            assertTrue(kept.getLazyBuildMixIn()._getRuns().getLoadedBuilds().isEmpty(), "no build loaded yet");
            assertEquals(List.of("kept"), jobs(j), "read back from " + indexFile(j) + ", the vanished build left out");
            JSONObject row = recent(j).getJSONObject(0);
            assertEquals("ABORTED", row.getString("outcome"));
            assertEquals("Staged Rollout UMD-4 bdii-site 1.0.1-1 el9 x86_64", row.getString("title"));
            assertTrue(
                    kept.getLazyBuildMixIn()._getRuns().getLoadedBuilds().isEmpty(),
                    "the page was drawn without loading the build");

            assertTrue(indexFile(j).delete());
        });
        sessions.then(j -> {
            RolloutTestSupport.secure(j);
            assertTrue(indexFile(j).isFile(), "rebuilt at start-up");
            List<RolloutEntry> entries = RolloutIndex.get().entries();
            assertEquals(1, entries.size(), entries.toString());
            assertEquals("kept", entries.get(0).getJob());
            assertEquals("ABORTED", entries.get(0).getState());
            assertEquals(List.of("kept"), jobs(j));
            assertFalse(recent(j).getJSONObject(0).getString("decidedAt").isEmpty());
        });
    }

    /**
     * A crash before a change reached the file leaves the marker of unsaved changes: the next start does not believe
     * the outdated file but rebuilds the index from the builds.
     */
    @Test
    void anIndexLeftUnsavedByACrashIsRebuiltFromTheBuilds() throws Throwable {
        RolloutTestSupport.assumeCreaterepo();
        File[] home = new File[1];
        byte[][] outdated = new byte[1][];
        sessions.then(j -> {
            RolloutTestSupport.setUp(j, repos);
            home[0] = j.jenkins.getRootDir();
            abortedRollout(j, "first");
            RolloutTestSupport.waitUntil(() -> storedRollouts(j) == 1, "the first rollout written to the index file");
            outdated[0] = Files.readAllBytes(indexFile(j).toPath());
            abortedRollout(j, "second");
            assertEquals(List.of("second", "first"), jobs(j));
        });
        // What a crash within the write delay leaves behind: the file without the last change, and the marker.
        Files.write(new File(home[0], "staged-rollout-index.xml").toPath(), outdated[0]);
        Files.write(new File(home[0], "staged-rollout-index.xml.unsaved").toPath(), new byte[0]);
        sessions.then(j -> {
            RolloutTestSupport.secure(j);
            assertEquals(List.of("second", "first"), jobs(j), "rebuilt from the builds, not read from the old file");
            assertFalse(new File(j.jenkins.getRootDir(), "staged-rollout-index.xml.unsaved").exists());
            assertEquals(2, storedRollouts(j), "the rebuilt index is written at start-up");
        });
    }
}
