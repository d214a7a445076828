package io.jenkins.plugins.stagedrollout.browser;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.KIT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.security.GlobalMatrixAuthorizationStrategy;
import hudson.security.csrf.DefaultCrumbIssuer;
import io.jenkins.plugins.stagedrollout.RolloutTestSupport;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.StackRepositoryConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.matrixauth.PermissionEntry;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages as people use them, in Chromium at laptop and phone width, with a security realm, matrix permissions, CSRF
 * protection and a strict Content-Security-Policy: an EA member answers and reports, the manager invites, extends and
 * decides, the dashboard filters, and the System page's section saves a team and names a bad value.
 */
@WithJenkins
class RolloutPagesBrowserTest {

    @TempDir
    Path repos;

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        StagedRolloutConfiguration.get().setTimeZone("Europe/Amsterdam");
        GlobalMatrixAuthorizationStrategy matrix = new GlobalMatrixAuthorizationStrategy();
        matrix.add(Jenkins.ADMINISTER, PermissionEntry.user("admin"));
        matrix.add(Jenkins.READ, PermissionEntry.group("authenticated"));
        matrix.add(hudson.model.Item.READ, PermissionEntry.group("authenticated"));
        j.jenkins.setAuthorizationStrategy(matrix);
        j.jenkins.setCrumbIssuer(new DefaultCrumbIssuer(true));
        StrictContentSecurityPolicy.install();
    }

    private WorkflowRun startRelease(String teams) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "release");
        job.setDefinition(
                new CpsFlowDefinition(RELEASE_SCRIPT.replace("['ea-NGI_IT-INFN-T1', 'ea-NGI_DE-KIT']", teams), true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        awaitInvitations(j, build);
        return build;
    }

    private String root() throws Exception {
        return j.getURL().toString();
    }

    @Test
    void anEarlyAdopterAnswersAndReportsOnAPhone() throws Exception {
        // A real site's URL and key: lines of the .repo file far wider than a phone.
        StackRepositoryConfig umd4 = new StackRepositoryConfig(
                "UMD-4", "https://repository.egi.example.org/sw/production/umd/4/{stage}/{os}/{arch}/base/");
        umd4.setGpgKey("https://repository.egi.example.org/sw/production/umd/UMD-RPM-PGP-KEY-2026");
        StagedRolloutConfiguration.get().setStackRepositories(List.of(umd4));
        WorkflowRun build = startRelease("['ea-NGI_IT-INFN-T1', 'ea-NGI_DE-KIT']");
        String page = build.getUrl() + "rollout/";
        try (Browser alice = Browser.open(root(), Browser.PHONE).login("alice").go(page)) {
            assertFalse(alice.overflowsHorizontally(), "nothing is off screen at 390 px");
            WebElement repoFile = alice.find(By.cssSelector("pre.sr-repo-file"));
            assertTrue(alice.withinWidth(repoFile), "the .repo file's box is on screen");
            assertTrue(repoFile.getText().contains("baseurl=https://repository.egi.example.org/"), repoFile.getText());
            assertTrue(
                    alice.withinWidth(alice.find(By.cssSelector("pre.sr-dnf"))), "the dnf command's box is on screen");
            WebElement accept = alice.find(By.cssSelector("form[name='answer-" + INFN + "'] button[value='accept']"));
            assertTrue(alice.withinWidth(accept), "the Accept button is on screen");
            assertTrue(
                    alice.findAll(By.cssSelector("form[name='answer-" + KIT + "']"))
                            .isEmpty(),
                    "alice answers only for her own team");
            assertTrue(alice.findAll(By.name("decide")).isEmpty(), "an Early Adopter has no manager's commands");
            assertTrue(alice.text().contains("Europe/Amsterdam"), "deadlines in the calendar's zone: " + alice.text());
            alice.screenshot("rollout-ea-phone");

            alice.find(By.cssSelector("form[name='answer-" + INFN + "'] input[name='comment']"))
                    .sendKeys("installed on two CEs");
            alice.find(By.cssSelector("form[name='answer-" + INFN + "'] button[value='accept']"))
                    .click();
            alice.settled();
            assertTrue(alice.text().contains("installed on two CEs"), alice.text());
            assertTrue(alice.text().contains(INFN + " answered accept: installed on two CEs"), "the history");

            WebElement report = alice.find(By.name("report-" + INFN));
            report.findElement(By.name("testsPerformed")).sendKeys("upgrade from 1.0.0\nsite BDII queried");
            report.findElement(By.name("jobsPerDay")).sendKeys("1200");
            report.findElement(By.cssSelector("button[type='submit']")).click();
            alice.settled();
            assertTrue(alice.findAll(By.name("report-" + INFN)).isEmpty(), "no report form once the report is filed");
            String text = alice.text();
            assertTrue(text.contains("site BDII queried") && text.contains("1200 jobs per day"), text);
            assertTrue(text.contains("Filed by alice"), text);
            assertFalse(alice.overflowsHorizontally(), "the reports fit at 390 px");
            alice.screenshot("rollout-ea-reported-phone");
        }
        RolloutAction rollout = build.getAction(RolloutAction.class);
        assertEquals(List.of(INFN), rollout.getView().accepted());
        assertEquals("POSITIVE", rollout.getTeams().get(0).report());
    }

    @Test
    void theManagerInvitesExtendsAndDecidesOnALaptop() throws Exception {
        WorkflowRun build = startRelease("['ea-NGI_IT-INFN-T1']");
        String page = build.getUrl() + "rollout/";
        try (Browser manager =
                Browser.open(root(), Browser.LAPTOP).login("manager").go(page)) {
            manager.find(By.id("invite-teams")).sendKeys(KIT);
            manager.find(By.cssSelector("form[name='invite'] button")).click();
            manager.settled();
            assertTrue(manager.text().contains("Invited " + KIT), manager.text());

            manager.find(By.cssSelector("form[name='extendDeadline'] button")).click();
            manager.settled();
            assertTrue(manager.text().contains("Answer deadline extended by 1 working day(s)"), manager.text());
            manager.screenshot("rollout-manager-laptop");

            manager.find(By.id("decide-reason")).sendKeys("superseded by 1.0.2");
            manager.find(By.cssSelector("form[name='decide'] button[value='REJECT']"))
                    .click();
            manager.settled();
            String text = manager.text();
            assertTrue(text.contains("Outcome\nREJECT") && text.contains("Decided by\nmanager"), text);
            assertTrue(text.contains("Reason\nsuperseded by 1.0.2"), text);
            assertTrue(
                    manager.findAll(By.tagName("form")).stream()
                            .noneMatch(
                                    f -> String.valueOf(f.getAttribute("name")).startsWith("answer-")
                                            || "decide".equals(f.getAttribute("name"))
                                            || "abort".equals(f.getAttribute("name"))),
                    "after the outcome the page is read-only");
            manager.screenshot("rollout-decided-laptop");
        }
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
    }

    @Test
    void theDashboardFiltersByTeam() throws Exception {
        startRelease("['ea-NGI_IT-INFN-T1']");
        try (Browser bob = Browser.open(root(), Browser.LAPTOP).login("bob").go("staged-rollouts/")) {
            assertTrue(bob.text().contains("Open rollouts (1)"), bob.text());
            new Select(bob.find(By.id("sr-team"))).selectByValue(KIT);
            bob.find(By.cssSelector("form[name='filters'] button[type='submit']"))
                    .click();
            bob.settled();
            assertTrue(bob.url().contains("team=" + KIT), bob.url());
            assertTrue(bob.text().contains("Open rollouts (0)"), "KIT was not invited: " + bob.text());
            bob.screenshot("dashboard-laptop");
        }
        try (Browser phone = Browser.open(root(), Browser.PHONE).login("alice").go("staged-rollouts/")) {
            assertFalse(phone.overflowsHorizontally(), "the dashboard fits at 390 px");
            phone.screenshot("dashboard-phone");
        }
    }

    @Test
    void theSystemPageSavesATeamAndNamesABadValue() throws Exception {
        try (Browser admin = Browser.open(root(), Browser.LAPTOP).login("admin").goToJenkinsPage("manage/configure")) {
            WebElement zone = admin.find(By.name("_.timeZone"));
            zone.clear();
            zone.sendKeys("Europe/Amsterdm");
            admin.find(By.name("_.holidays")).click();
            admin.waitForText("Unknown time zone \"Europe/Amsterdm\"");
            zone.clear();
            zone.sendKeys("Europe/Rome");

            admin.click(admin.find(By.xpath("//button[normalize-space()='Add team']")));
            List<WebElement> ids = admin.findAll(By.name("_.id"));
            ids.get(ids.size() - 1).sendKeys("ea-NGI_FR-GRIF");
            List<WebElement> contacts = admin.findAll(By.name("_.contacts"));
            contacts.get(contacts.size() - 1).sendKeys("grif@example.org");
            List<WebElement> members = admin.findAll(By.name("_.members"));
            members.get(members.size() - 1).sendKeys("carol");
            admin.screenshot("system-page-laptop");
            admin.click(admin.find(By.name("Submit")));
            admin.settledOnJenkinsPage();
            admin.goToJenkinsPage("manage/configure");
            assertTrue(
                    admin.findAll(By.name("_.id")).stream()
                            .anyMatch(e -> "ea-NGI_FR-GRIF".equals(e.getAttribute("value"))),
                    "the new team is on the reloaded page");
        }
        assertEquals("Europe/Rome", StagedRolloutConfiguration.get().getTimeZone());
        assertEquals(
                List.of(INFN, KIT, "ea-NGI_FR-GRIF"),
                StagedRolloutConfiguration.get().getTeams().stream()
                        .map(t -> t.getId())
                        .toList());
    }
}
