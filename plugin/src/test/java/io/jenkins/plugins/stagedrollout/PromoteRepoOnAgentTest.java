package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RPM;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** promoteRepo runs the core promotion on the agent of its node block and streams its output. */
@WithJenkins
class PromoteRepoOnAgentTest {

    @TempDir
    Path repos;

    @Test
    void promotesOnTheAgentAndReturnsTheSnapshot(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        DumbSlave agent = j.createOnlineSlave(Label.get("repo"));
        // The built-in node gets no executor: only the agent can run the node block.
        j.jenkins.setNumExecutors(0);
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition("""
                node('repo') {
                  def snapshot = promoteRepo from: 'untested', to: 'testing', os: 'el9', arch: 'x86_64', packages: ['%s']
                  echo "snapshot=${snapshot}"
                  def again = promoteRepo from: 'untested', to: 'testing', os: 'el9', arch: 'x86_64', packages: ['%s']
                  echo "again=${again}"
                }
                """.formatted(RPM, RPM), true));
        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("Running on " + agent.getNodeName(), build);
        j.assertLogContains("Promoted 1 package(s) from untested to testing/el9/x86_64", build);
        j.assertLogContains("Nothing to do: testing/el9/x86_64 already holds " + RPM, build);
        assertEquals(List.of(RPM), served(repos, "testing"));
        String log = JenkinsRule.getLog(build);
        String first =
                log.substring(log.indexOf("snapshot=") + 9).lines().findFirst().orElseThrow();
        String second =
                log.substring(log.indexOf("again=") + 6).lines().findFirst().orElseThrow();
        assertEquals(first, second, "an idempotent promotion serves the same snapshot");
        assertEquals(Result.SUCCESS, build.getResult());
    }

    /** The global setting reaches createrepo_c on the agent: the served metadata is xz, and dnf-style reading works. */
    @Test
    void promotionWritesTheConfiguredMetadataCompression(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        StagedRolloutConfiguration.get().setMetadataCompression("xz");
        j.createOnlineSlave(Label.get("repo"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition(
                "node('repo') { promoteRepo from: 'untested', to: 'testing', os: 'el9', arch: 'x86_64',"
                        + " packages: ['" + RPM + "'] }",
                true));
        j.buildAndAssertSuccess(job);
        assertEquals(List.of(RPM), served(repos, "testing"));
        try (Stream<Path> files = Files.list(repos.resolve("testing/el9/x86_64/repodata"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.endsWith("-primary.xml.xz")), "xz primary metadata: " + names);
            assertTrue(names.stream().noneMatch(n -> n.endsWith("-primary.xml.gz")), "no gzip primary: " + names);
        }
    }

    @Test
    void unknownPackageFailsWithTheEngineMessageAndChangesNothing(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        j.createOnlineSlave(Label.get("repo"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition(
                "node('repo') { promoteRepo from: 'untested', to: 'testing', os: 'el9', arch: 'x86_64',"
                        + " packages: ['no-such-package-1.0-1.noarch.rpm'] }",
                true));
        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        j.assertLogContains("no-such-package-1.0-1.noarch.rpm", build);
        j.assertLogContains("Fix:", build);
        assertEquals(List.of(), served(repos, "testing"));
    }
}
