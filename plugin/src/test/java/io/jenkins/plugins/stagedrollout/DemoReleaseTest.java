package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.model.Result;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.core.demo.DemoRepositories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * then the people of the demo log in with their passwords and do over HTTP what the banner tells them to click,
 * and dnf sees the release in production.
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

    @TempDir
    Path temporary;

    private JenkinsRule j;
    private Map<String, String> passwords;

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
        assertEquals(List.of(DemoRepositories.PRODUCTION_BEFORE, DemoRepositories.RELEASE), served(repos, "testing"));
        assertEquals(List.of(DemoRepositories.PRODUCTION_BEFORE), served(repos, "production"));

        // 2. The EA teams answer and report on the build's Staged Rollout page; nobody answers for another team.
        JenkinsRule.WebClient alice = as("alice");
        assertEquals(403, post(alice, build, "answer", "team", KIT, "answer", "accept"));
        assertEquals(200, post(alice, build, "answer", "team", INFN, "answer", "accept", "comment", "on two CEs"));
        assertEquals(200, post(as("bob"), build, "answer", "team", KIT, "answer", "accept"));
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

    /** What ./run-demo does at Jenkins' start: configuration as code, then the init script. */
    private void startDemo(Path repos) throws Exception {
        System.setProperty("STAGED_ROLLOUT_DEMO_REPOS", repos.toString());
        try {
            ConfigurationAsCode.get().configure(DEMO.resolve("jenkins.yaml").toString());
        } finally {
            System.clearProperty("STAGED_ROLLOUT_DEMO_REPOS");
        }
        new GroovyHookScript(
                        "init",
                        j.jenkins.getServletContext(),
                        DEMO.toFile(),
                        j.jenkins.getPluginManager().uberClassLoader)
                .run();
        passwords = users().stream()
                .collect(Collectors.toMap(user -> (String) user.get("id"), user -> (String) user.get("password")));
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
        Process dnf = new ProcessBuilder(
                        "dnf",
                        "repoquery",
                        "-q",
                        "--releasever=9",
                        "--disablerepo=*",
                        "--repofrompath=demo,file://" + path,
                        "--enablerepo=demo",
                        "--setopt=cachedir=" + temporary.resolve("dnf-cache"),
                        "--setopt=reposdir=/nonexistent",
                        "--nogpgcheck",
                        "--queryformat",
                        "%{name}-%{evr}.%{arch}\\n")
                .redirectErrorStream(true)
                .start();
        String out = new String(dnf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(dnf.waitFor(120, TimeUnit.SECONDS), "dnf finished");
        assertEquals(0, dnf.exitValue(), out);
        return out.lines().filter(line -> !line.isBlank()).toList();
    }
}
