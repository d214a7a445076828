package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.StackRepositoryConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue 26: the teams are told where to install exactly the packages under test: the invitation mail, the rollout
 * page and {@code <build>/rollout/repo} carry the .repo file of the testing stage for the platform promoted into it
 * and the dnf command; without a repository URL, the packages and who can name it.
 */
@WithJenkins
class WhereToInstallPipelineTest {

    private static final String NEVRA = "bdii-site-1.0.1-1.noarch";
    private static final String KEY = "https://repository.example.org/RPM-GPG-KEY-UMD-4";
    private static final String REPO_FILE = """
            [UMD-4-testing]
            name=UMD-4 testing el9 x86_64 (staged rollout)
            baseurl=https://repository.example.org/umd/4/testing/el9/x86_64/
            enabled=0
            gpgcheck=1
            gpgkey=https://repository.example.org/RPM-GPG-KEY-UMD-4
            """;
    private static final String DNF = "dnf --refresh --enablerepo=UMD-4-testing install " + NEVRA;

    /** The release names no platform: the one promoted into testing is where the teams install from. */
    private static final String SCRIPT = RELEASE_SCRIPT
            .replace(", os: 'el9', arch: 'x86_64')", ")")
            .replace("to: 'testing', packages:", "to: 'testing', os: 'el9', arch: 'x86_64', packages:");

    @TempDir
    Path repos;

    private final TestMailServer mail = new TestMailServer(false);

    @AfterEach
    void stopSmtp() {
        mail.stop();
    }

    @Test
    void theInvitationThePageAndTheRepoFileSayWhereToInstall(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        StackRepositoryConfig umd4 =
                new StackRepositoryConfig("UMD-4", "https://repository.example.org/umd/4/{stage}/{os}/{arch}/");
        umd4.setGpgKey(KEY);
        umd4.setRepoGpgKey("https://repository.example.org/RPM-GPG-KEY-UMD-4-repo");
        StagedRolloutConfiguration.get().setStackRepositories(List.of(umd4));
        mail.start();
        mail.useForJenkinsMail();

        WorkflowRun build = startRelease(j, SCRIPT);
        RolloutAction rollout = awaitInvitations(j, build);
        assertEquals(List.of(NEVRA), rollout.getRollout().packagesUnderTest());

        // The invitation: the exact packages, the .repo file for el9 x86_64 (unsigned stage: no repo_gpgcheck), dnf.
        assertTrue(mail.greenMail().waitForIncomingEmail(10_000, 2), "two invitations arrive");
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            String body = m.getContent().toString().replace("\r\n", "\n");
            assertTrue(body.contains("Packages under test"), body);
            assertTrue(body.contains("  " + NEVRA + "\n"), body);
            assertTrue(body.contains("save these lines as /etc/yum.repos.d/UMD-4-testing.repo"), body);
            assertTrue(body.contains(REPO_FILE.strip().replace("\n", "\n  ")), body);
            assertFalse(body.contains("repo_gpgcheck"), body);
            assertTrue(body.contains("  " + DNF + "\n"), body);
        }

        // The page, for a team member: the packages, the file in a box, the command, a link to the file.
        JenkinsRule.WebClient alice = j.createWebClient().login("alice");
        HtmlPage page = alice.goTo(build.getUrl() + "rollout/");
        DomNode section = page.querySelector("#where-to-install");
        assertNotNull(section, "the page has a Where to install section");
        assertTrue(section.asNormalizedText().contains(NEVRA), section.asNormalizedText());
        assertEquals(REPO_FILE, page.querySelector("pre.sr-repo-file").getTextContent());
        assertEquals(DNF, page.querySelector("pre.sr-dnf").getTextContent());
        assertEquals(
                "repo",
                page.querySelector("a.sr-repo-download")
                        .getAttributes()
                        .getNamedItem("href")
                        .getNodeValue());

        // <build>/rollout/repo: the same file, to save under its id.
        WebResponse file = get(alice, build);
        assertEquals(200, file.getStatusCode());
        assertEquals("text/plain", file.getContentType());
        assertEquals("UTF-8", file.getContentCharset().name());
        assertEquals("attachment; filename=\"UMD-4-testing.repo\"", file.getResponseHeaderValue("Content-Disposition"));
        assertEquals(REPO_FILE, file.getContentAsString());

        // Who may not read the build does not get it; anonymous is sent to log in.
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .toEveryone()
                .grant(Item.READ)
                .everywhere()
                .to("alice", "manager")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
        WebResponse outsider = get(j.createWebClient().login("outsider"), build);
        assertTrue(List.of(403, 404).contains(outsider.getStatusCode()), "status " + outsider.getStatusCode());
        assertFalse(outsider.getContentAsString().contains("baseurl"), outsider.getContentAsString());
        WebResponse anonymous = get(j.createWebClient(), build);
        assertNotEquals(200, anonymous.getStatusCode());
        assertFalse(anonymous.getContentAsString().contains("baseurl"), anonymous.getContentAsString());

        // Without a repository URL: a plain 404 naming the setting; the page lists the packages and says who knows.
        StagedRolloutConfiguration.get().setStackRepositories(List.of());
        WebResponse none = get(alice, build);
        assertEquals(404, none.getStatusCode());
        assertEquals("text/plain", none.getContentType());
        assertEquals(
                "No testing repository is known for Staged Rollout UMD-4 bdii-site 1.0.1-1. The Jenkins administrator"
                        + " names where the stages of UMD are served in Manage Jenkins > System > Staged Rollout; the"
                        + " OS and architecture come from the promotion into testing or from stagedRollout(os: ...,"
                        + " arch: ...).\n",
                none.getContentAsString());
        String forAlice = alice.goTo(build.getUrl() + "rollout/")
                .querySelector("#where-to-install")
                .asNormalizedText();
        assertTrue(forAlice.contains(NEVRA), forAlice);
        assertTrue(forAlice.contains("Ask your Staged Rollout Manager where the testing repository is."), forAlice);
        assertFalse(forAlice.contains("Manage Jenkins"), forAlice);
        HtmlPage forAdmin = j.createWebClient().login("admin").goTo(build.getUrl() + "rollout/");
        assertNotNull(
                forAdmin.querySelector("#where-to-install a[href$='/manage/configure']"), "a link to the setting");

        assertEquals(200, post(j.createWebClient().login("manager"), build, "abort", "reason", "test over"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        assertTrue(
                alice.goTo(build.getUrl() + "rollout/").querySelector("#where-to-install") == null,
                "an ended rollout says no more where to install");
    }

    private static WebResponse get(JenkinsRule.WebClient wc, WorkflowRun build) throws Exception {
        WebRequest request = new WebRequest(new URL(wc.getContextPath() + build.getUrl() + "rollout/repo"));
        return wc.withThrowExceptionOnFailingStatusCode(false)
                .withRedirectEnabled(false)
                .getPage(request)
                .getWebResponse();
    }
}
