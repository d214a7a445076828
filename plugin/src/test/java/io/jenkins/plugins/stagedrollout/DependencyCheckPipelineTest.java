package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.BaseRepositoryConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.Tools;
import io.jenkins.plugins.stagedrollout.core.repo.TreeDigest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

/** promoteRepo and the dependency check: refused with the list, met by a configured base repository, or allowed. */
@WithJenkins
class DependencyCheckPipelineTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String EXT = "bdii-site-ext-1.0-1.noarch.rpm";
    private static final String UNMET =
            "bdii-site-ext-1.0-1.noarch requires libldap.so.2()(64bit): nothing provides libldap.so.2()(64bit)";

    @TempDir
    Path repos;

    @TempDir
    Path baseos;

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        j = rule;
        RolloutTestSupport.setUp(j, repos);
        RpmFixtures.write(
                repos.resolve("untested/el9/x86_64"),
                "bdii-site-ext",
                0,
                "1.0",
                "1",
                "noarch",
                List.of(),
                List.of("libldap.so.2()(64bit)", "bdii-site >= 1.0.1"));
        RpmFixtures.write(
                baseos, "openldap", 0, "2.6.6", "3.el9", "x86_64", List.of("libldap.so.2()(64bit)"), List.of());
        Tools.createrepo(baseos);
    }

    private WorkflowRun run(String script, Cause cause) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job.scheduleBuild2(0, new CauseAction(cause)).waitForStart();
    }

    private static String promote(String extra) {
        return "node { promoteRepo from: 'untested', to: 'testing', os: 'el9', arch: 'x86_64', packages: ['"
                + RolloutTestSupport.RPM + "', '" + EXT + "']" + extra + " }";
    }

    @Test
    void aPromotionWithUnmetRequirementsFailsListsThemAndChangesNothing() throws Exception {
        String before = TreeDigest.of(repos);
        WorkflowRun build = run(promote(""), new Cause.UserIdCause("alice"));
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
        j.assertLogContains(
                "The promotion into testing/el9/x86_64 would leave 1 requirement(s) that nothing meets", build);
        j.assertLogContains(UNMET, build);
        j.assertLogContains("(none are configured)", build);
        j.assertLogNotContains("\tat io.jenkins", build);
        assertEquals(before, TreeDigest.of(repos), "a refused promotion leaves the repositories as they were");
    }

    @Test
    void theConfiguredBaseRepositoriesMeetTheRequirement() throws Exception {
        BaseRepositoryConfig base = new BaseRepositoryConfig("el9", "x86_64");
        base.setLocations(baseos.toUri().toString());
        StagedRolloutConfiguration.get().setBaseRepositories(List.of(base));
        WorkflowRun build = run(promote(""), new Cause.UserIdCause("alice"));
        j.assertBuildStatusSuccess(j.waitForCompletion(build));
        j.assertLogContains(
                "Dependency check of testing/el9/x86_64: 2 package(s) checked against the repository itself and "
                        + baseos.toUri() + ", 0 unresolved requirement(s)",
                build);
        assertEquals(List.of(RolloutTestSupport.RPM, EXT), served(repos, "testing"));
    }

    @Test
    void allowBrokenDependenciesPublishesAndTheRolloutRecordsWhoAndWhy() throws Exception {
        String script = RolloutTestSupport.RELEASE_SCRIPT.replace(
                "promoteRepo from: 'untested', to: 'testing', packages: ['bdii-site-1.0.1-1.noarch.rpm']",
                "promoteRepo from: 'untested', to: 'testing', packages: ['bdii-site-1.0.1-1.noarch.rpm', '" + EXT
                        + "'], allowBrokenDependencies: 'openldap is in the BaseOS of every site'");
        WorkflowRun build = run(script, new Cause.UserIdCause("manager"));
        RolloutAction rollout = RolloutTestSupport.awaitInvitations(j, build);
        j.assertLogContains("Broken dependencies allowed by manager: openldap is in the BaseOS of every site", build);
        j.assertLogContains("Publishing testing/el9/x86_64 with 1 unmet requirement(s), allowed by manager", build);
        assertEquals(List.of(RolloutTestSupport.RPM, EXT), served(repos, "testing"));
        String events = events(build);
        assertTrue(
                events.contains("1 requirement(s) unmet, allowed by manager: openldap is in the BaseOS of every site"),
                events);
        assertTrue(events.contains(UNMET), events);

        // Published with an override, the release is taken back as any other when the rollout ends without ACCEPT.
        assertEquals(
                200,
                RolloutTestSupport.post(
                        j.createWebClient().login("manager"),
                        build,
                        "abort",
                        "reason",
                        "openldap is not there after all"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        assertEquals(List.of(), served(repos, "testing"));
        assertEquals("ABORTED", rollout.getState());
    }

    /** The rollout's event log as stored beside build.xml. */
    private static String events(WorkflowRun build) throws Exception {
        StringBuilder all = new StringBuilder();
        File[] logs = build.getRootDir().listFiles((dir, name) -> name.startsWith("staged-rollout-"));
        for (File log : logs == null ? new File[0] : logs) {
            all.append(Files.readString(log.toPath(), StandardCharsets.UTF_8));
        }
        return all.toString();
    }
}
