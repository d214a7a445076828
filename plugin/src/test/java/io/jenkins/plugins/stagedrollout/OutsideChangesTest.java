package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.stagedrollout.core.repo.ChangeNote;
import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.PackageSelection;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RootSettings;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutDashboard;
import io.jenkins.plugins.stagedrollout.dashboard.RolloutIndex;
import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** A night's change with the command-line tool, seen by the rollout that promoted into the stage. */
@WithJenkins
class OutsideChangesTest {

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
    void aStageChangedByTheToolIsShownOnThePageAndTheDashboard() throws Exception {
        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        awaitInvitations(j, build);
        BuildRollout rollout = build.getAction(BuildRollout.class);

        RootSettings settings = RootSettings.read(repos).orElseThrow();
        assertEquals(List.of("untested", "testing", "production"), settings.stages());
        assertEquals(Map.of(), settings.baseRepositories());
        assertEquals(List.of(), rollout.outsideChanges());

        // what staged-rollout-repo withdraw --reason ... does (the tool itself is not part of the plugin)
        RepositoryEngine.create(StageLayout.of(repos), EngineOptions.defaults())
                .by(new ChangeNote("nightadmin", ChangeNote.CLI, "breaks slapd on el9", false, false))
                .withdraw("testing", "el9", "x86_64", PackageSelection.of("bdii-site"));

        List<String> changes = rollout.outsideChanges();
        assertEquals(1, changes.size());
        assertTrue(
                changes.get(0)
                        .matches(
                                "testing/el9/x86_64 changed outside any rollout: \\S+Z by nightadmin"
                                        + " \\(cli\\): Withdrew 1 package\\(s\\) from testing/el9/x86_64 \\(snapshot \\S+\\)\\. Why: breaks slapd on el9"),
                changes.get(0));
        assertEquals(changes, RolloutIndex.get().entries().get(0).getOutsideChanges());

        HtmlPage page = j.createWebClient().login("alice").goTo(build.getUrl() + "rollout/");
        assertTrue(page.asNormalizedText().contains(changes.get(0)), page.asNormalizedText());
        HtmlPage dashboard = j.createWebClient().login("alice").goTo(RolloutDashboard.URL_NAME + "/");
        assertTrue(dashboard.asNormalizedText().contains("changed outside any rollout"), dashboard.asNormalizedText());

        build.doKill();
        j.waitForCompletion(build);
    }
}
