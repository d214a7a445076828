package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import hudson.model.Result;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.demo.DemoRepositories;
import io.jenkins.plugins.stagedrollout.mailreply.ReplyReader;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jenkins.util.groovy.GroovyHookScript;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.yaml.snakeyaml.Yaml;

/**
 * The demo of {@code ./run-demo}, end to end: the same configuration as code (demo/jenkins.yaml), the same init
 * script (demo/init.groovy.d, which creates demo-release from examples/), the same repositories (DemoRepositories);
 * the same mail server (demo-mail.groovy starts GreenMail where the yaml sends mail, here on free ports): then the
 * people of the demo log in with their passwords and do over HTTP what the banner tells them to click, bob answers by
 * replying to his invitation, and dnf sees the release in production.
 */
@WithJenkins
class DemoReleaseTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    /** The project's root: the tests run in plugin/. */
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    private static final Path DEMO = PROJECT.resolve("demo");
    private static final String INFN = "ea-NGI_IT-INFN-T1";
    private static final String KIT = "ea-NGI_DE-KIT";
    /** Where demo-mail.groovy keeps its mail server. */
    private static final String MAIL_SERVER = "io.jenkins.plugins.stagedrollout.demo.GreenMail";

    @TempDir
    Path temporary;

    private JenkinsRule j;
    private Map<String, String> passwords;
    private GreenMail mail;

    @AfterEach
    void stopMail() {
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void demoReleaseReachesProduction(JenkinsRule rule) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        assumeTrue(onPath("dnf"), "dnf is not on the PATH: install the dnf package");
        j = rule;
        Path repos = temporary.resolve("repos");
        DemoRepositories.create(repos);
        startDemo(repos);

        WorkflowJob job = j.jenkins.getItemByFullName("demo-release", WorkflowJob.class);
        assertNotNull(job, "the init script creates demo-release");
        assertEquals(
                Files.readString(PROJECT.resolve("examples/release-scripted.Jenkinsfile")),
                ((CpsFlowDefinition) job.getDefinition()).getScript());

        // Nothing for anonymous; an EA member reads but does not administer.
        String anonymous = j.createWebClient()
                .withThrowExceptionOnFailingStatusCode(false)
                .goTo("job/demo-release/")
                .getUrl()
                .getPath();
        assertTrue(anonymous.endsWith("/login"), "anonymous is sent to the login page, not to " + anonymous);
        assertEquals(200, status(as("alice"), "job/demo-release/", HttpMethod.GET));
        assertEquals(403, status(as("alice"), "manage/", HttpMethod.GET));
        assertEquals(403, status(as("alice"), "job/demo-release/build?delay=0sec", HttpMethod.POST));

        // 1. The manager clicks Build Now.
        int started = status(as("manager"), "job/demo-release/build?delay=0sec", HttpMethod.POST);
        assertTrue(started == 201 || started == 302, "Build Now answered " + started);
        WorkflowRun build = waitForFirstBuild(job);
        RolloutAction rollout = awaitInvitations(j, build);
        // The invitations reach the teams' contacts through the demo's mail server: no delivery problem on the page.
        RolloutTestSupport.waitUntil(
                () -> invitationTo("alice@localhost.localdomain") != null
                        && invitationTo("bob@localhost.localdomain") != null,
                "the invitations to alice and bob in the demo's mail server");
        assertEquals(List.of(), rollout.getDeliveryProblems());
        assertEquals(List.of(DemoRepositories.PRODUCTION_BEFORE, DemoRepositories.RELEASE), served(repos, "testing"));
        assertEquals(List.of(DemoRepositories.PRODUCTION_BEFORE), served(repos, "production"));

        // The invitation says where to install: the demo's testing stage (demo/jenkins.yaml), read by the real dnf.
        String invitation = invitationTo("alice@localhost.localdomain")
                .getContent()
                .toString()
                .replace("\r\n", "\n");
        assertTrue(invitation.contains("baseurl=file://" + repos + "/testing/el9/x86_64/"), invitation);
        assertTrue(
                invitation.contains("dnf --refresh --enablerepo=UMD-4-testing install bdii-site-1.0.1-1.el9.noarch"),
                invitation);
        Path reposDir = Files.createDirectories(temporary.resolve("yum.repos.d"));
        Files.writeString(
                reposDir.resolve("UMD-4-testing.repo"),
                as("alice")
                        .goTo(build.getUrl() + "rollout/repo", "text/plain")
                        .getWebResponse()
                        .getContentAsString());
        assertTrue(
                dnfSees("--setopt=reposdir=" + reposDir, "--enablerepo=UMD-4-testing")
                        .contains("bdii-site-1.0.1-1.el9.noarch"),
                "dnf finds the release in testing through the .repo file the page serves");

        // 2. The EA teams answer and report on the build's Staged Rollout page; nobody answers for another team.
        JenkinsRule.WebClient alice = as("alice");
        assertEquals(403, post(alice, build, "answer", "team", KIT, "answer", "accept"));
        assertEquals(200, post(alice, build, "answer", "team", INFN, "answer", "accept", "comment", "on two CEs"));
        // bob answers by mail, as the console tells: a reply to his invitation's Reply-To, read from the mailbox.
        MimeMessage toBob = invitationTo("bob@localhost.localdomain");
        GreenMailUtil.sendTextEmail(
                toBob.getReplyTo()[0].toString(),
                "bob@localhost.localdomain",
                "Re: " + toBob.getSubject(),
                "accept NGI_DE-KIT",
                new ServerSetup(mail.getSmtp().getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        // Jenkins' timer may read the mailbox too; either way the mail is decided once
        assertEquals(
                List.of(),
                ReplyReader.read(StagedRolloutConfiguration.get().getMailReplies())
                        .problems());
        RolloutTestSupport.waitUntil(() -> rollout.getView().accepted().contains(KIT), "bob's answer by mail recorded");
        assertEquals(List.of(INFN, KIT), rollout.getView().accepted());
        assertEquals(
                200,
                post(
                        alice,
                        build,
                        "report",
                        "team",
                        INFN,
                        "verdict",
                        "POSITIVE",
                        "releaseNotesCorrect",
                        "on",
                        "testsPerformed",
                        "ldapsearch of the site BDII"));
        assertEquals(1, rollout.getView().reports());

        // 3. The manager decides ACCEPT: the release reaches production.
        assertEquals(403, post(alice, build, "decide", "decision", "ACCEPT", "reason", "not mine"));
        assertEquals(200, post(as("manager"), build, "decide", "decision", "ACCEPT", "reason", "works at INFN"));
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
        assertEquals("ACCEPTED", rollout.getState());
        assertTrue(
                dnfSees(repos.resolve("production/el9/x86_64")).contains("bdii-site-1.0.1-1.el9.noarch"),
                "dnf lists the release in production");
    }

    /** What ./run-demo does at Jenkins' start: configuration as code, then the init scripts. */
    private void startDemo(Path repos) throws Exception {
        System.setProperty("STAGED_ROLLOUT_DEMO_REPOS", repos.toString());
        try (ServerSocket smtp = new ServerSocket(0);
                ServerSocket imap = new ServerSocket(0)) {
            System.setProperty("DEMO_SMTP_PORT", String.valueOf(smtp.getLocalPort()));
            System.setProperty("DEMO_IMAP_PORT", String.valueOf(imap.getLocalPort()));
        }
        try {
            ConfigurationAsCode.get().configure(DEMO.resolve("jenkins.yaml").toString());
        } finally {
            System.clearProperty("STAGED_ROLLOUT_DEMO_REPOS");
            System.clearProperty("DEMO_SMTP_PORT");
            System.clearProperty("DEMO_IMAP_PORT");
        }
        new GroovyHookScript(
                        "init",
                        j.jenkins.getServletContext(),
                        DEMO.toFile(),
                        j.jenkins.getPluginManager().uberClassLoader)
                .run();
        mail = (GreenMail) j.jenkins.getServletContext().getAttribute(MAIL_SERVER);
        assertNotNull(mail, "demo-mail.groovy starts the demo's mail server");
        passwords = users().stream()
                .collect(Collectors.toMap(user -> (String) user.get("id"), user -> (String) user.get("password")));
    }

    /** The invitation the demo's mail server holds for {@code contact}, or null. */
    private MimeMessage invitationTo(String contact) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> TestMailServer.recipients(m).contains(contact))
                .filter(m -> {
                    try {
                        return m.getSubject().contains("invitation");
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> users() throws IOException {
        Map<String, Object> casc = new Yaml().load(Files.readString(DEMO.resolve("jenkins.yaml")));
        Map<String, Object> jenkins = (Map<String, Object>) casc.get("jenkins");
        Map<String, Object> realm = (Map<String, Object>) jenkins.get("securityRealm");
        return (List<Map<String, Object>>) ((Map<String, Object>) realm.get("local")).get("users");
    }

    /** A web client logged in with the demo password of {@code user}. */
    private JenkinsRule.WebClient as(String user) throws Exception {
        return j.createWebClient().login(user, passwords.get(user));
    }

    private static int status(JenkinsRule.WebClient wc, String path, HttpMethod method) throws Exception {
        WebRequest request = new WebRequest(wc.createCrumbedUrl(path), method);
        return wc.withThrowExceptionOnFailingStatusCode(false)
                .withRedirectEnabled(false)
                .getPage(request)
                .getWebResponse()
                .getStatusCode();
    }

    private static WorkflowRun waitForFirstBuild(WorkflowJob job) throws InterruptedException {
        RolloutTestSupport.waitUntil(() -> job.getBuildByNumber(1) != null, "build #1 of demo-release");
        return job.getBuildByNumber(1);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The NEVRAs dnf lists in the repository at {@code path} (no other repository, a fresh cache). */
    private List<String> dnfSees(Path path) throws IOException, InterruptedException {
        return dnfSees("--repofrompath=demo,file://" + path, "--setopt=reposdir=/nonexistent", "--enablerepo=demo");
    }

    /** The NEVRAs dnf lists in the repositories {@code repositories} name and enable (a fresh cache). */
    private List<String> dnfSees(String... repositories) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dnf", "repoquery", "-q", "--releasever=9", "--disablerepo=*"));
        command.addAll(List.of(repositories));
        command.addAll(List.of(
                "--setopt=cachedir=" + temporary.resolve("dnf-cache"),
                "--nogpgcheck",
                "--queryformat",
                "%{name}-%{evr}.%{arch}\\n"));
        Process dnf = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(dnf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(dnf.waitFor(120, TimeUnit.SECONDS), "dnf finished");
        assertEquals(0, dnf.exitValue(), out);
        return out.lines().filter(line -> !line.isBlank()).toList();
    }
}
