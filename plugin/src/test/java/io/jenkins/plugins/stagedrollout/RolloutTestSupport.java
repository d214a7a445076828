package io.jenkins.plugins.stagedrollout;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.EarlyAdopterTeamConfig;
import io.jenkins.plugins.stagedrollout.config.StackManagerConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.repo.EngineOptions;
import io.jenkins.plugins.stagedrollout.core.repo.RepositoryEngine;
import io.jenkins.plugins.stagedrollout.core.repo.RpmFixtures;
import io.jenkins.plugins.stagedrollout.core.repo.StageLayout;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import jenkins.model.Jenkins;
import jenkins.model.JenkinsLocationConfiguration;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The world of the plugin tests: two EA teams (INFN answers by user id, KIT by group), a UMD manager, an
 * administrator, a repository root with one real RPM in untested, and HTTP helpers that POST with a crumb.
 */
public final class RolloutTestSupport {

    public static final String INFN = "ea-NGI_IT-INFN-T1";
    public static final String KIT = "ea-NGI_DE-KIT";
    public static final String RPM = "bdii-site-1.0.1-1.noarch.rpm";

    /** The release Jenkinsfile of the issue, with {@code node} around the promotions only. */
    public static final String RELEASE_SCRIPT = """
            stagedRollout(stack: 'UMD-4', component: 'bdii-site', version: '1.0.1-1', os: 'el9', arch: 'x86_64') {
              node {
                promoteRepo from: 'untested', to: 'testing', packages: ['bdii-site-1.0.1-1.noarch.rpm']
              }
              def answers = waitForEarlyAdopters teams: ['ea-NGI_IT-INFN-T1', 'ea-NGI_DE-KIT'], minAccepts: 1
              echo "accepted: ${answers.accepted}, rejected: ${answers.rejected}, outcome: ${answers.outcome}"
              node {
                promoteRepo from: 'testing', to: 'production'
              }
            }
            """;

    private RolloutTestSupport() {}

    /** Runs {@code script} (sandboxed) in a new Pipeline job named {@code release}; returns the build once it started. */
    public static WorkflowRun startRelease(JenkinsRule j, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job.scheduleBuild2(0).waitForStart();
    }

    /** The tests drive the real createrepo_c; without it they are skipped, saying which package to install. */
    public static void assumeCreaterepo() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "createrepo_c"))) {
                found = true;
            }
        }
        assumeTrue(
                found,
                "createrepo_c is not on the PATH: install the createrepo-c (Debian) or createrepo_c (RPM) package");
    }

    /** Security, teams, managers and the repository root; one real RPM waiting in untested. */
    public static void setUp(JenkinsRule j, Path repos) throws Exception {
        secure(j);
        configure(repos);
        RpmFixtures.write(repos.resolve("untested/el9/x86_64"), "bdii-site", "1.0.1", "1", "noarch");
    }

    /** Users alice (INFN), bob (group of KIT), manager (UMD) and admin; everyone may read. */
    public static void secure(JenkinsRule j) {
        JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
        realm.addGroups("bob", KIT);
        j.jenkins.setSecurityRealm(realm);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .toEveryone()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
    }

    private static void configure(Path repos) {
        JenkinsLocationConfiguration.get().setAdminAddress("staged-rollout@example.org");

        EarlyAdopterTeamConfig infn = new EarlyAdopterTeamConfig(INFN);
        infn.setContacts("infn-t1@example.org");
        infn.setMembers("alice");
        EarlyAdopterTeamConfig kit = new EarlyAdopterTeamConfig(KIT);
        kit.setContacts("kit@example.org");
        kit.setGroup(KIT);
        StackManagerConfig managers = new StackManagerConfig("UMD");
        managers.setUsers("manager");
        managers.setEmails("umd-manager@example.org");

        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        config.setTeams(List.of(infn, kit));
        config.setManagers(List.of(managers));
        config.setTimeZone("UTC");
        config.setRepositoryRoot(repos.toString());
    }

    /** What a stage serves now, read by the core engine. */
    public static List<String> served(Path repos, String stage) {
        return new ArrayList<>(RepositoryEngine.create(StageLayout.of(repos), EngineOptions.defaults())
                .packages(stage, "el9", "x86_64"));
    }

    public static RolloutAction awaitInvitations(JenkinsRule j, Run<?, ?> build) throws Exception {
        j.waitForMessage("Waiting for the Early Adopters of", build);
        return build.getAction(RolloutAction.class);
    }

    /** Waits up to 30 s for something a timer or another thread does; fails naming what did not happen. */
    public static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Waited 30 s for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Team {@code team}'s answer ({@code accept}, {@code reject}), posted by {@code user}; returns the HTTP status. */
    public static int answer(JenkinsRule j, Run<?, ?> build, String user, String team, String answer, String comment)
            throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().login(user);
        return comment == null
                ? post(wc, build, "answer", "team", team, "answer", answer)
                : post(wc, build, "answer", "team", team, "answer", answer, "comment", comment);
    }

    /** The manager's decision ({@code ACCEPT}, {@code REJECT}) with its reason; returns the HTTP status. */
    public static int decide(JenkinsRule j, Run<?, ?> build, String decision, String reason) throws Exception {
        return post(j.createWebClient().login("manager"), build, "decide", "decision", decision, "reason", reason);
    }

    /**
     * POSTs a form to the build's rollout page as the web client's user, asking for JSON like a script does (a
     * browser gets a redirect back to the page instead); returns the HTTP status: 200 when the command was applied.
     */
    public static int post(JenkinsRule.WebClient wc, Run<?, ?> build, String command, String... fields)
            throws Exception {
        return postForReply(wc, build, command, fields).getStatusCode();
    }

    /** Like {@link #post}, returning the whole reply: the rollout as JSON when the command was applied. */
    public static WebResponse postForReply(JenkinsRule.WebClient wc, Run<?, ?> build, String command, String... fields)
            throws Exception {
        WebRequest request =
                new WebRequest(wc.createCrumbedUrl(build.getUrl() + "rollout/" + command), HttpMethod.POST);
        List<NameValuePair> params = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            params.add(new NameValuePair(fields[i], fields[i + 1]));
        }
        request.setRequestParameters(params);
        request.setAdditionalHeader("Accept", "application/json");
        Page page = wc.withThrowExceptionOnFailingStatusCode(false)
                .withRedirectEnabled(false)
                .getPage(request);
        return page.getWebResponse();
    }
}
