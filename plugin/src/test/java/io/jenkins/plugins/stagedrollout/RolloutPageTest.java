package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The rollout page as people use it in a browser: the release's links for everyone, the manager's forms. */
@WithJenkins
class RolloutPageTest {

    private static final String NOTES = "https://docs.example.org/bdii-site/1.0.1/notes";
    private static final String INSTALL = "https://docs.example.org/bdii-site/1.0.1/install";
    private static final String BUGS = "https://issues.example.org/bdii-site?fixVersion=1.0.1";
    private static final String DOCS = "https://docs.example.org/bdii-site/";

    @TempDir
    Path repos;

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        j = rule;
        RolloutTestSupport.setUp(j, repos);
    }

    private WorkflowRun startRelease() throws Exception {
        String links = "arch: 'x86_64', releaseNotes: '" + NOTES + "', installation: '" + INSTALL + "', fixedBugs: '"
                + BUGS + "', documentation: '" + DOCS + "')";
        return RolloutTestSupport.startRelease(j, RELEASE_SCRIPT.replace("arch: 'x86_64')", links));
    }

    @Test
    void theAnswerPageShowsTheReleaseLinks() throws Exception {
        WorkflowRun build = startRelease();
        awaitInvitations(j, build);

        HtmlPage page = j.createWebClient().login("alice").goTo(build.getUrl() + "rollout/");
        List<String> hrefs =
                page.getAnchors().stream().map(HtmlAnchor::getHrefAttribute).toList();
        for (String link : List.of(NOTES, INSTALL, BUGS, DOCS)) {
            assertTrue(hrefs.contains(link), link + " is linked from the answer page: " + hrefs);
        }
        String text = page.asNormalizedText();
        assertTrue(text.contains("Release notes: " + NOTES), text);
        assertTrue(text.contains("Installation, upgrade and configuration: " + INSTALL), text);
        assertTrue(text.contains("Bugs or issues fixed: " + BUGS), text);
        assertTrue(text.contains("Documentation: " + DOCS), text);

        assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "test over"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
    }

    @Test
    void theManagerAbortsFromThePage() throws Exception {
        WorkflowRun build = startRelease();
        RolloutAction rollout = awaitInvitations(j, build);

        HtmlPage alicePage = j.createWebClient().login("alice").goTo(build.getUrl() + "rollout/");
        assertTrue(
                alicePage.getForms().stream().noneMatch(f -> "abort".equals(f.getNameAttribute())),
                "an Early Adopter has no Abort form");

        HtmlPage page = j.createWebClient().login("manager").goTo(build.getUrl() + "rollout/");
        HtmlForm abort = page.getFormByName("abort");
        abort.getInputByName("reason").setValue("superseded by 1.0.2");
        j.submit(abort);

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        assertEquals("ABORTED", rollout.getState());
        assertEquals("superseded by 1.0.2", rollout.getView().reason());
    }
}
