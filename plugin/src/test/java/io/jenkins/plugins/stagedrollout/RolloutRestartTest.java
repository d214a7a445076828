package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.KIT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RPM;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.answer;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.served;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.PackageSelection;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart in the middle of the wait loses no answer, and the decision still ends the build; a restart
 * while the block settles (the withdrawal of a REJECT still running) settles it after the restart.
 */
class RolloutRestartTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private static final String OTHER = "other-tool-2.0-1.noarch.rpm";

    @TempDir
    Path repos;

    @TempDir
    Path tools;

    @Test
    void answersSurviveARestart() throws Throwable {
        RolloutTestSupport.assumeCreaterepo();
        sessions.then(j -> {
            RolloutTestSupport.setUp(j, repos);
            WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
            awaitInvitations(j, build);
            assertEquals(200, answer(j, build, "alice", INFN, "accept", "fine here"));
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

    @Test
    void rejectionSettlesAfterARestartDuringTheWithdrawal() throws Throwable {
        RolloutTestSupport.assumeCreaterepo();
        Path armed = tools.resolve("armed");
        Path blocked = tools.resolve("blocked");
        Path released = tools.resolve("released");
        sessions.then(j -> {
            RolloutTestSupport.setUp(j, repos);
            StagedRolloutConfiguration.get().setCreaterepoPath(slowCreaterepo().toString());
            WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
            awaitInvitations(j, build);
            assertEquals(List.of(RPM), served(repos, "testing"));
            // Someone else's release enters testing meanwhile: taking the rollout back must keep it, so the REJECT
            // withdraws this release's package with createrepo_c instead of serving the old snapshot again.
            RpmFixtures.write(repos.resolve("untested/el9/x86_64"), "other-tool", "2.0", "1", "noarch");
            RepositoryEngine.create(StageLayout.of(repos), EngineOptions.defaults())
                    .promote("untested", "testing", "el9", "x86_64", PackageSelection.of(OTHER));

            Files.createFile(armed);
            assertEquals(200, answer(j, build, "bob", KIT, "reject", null));
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
            // The block has ended and its withdrawal hangs in createrepo_c: the controller stops now.
            awaitFile(blocked);
            assertTrue(build.isBuilding());
            releaseOnceJenkinsIsDown(released);
        });
        sessions.then(j -> {
            RolloutTestSupport.secure(j);
            WorkflowRun build =
                    j.jenkins.getItemByFullName("release", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
            j.assertLogContains("was rejected: slapd crashes on el9", build);
            j.assertLogContains("changed since snapshot", build);
            j.assertLogContains("Withdrew 1 package(s)", build);
            assertEquals(List.of(OTHER), served(repos, "testing"));
            assertEquals(List.of(), served(repos, "production"));
        });
    }

    /**
     * createrepo_c, except that the first run after the test creates {@code armed} hangs (like createrepo_c on a
     * big repository) until {@code released} exists, then fails, as a createrepo_c killed by the stopping
     * controller would. At most a minute, so a mistake cannot hang the build.
     */
    private Path slowCreaterepo() throws Exception {
        Path script = tools.resolve("createrepo_c");
        String dir = tools.toString();
        Files.writeString(script, """
                #!/bin/sh
                if [ -e '%1$s/armed' ]; then
                  rm -f '%1$s/armed'
                  touch '%1$s/blocked'
                  i=0
                  while [ ! -e '%1$s/released' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
                  exit 1
                fi
                exec createrepo_c "$@"
                """.formatted(dir));
        assertTrue(script.toFile().setExecutable(true));
        return script;
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + file);
            Thread.sleep(50);
        }
    }

    /**
     * The hung run of the old controller ends only when that controller is gone (this test's two sessions share a
     * JVM; a real restart ends the old process), so its failure cannot complete the step of the new one.
     */
    private static void releaseOnceJenkinsIsDown(Path released) {
        Thread releaser = new Thread(
                () -> {
                    try {
                        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (Jenkins.getInstanceOrNull() != null && System.nanoTime() < end) {
                            Thread.sleep(5);
                        }
                        Files.createFile(released);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "release the hung createrepo_c");
        releaser.setDaemon(true);
        releaser.start();
    }
}
