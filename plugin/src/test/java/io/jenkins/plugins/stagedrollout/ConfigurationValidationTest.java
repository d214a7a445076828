package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.KIT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.answer;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.XmlFile;
import hudson.model.Result;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.stagedrollout.config.EarlyAdopterTeamConfig;
import io.jenkins.plugins.stagedrollout.config.StackRepositoryConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.html.HtmlForm;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A bad configuration value is refused where it is given (configuration as code, the System page), naming the value
 * and the field, and the previous configuration stays in force; a bad entry that got into the file anyway affects
 * only the rollouts that use it.
 */
@WithJenkins
class ConfigurationValidationTest {

    private static final String CYFRONET = "ea-NGI_PL-CYFRONET";

    @TempDir
    Path repos;

    @TempDir
    Path yamlDir;

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        RolloutTestSupport.setUp(j, repos);
    }

    @Test
    void configurationAsCodeRefusesAMistypedTimeZoneAndKeepsThePreviousConfiguration() throws Exception {
        ConfiguratorException refused = assertThrows(ConfiguratorException.class, () -> applyYaml("""
                unclassified:
                  stagedRollout:
                    timeZone: "Europe/Amsterdm"
                    repositoryRoot: "/srv/other"
                    ackWorkingDays: 3
                """));
        assertTrue(
                messages(refused).contains("Unknown time zone \"Europe/Amsterdm\". Use a region id such as"),
                messages(refused));
        assertTrue(messages(refused).contains("timeZone"), "names the field: " + messages(refused));
        assertPreviousConfiguration();
    }

    @Test
    void configurationAsCodeRefusesAMetadataCompressionCreaterepoCannotBeToldAndKeepsThePreviousConfiguration()
            throws Exception {
        ConfiguratorException refused = assertThrows(ConfiguratorException.class, () -> applyYaml("""
                unclassified:
                  stagedRollout:
                    metadataCompression: "zst"
                    repositoryRoot: "/srv/other"
                """));
        assertTrue(
                messages(refused)
                        .contains("The metadata compression 'zst' is not one of gz, xz, bz2, zstd. Leave it empty"),
                messages(refused));
        assertTrue(messages(refused).contains("metadataCompression"), "names the field: " + messages(refused));
        assertEquals(null, StagedRolloutConfiguration.get().getMetadataCompression());
        assertPreviousConfiguration();
    }

    @Test
    void configurationAsCodeRefusesAHolidayThatIsNoDate() throws Exception {
        ConfiguratorException refused = assertThrows(ConfiguratorException.class, () -> applyYaml("""
                unclassified:
                  stagedRollout:
                    holidays: "2026-12-25 25.12.2026"
                """));
        assertTrue(messages(refused).contains("Holiday \"25.12.2026\" is not an ISO date"), messages(refused));
        assertEquals("", StagedRolloutConfiguration.get().getHolidays());
    }

    @Test
    void configurationAsCodeRefusesATeamWithoutContactAndKeepsThePreviousTeams() throws Exception {
        ConfiguratorException refused = assertThrows(ConfiguratorException.class, () -> applyYaml("""
                unclassified:
                  stagedRollout:
                    repositoryRoot: "/srv/other"
                    teams:
                      - id: "ea-NGI_IT-INFN-T1"
                        contacts: "infn-t1@example.org"
                        members: "alice"
                      - id: "ea-NGI_PL-CYFRONET"
                        members: "carol"
                """));
        assertTrue(
                messages(refused).contains("Early Adopter teams: Team " + CYFRONET + " has no contact address"),
                messages(refused));
        assertPreviousConfiguration();
    }

    @Test
    void configurationAsCodeRefusesAReplyMailboxThatCannotWork() throws Exception {
        ConfiguratorException plus = assertThrows(ConfiguratorException.class, () -> applyYaml("""
                unclassified:
                  stagedRollout:
                    repositoryRoot: "/srv/other"
                    mailReplies:
                      replyAddress: "rollouts+ea@example.org"
                      host: "imap.example.org"
                      credentialsId: "mailbox"
                """));
        assertTrue(
                messages(plus)
                        .contains("Mail replies: Reply address 'rollouts+ea@example.org' is not a plain mailbox"
                                + " address without '+'"),
                messages(plus));
        ConfiguratorException noLogin = assertThrows(ConfiguratorException.class, () -> applyYaml("""
                unclassified:
                  stagedRollout:
                    mailReplies:
                      replyAddress: "rollouts@example.org"
                      host: "imap.example.org"
                """));
        assertTrue(
                messages(noLogin)
                        .contains("Mail replies: The reply mailbox has no login; choose a \"Username with"
                                + " password\" credential."),
                messages(noLogin));
        ConfiguratorException spaced = assertThrows(ConfiguratorException.class, () -> applyYaml("""
                unclassified:
                  stagedRollout:
                    mailReplies:
                      replyAddress: "rollouts@example.org"
                      host: "imap.example.org"
                      credentialsId: "mailbox"
                      trustedAuthservId: "mx example.org"
                """));
        assertTrue(
                messages(spaced)
                        .contains("Mail replies: The trusted authserv-id 'mx example.org' is not a single name; give"
                                + " the name the receiving mail server writes first in its Authentication-Results"
                                + " header, e.g. mx.example.org"),
                messages(spaced));
        assertNull(StagedRolloutConfiguration.get().getMailReplies(), "replies stay off");
        assertPreviousConfiguration();
    }

    @Test
    void theSystemPageRefusesAMistypedTimeZoneAndKeepsThePreviousConfiguration() throws Exception {
        JenkinsRule.WebClient admin = j.createWebClient().login("admin").withThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = admin.goTo("manage/configure").getFormByName("config");
        form.getInputByName("_.timeZone").setValue("Europe/Amsterdm");
        form.getInputByName("_.repositoryRoot").setValue("/srv/other");
        String page = j.submit(form, "Submit").getWebResponse().getContentAsString();
        assertTrue(
                page.contains("Unknown time zone &quot;Europe/Amsterdm&quot;")
                        || page.contains("Unknown time zone \"Europe/Amsterdm\""),
                page);
        assertFalse(page.contains("at io.jenkins.plugins"), "no stack trace: " + page);
        assertPreviousConfiguration();
    }

    @Test
    void aBadTeamInTheFileAffectsOnlyTheRolloutsThatNameIt() throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        WorkflowRun waiting = startRelease(j, RELEASE_SCRIPT);
        awaitInvitations(j, waiting);

        // A team without a contact, in a file written by hand (or by a version that did not check it).
        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        EarlyAdopterTeamConfig bad = new EarlyAdopterTeamConfig(CYFRONET);
        bad.setMembers("carol");
        XmlFile file = configFile();
        String xml = file.asString()
                .replace(
                        "</teams>",
                        Jenkins.XSTREAM2.toXML(bad).replace("<?xml version=\"1.1\" encoding=\"UTF-8\"?>", "")
                                + "</teams>");
        Files.writeString(file.getFile().toPath(), xml, StandardCharsets.UTF_8);
        config.load();
        assertEquals(3, config.getTeams().size());

        // The waiting rollout does not use it: its page answers, answers are recorded.
        JenkinsRule.WebClient alice = j.createWebClient().login("alice");
        assertTrue(alice.goTo(waiting.getUrl() + "rollout/").asNormalizedText().contains(INFN));
        assertEquals(200, answer(j, waiting, "bob", KIT, "accept", null));

        // A rollout naming it finds the team unknown; the error says so, without a Java stack trace.
        WorkflowJob other = j.createProject(WorkflowJob.class, "other");
        other.setDefinition(new CpsFlowDefinition(RELEASE_SCRIPT.replace("'" + KIT + "'", "'" + CYFRONET + "'"), true));
        WorkflowRun naming = j.buildAndAssertStatus(Result.FAILURE, other);
        j.assertLogContains("Team " + CYFRONET + " is unknown", naming);
        j.assertLogNotContains("Exception", naming);

        assertEquals(200, post(j.createWebClient().login("manager"), waiting, "abort", "reason", "test over"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(waiting));
    }

    @Test
    void aBadTimeZoneInTheFileFailsTheRolloutWithTheFormMessage() throws Exception {
        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        XmlFile file = configFile();
        Files.writeString(
                file.getFile().toPath(),
                file.asString().replace("<timeZone>UTC</timeZone>", "<timeZone>Europe/Amsterdm</timeZone>"),
                StandardCharsets.UTF_8);
        config.load();
        assertEquals("Europe/Amsterdm", config.getTimeZone());

        WorkflowJob job = j.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition(RELEASE_SCRIPT, true));
        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains(
                "Unknown time zone \"Europe/Amsterdm\". Use a region id such as Europe/Amsterdam or UTC."
                        + " Correct it in Manage Jenkins > System > Staged Rollout.",
                build);
        j.assertLogNotContains("Exception", build);
    }

    /** Where the configuration is saved: {@code <JENKINS_HOME>/<class name>.xml}, as for every GlobalConfiguration. */
    private XmlFile configFile() {
        return new XmlFile(
                Jenkins.XSTREAM2,
                new File(j.jenkins.getRootDir(), StagedRolloutConfiguration.class.getName() + ".xml"));
    }

    @Test
    void configurationAsCodeRefusesABaseRepositoryThatIsNoPathNorUrl() throws Exception {
        ConfiguratorException refused = assertThrows(ConfiguratorException.class, () -> applyYaml("""
                unclassified:
                  stagedRollout:
                    repositoryRoot: "/srv/other"
                    baseRepositories:
                      - os: "el9"
                        arch: "x86_64"
                        locations: "mirror/almalinux/9/BaseOS"
                """));
        assertTrue(
                messages(refused)
                        .contains("Base repositories: The base repository 'mirror/almalinux/9/BaseOS' is neither an"
                                + " absolute path nor a file:, http: or https: URL."),
                messages(refused));
        assertTrue(messages(refused).contains("baseRepositories"), "names the field: " + messages(refused));
        assertTrue(StagedRolloutConfiguration.get().getBaseRepositories().isEmpty());
        assertPreviousConfiguration();
    }

    @Test
    void configurationAsCodeRefusesARepositoryUrlWithoutThePlatformAndKeepsThePreviousConfiguration() throws Exception {
        ConfiguratorException refused = assertThrows(ConfiguratorException.class, () -> applyYaml("""
                unclassified:
                  stagedRollout:
                    repositoryRoot: "/srv/other"
                    stackRepositories:
                      - stack: "UMD-4"
                        url: "https://repository.example.org/umd/4/testing/"
                """));
        assertTrue(
                messages(refused)
                        .contains("Repository URLs of the stages, stack \"UMD-4\": The repository URL"
                                + " 'https://repository.example.org/umd/4/testing/' lacks {os} or {arch}: each OS and"
                                + " architecture is a repository of its own; write it as e.g."
                                + " https://repository.example.org/umd/4/{stage}/{os}/{arch}/ The Staged Rollout"
                                + " configuration was left as it was."),
                messages(refused));
        assertTrue(messages(refused).contains("stackRepositories"), "names the field: " + messages(refused));
        ConfiguratorException badKey = assertThrows(ConfiguratorException.class, () -> applyYaml("""
                unclassified:
                  stagedRollout:
                    stackRepositories:
                      - stack: "UMD"
                        url: "https://repository.example.org/umd/{stage}/{os}/{arch}/"
                        gpgKey: "RPM-GPG-KEY-UMD"
                """));
        assertTrue(
                messages(badKey)
                        .contains("The gpgkey 'RPM-GPG-KEY-UMD' is not a URL. Give an http(s)://, ftp:// or"
                                + " file:// URL without spaces."),
                messages(badKey));
        assertTrue(StagedRolloutConfiguration.get().getStackRepositories().isEmpty());
        assertPreviousConfiguration();
    }

    @Test
    void theSystemPageChecksARepositoryUrlAsItIsTyped() {
        StackRepositoryConfig.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(StackRepositoryConfig.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            FormValidation noArch = descriptor.doCheckUrl("https://repository.example.org/umd/{stage}/{os}/");
            assertEquals(FormValidation.Kind.ERROR, noArch.kind);
            assertTrue(noArch.getMessage().contains("lacks {os} or {arch}"), noArch.getMessage());
            assertEquals(
                    FormValidation.Kind.OK, descriptor.doCheckUrl("file:///srv/repos/umd/{stage}/{os}/{arch}/").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckStack("UMD 4").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckStack("UMD-4").kind);
            assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckRepoGpgKey("key.asc").kind);
            assertEquals(FormValidation.Kind.OK, descriptor.doCheckGpgKey("").kind);
        }
    }

    private void applyYaml(String yaml) throws Exception {
        Path file = yamlDir.resolve("jenkins.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(file.toString());
    }

    /** The configuration of {@link RolloutTestSupport}, untouched. */
    private void assertPreviousConfiguration() {
        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        assertEquals("UTC", config.getTimeZone());
        assertEquals(repos.toString(), config.getRepositoryRoot());
        assertEquals(1, config.getAckWorkingDays());
        assertEquals(
                List.of(INFN, KIT),
                config.getTeams().stream().map(EarlyAdopterTeamConfig::getId).toList());
        // What is on disk is what is in force: a reload changes nothing.
        config.load();
        assertEquals("UTC", config.getTimeZone());
        assertEquals(repos.toString(), config.getRepositoryRoot());
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
