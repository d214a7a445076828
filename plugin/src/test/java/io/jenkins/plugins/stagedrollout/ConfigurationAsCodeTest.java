package io.jenkins.plugins.stagedrollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.stagedrollout.config.MailReplyConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.closure.MetadataCompression;
import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.mailreply.MailboxSettings;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import io.jenkins.plugins.stagedrollout.core.repo.DependencyOptions;
import io.jenkins.plugins.stagedrollout.core.team.Roster;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import io.jenkins.plugins.stagedrollout.security.RealmMembershipPolicy;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The global configuration is configuration-as-code friendly: YAML in, the same values out. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void loadsAndExportsTheConfiguration(JenkinsConfiguredWithCodeRule j) throws Exception {
        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        assertEquals(ZoneId.of("Europe/Amsterdam"), config.toCalendar().zone());
        assertEquals(
                Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26")),
                config.toCalendar().holidays());
        assertEquals(2, config.toPolicy(null, null, null, null, false).answerWorkingDays());
        assertEquals(9, config.toPolicy(null, null, null, null, false).soakMaxDays());
        assertEquals("/srv/repos/umd", config.getRepositoryRoot());
        assertEquals(3, config.getKeepSnapshots());
        assertTrue(config.isSqliteDatabases());
        assertTrue(config.repositorySpec("/srv/repos/umd", null, null, null)
                .engineOptions(line -> {})
                .sqliteDatabases());
        assertEquals("xz", config.getMetadataCompression());
        assertEquals(
                java.util.Optional.of(MetadataCompression.XZ),
                config.repositorySpec("/srv/repos/umd", null, null, null)
                        .engineOptions(line -> {})
                        .metadataCompression());
        assertEquals("umd-repo-signing-key", config.getSigningKeyCredentialsId());

        Roster roster = config.toRoster(new RealmMembershipPolicy());
        assertEquals(2, roster.teams().size());
        assertEquals(
                "kit@example.org",
                roster.team(TeamId.parse("ea-NGI_DE-KIT"))
                        .orElseThrow()
                        .contacts()
                        .get(0));
        assertEquals(
                "ea-NGI_DE-KIT",
                roster.team(TeamId.parse("ea-NGI_DE-KIT")).orElseThrow().group());
        assertEquals(java.util.List.of("umd-manager@example.org"), roster.managerEmails("UMD"));

        DependencyOptions dependencies = config.repositorySpec("/srv/repos/umd", null, null, null)
                .engineOptions(line -> {})
                .dependencies();
        assertEquals(
                java.util.Map.of(
                        "el9/x86_64",
                        java.util.List.of(
                                "https://mirror.example.org/almalinux/9/BaseOS/x86_64/os",
                                "https://mirror.example.org/almalinux/9/AppStream/x86_64/os")),
                dependencies.baseRepositories());
        assertFalse(dependencies.checkEarlierStages());
        assertTrue(dependencies.multilib());

        TestingRepository umd4 = config.testingRepository(
                        Release.of("UMD-4", "bdii-site", "1.0.1-1"), "el9", "x86_64", true)
                .orElseThrow();
        assertEquals("""
                [UMD-4-testing]
                name=UMD-4 testing el9 x86_64 (staged rollout)
                baseurl=https://repository.example.org/umd/4/testing/el9/x86_64/
                enabled=0
                gpgcheck=1
                repo_gpgcheck=1
                gpgkey=https://repository.example.org/RPM-GPG-KEY-UMD-4 https://repository.example.org/RPM-GPG-KEY-UMD-4-repo
                """, umd4.repoFile());
        assertEquals(
                "https://repository.example.org/umd/testing/el8/aarch64/",
                config.testingRepository(Release.of("UMD-5", "bdii-site", "2.0.0-1"), "el8", "aarch64", false)
                        .orElseThrow()
                        .baseUrl());

        MailReplyConfig replies = config.getMailReplies();
        assertEquals("rollouts@example.org", replies.getReplyAddress());
        assertEquals("imap.example.org", replies.getHost());
        assertEquals(MailboxSettings.Security.TLS, replies.getSecurity());
        assertEquals("rollouts-mailbox", replies.getCredentialsId());
        assertEquals("INBOX", replies.getFolder());
        assertEquals("mx.example.org", replies.getTrustedAuthservId());
        assertEquals("mx.example.org", replies.trustedServer().orElseThrow().authservId());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("stagedRollout");
        String yaml = Util.toYamlString(exported);
        for (String expected : new String[] {
            "timeZone: \"Europe/Amsterdam\"",
            "id: \"ea-NGI_IT-INFN-T1\"",
            "group: \"ea-NGI_DE-KIT\"",
            "stack: \"UMD\"",
            "repositoryRoot: \"/srv/repos/umd\"",
            "soakMaxDays: 9",
            "signingKeyCredentialsId: \"umd-repo-signing-key\"",
            "sqliteDatabases: true",
            "metadataCompression: \"xz\"",
            "trustedAuthservId: \"mx.example.org\"",
            "os: \"el9\"",
            "stackRepositories:",
            "url: \"https://repository.example.org/umd/{stage}/{os}/{arch}/\"",
            "gpgKey: \"https://repository.example.org/RPM-GPG-KEY-UMD-4\"",
            "repoGpgKey: \"https://repository.example.org/RPM-GPG-KEY-UMD-4-repo\"",
            "checkDependenciesBeforeProduction: false",
            "multilib: true",
            "replyAddress: \"rollouts@example.org\"",
            "credentialsId: \"rollouts-mailbox\""
        }) {
            assertTrue(yaml.contains(expected), "export contains " + expected + ":\n" + yaml);
        }
    }
}
