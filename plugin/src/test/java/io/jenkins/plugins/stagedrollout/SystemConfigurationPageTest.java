package io.jenkins.plugins.stagedrollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.stagedrollout.config.BaseRepositoryConfig;
import io.jenkins.plugins.stagedrollout.config.EarlyAdopterTeamConfig;
import io.jenkins.plugins.stagedrollout.config.MailReplyConfig;
import io.jenkins.plugins.stagedrollout.config.StackManagerConfig;
import io.jenkins.plugins.stagedrollout.config.StackRepositoryConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.mailreply.MailboxSettings;
import java.util.List;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Manage Jenkins > System with the plugin's section: it renders whole (a Jelly error in the section cut the
 * page off there, Save button included) and saving the form keeps every setting, the advanced ones too.
 */
@WithJenkins
class SystemConfigurationPageTest {

    @Test
    void systemPageRendersTheSectionAndTheSaveButton(JenkinsRule j) throws Exception {
        configureEverything();

        HtmlPage page = j.createWebClient().goTo("manage/configure");
        HtmlForm form = page.getFormByName("config");

        assertTrue(page.asNormalizedText().contains("Staged Rollout"), "the section is on the page");
        assertEquals(
                RolloutTestSupport.INFN, form.getInputsByName("_.id").get(0).getValue());
        assertEquals("UMD", form.getInputsByName("_.stack").get(0).getValue());
        assertEquals("/srv/repos/umd", form.getInputByName("_.repositoryRoot").getValue());
        // Jenkins' own URL field is a "_.url" too.
        assertTrue(
                form.getInputsByName("_.url").stream()
                        .anyMatch(
                                i -> i.getValue().equals("https://repository.example.org/umd/4/{stage}/{os}/{arch}/")),
                "the stack's repository URL is on the page");
        // The last field of the section, inside the advanced part: rendered only if the section is whole.
        assertEquals("rollout@example.org", form.getInputByName("_.mailFrom").getValue());
        assertFalse(
                form.getElementsByTagName("button").stream()
                        .filter(b -> "Submit".equals(b.getAttribute("name")))
                        .toList()
                        .isEmpty(),
                "the page ends with its Save button");
    }

    @Test
    void savingTheSystemPageKeepsEverySetting(JenkinsRule j) throws Exception {
        configureEverything();

        // Clicks Save on the rendered page: fails if the page has no Save button.
        j.submit(j.createWebClient().goTo("manage/configure").getFormByName("config"), "Submit");

        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        assertEquals(1, config.getTeams().size());
        EarlyAdopterTeamConfig team = config.getTeams().get(0);
        assertEquals(RolloutTestSupport.INFN, team.getId());
        assertEquals("infn@example.org", team.getContacts());
        assertEquals("alice", team.getMembers());
        assertEquals(1, config.getManagers().size());
        StackManagerConfig managers = config.getManagers().get(0);
        assertEquals("UMD", managers.getStack());
        assertEquals("manager", managers.getUsers());
        assertEquals("umd-manager@example.org", managers.getEmails());
        assertEquals("Europe/Rome", config.getTimeZone());
        assertEquals("2026-12-25", config.getHolidays());
        assertEquals(2, config.getAckWorkingDays());
        assertEquals(6, config.getSoakMinDays());
        assertEquals(8, config.getSoakMaxDays());
        assertEquals(2, config.getMinAccepts());
        assertEquals("/srv/repos/umd", config.getRepositoryRoot());
        assertEquals("{os}/{arch}/{stage}", config.getLayoutTemplate());
        assertEquals("untested,testing,production,archive", config.getStages());
        assertEquals("/usr/local/bin/createrepo_c", config.getCreaterepoPath());
        assertEquals(3, config.getKeepSnapshots());
        assertTrue(config.isSqliteDatabases(), "sqliteDatabases kept");
        assertEquals("rollout@example.org", config.getMailFrom());
        assertEquals(1, config.getBaseRepositories().size());
        BaseRepositoryConfig baseos = config.getBaseRepositories().get(0);
        assertEquals("el9", baseos.getOs());
        assertEquals("x86_64", baseos.getArch());
        assertEquals(
                "https://mirror.example.org/almalinux/9/BaseOS/x86_64/os\n/srv/mirror/epel/9/x86_64",
                baseos.getLocations());
        assertEquals(1, config.getStackRepositories().size());
        StackRepositoryConfig umd4 = config.getStackRepositories().get(0);
        assertEquals("UMD-4", umd4.getStack());
        assertEquals("https://repository.example.org/umd/4/{stage}/{os}/{arch}/", umd4.getUrl());
        assertEquals("https://repository.example.org/RPM-GPG-KEY-UMD-4", umd4.getGpgKey());
        assertEquals("https://repository.example.org/RPM-GPG-KEY-UMD-4-repo", umd4.getRepoGpgKey());
        assertFalse(config.isCheckDependenciesBeforeProduction(), "checkDependenciesBeforeProduction kept");
        assertTrue(config.isMultilib(), "multilib kept");
        MailReplyConfig replies = config.getMailReplies();
        assertEquals("rollouts@example.org", replies.getReplyAddress());
        assertEquals("imap.example.org", replies.getHost());
        assertEquals(143, replies.getPort());
        assertEquals(MailboxSettings.Security.STARTTLS, replies.getSecurity());
        assertEquals("mailbox", replies.getCredentialsId());
        assertEquals(10, replies.getPollMinutes());
        assertEquals("Staged", replies.getFolder());
        assertEquals("Staged/done", replies.getProcessedFolder());
        assertEquals("Staged/refused", replies.getRefusedFolder());
    }

