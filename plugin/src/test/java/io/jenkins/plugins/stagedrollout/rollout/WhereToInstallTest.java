package io.jenkins.plugins.stagedrollout.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.stagedrollout.config.StackRepositoryConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.release.Release;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Which testing repository a rollout's teams are told to install from: the stack's entry (UMD-4 before UMD), the
 * platform of the last promotion into testing before the release's own, the metadata key only for a signed stage.
 */
@WithJenkins
class WhereToInstallTest {

    private static final Release UMD4 = Release.of("UMD-4", "bdii-site", "1.0.1-1", "el9", "x86_64");
    private static final Release NO_PLATFORM = Release.of("UMD-4", "bdii-site", "1.0.1-1");
    private static final String KEY = "https://repository.example.org/RPM-GPG-KEY-UMD";
    private static final String REPO_KEY = "https://repository.example.org/RPM-GPG-KEY-UMD-repo";

    @Test
    void theTestingStageOfTheStackForThePromotedPlatform(JenkinsRule j) {
        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        StackRepositoryConfig umd =
                new StackRepositoryConfig("UMD", "https://repository.example.org/umd/{stage}/{os}/{arch}/");
        umd.setGpgKey(KEY);
        umd.setRepoGpgKey(REPO_KEY);
        StackRepositoryConfig umd4 =
                new StackRepositoryConfig("UMD-4", "https://umd4.example.org/{stage}/{os}/{arch}/");
        config.setStackRepositories(List.of(umd, umd4));

        // UMD-4 names the release's stack exactly and wins over the bare UMD listed first; the release's platform.
        TestingRepository exact = WhereToInstall.of(UMD4, List.of(), config).orElseThrow();
        assertEquals("UMD-4-testing", exact.repoId());
        assertEquals("https://umd4.example.org/testing/el9/x86_64/", exact.baseUrl());

        // A bare UMD serves every other UMD release; the platform last promoted into testing counts.
        Release umd5 = Release.of("UMD-5", "bdii-site", "1.0.1-1");
        List<PromotionRecord> promotions = List.of(
                promotion(config, "testing", "el9", "x86_64", false),
                promotion(config, "testing", "el9", "aarch64", false),
                promotion(config, "production", "el8", "x86_64", false));
        TestingRepository bare = WhereToInstall.of(umd5, promotions, config).orElseThrow();
        assertEquals("https://repository.example.org/umd/testing/el9/aarch64/", bare.baseUrl());
        assertTrue(bare.repoFile().contains("gpgcheck=1\ngpgkey=" + KEY + "\n"), bare.repoFile());
        assertFalse(bare.repoFile().contains("repo_gpgcheck"), "an unsigned stage: " + bare.repoFile());

        // A promotion that signed the stage: dnf checks repomd.xml too, with the metadata key.
        TestingRepository signed = WhereToInstall.of(
                        umd5, List.of(promotion(config, "testing", "el9", "x86_64", true)), config)
                .orElseThrow();
        assertTrue(
                signed.repoFile().contains("repo_gpgcheck=1\ngpgkey=" + KEY + " " + REPO_KEY + "\n"),
                signed.repoFile());

        // No platform known (none in the release, nothing promoted yet), no entry for the stack: nothing to say.
        assertEquals(Optional.empty(), WhereToInstall.of(NO_PLATFORM, List.of(), config));
        assertEquals(
                Optional.empty(),
                WhereToInstall.of(Release.of("EMI-3", "bdii-site", "1.0.1-1", "el9", "x86_64"), List.of(), config));
    }

    @Test
    void theTestingStageIsTheOneBeforeTheLast(JenkinsRule j) {
        StagedRolloutConfiguration config = StagedRolloutConfiguration.get();
        config.setStages("untested,candidate,production");
        config.setStackRepositories(
                List.of(new StackRepositoryConfig("UMD", "file:///srv/repos/umd/{stage}/{os}/{arch}/")));
        TestingRepository candidate = WhereToInstall.of(UMD4, List.of(), config).orElseThrow();
        assertEquals("file:///srv/repos/umd/candidate/el9/x86_64/", candidate.baseUrl());
        assertEquals(
                "dnf --refresh --enablerepo=UMD-4-candidate install a-1-1.noarch",
                candidate.dnfInstall(List.of("a-1-1.noarch")));
    }

    private static PromotionRecord promotion(
            StagedRolloutConfiguration config, String to, String os, String arch, boolean signed) {
        return new PromotionRecord(
                "",
                config.repositorySpec("/srv/repos/umd", null, null, signed ? "umd-signing-key" : null),
                List.of("bdii-site-1.0.1-1.noarch.rpm"),
                "testing".equals(to) ? "untested" : "testing",
                to,
                os,
                arch,
                "s1",
                List.of("bdii-site-1.0.1-1.noarch.rpm"),
                null);
    }
}