    @Test
    void uncheckingMailRepliesTurnsThemOff(JenkinsRule j) throws Exception {
        configureEverything();
        HtmlForm form = j.createWebClient().goTo("manage/configure").getFormByName("config");
        form.getInputByName("_.mailReplies").setChecked(false);
        j.submit(form, "Submit");
        assertNull(StagedRolloutConfiguration.get().getMailReplies(), "replies are no longer read");
    }

    /** Every field away from its default, so that a field the form drops shows as a changed value. */
    private static void configureEverything() {
        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        EarlyAdopterTeamConfig team = new EarlyAdopterTeamConfig(RolloutTestSupport.INFN);
        team.setContacts("infn@example.org");
        team.setMembers("alice");
        StackManagerConfig managers = new StackManagerConfig("UMD");
        managers.setUsers("manager");
        managers.setEmails("umd-manager@example.org");
        config.setTeams(List.of(team));
        config.setManagers(List.of(managers));
        config.setTimeZone("Europe/Rome");
        config.setHolidays("2026-12-25");
        config.setAckWorkingDays(2);
        config.setSoakMinDays(6);
        config.setSoakMaxDays(8);
        config.setMinAccepts(2);
        config.setRepositoryRoot("/srv/repos/umd");
        config.setLayoutTemplate("{os}/{arch}/{stage}");
        config.setStages("untested,testing,production,archive");
        config.setCreaterepoPath("/usr/local/bin/createrepo_c");
        config.setKeepSnapshots(3);
        config.setSqliteDatabases(true);
        config.setMailFrom("rollout@example.org");
        BaseRepositoryConfig baseos = new BaseRepositoryConfig("el9", "x86_64");
        baseos.setLocations("https://mirror.example.org/almalinux/9/BaseOS/x86_64/os\n/srv/mirror/epel/9/x86_64");
        config.setBaseRepositories(List.of(baseos));
        StackRepositoryConfig umd4 =
                new StackRepositoryConfig("UMD-4", "https://repository.example.org/umd/4/{stage}/{os}/{arch}/");
        umd4.setGpgKey("https://repository.example.org/RPM-GPG-KEY-UMD-4");
        umd4.setRepoGpgKey("https://repository.example.org/RPM-GPG-KEY-UMD-4-repo");
        config.setStackRepositories(List.of(umd4));
        config.setCheckDependenciesBeforeProduction(false);
        config.setMultilib(true);
        MailReplyConfig replies = new MailReplyConfig("rollouts@example.org", "imap.example.org");
        replies.setPort(143);
        replies.setSecurity(MailboxSettings.Security.STARTTLS);
        replies.setCredentialsId("mailbox");
        replies.setPollMinutes(10);
        replies.setFolder("Staged");
        replies.setProcessedFolder("Staged/done");
        replies.setRefusedFolder("Staged/refused");
        config.setMailReplies(replies);
    }
}
