package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RPM;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Label;
import hudson.model.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * promoteRepo signs repomd.xml with a secret key kept as a Secret file credential: a real key made by gpg, a real
 * promotion on an agent, and the signature checked by gpg against the key's owner home.
 */
@WithJenkins
class SigningKeyCredentialsTest {

    private static final String KEY_OWNER = "Release Signing <sign@example.org>";
    private static final String CREDENTIALS_ID = "umd-repo-signing-key";

    @TempDir
    Path repos;

    @TempDir
    Path ownerHome;

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        j = rule;
        RolloutTestSupport.setUp(j, repos);
        Files.setPosixFilePermissions(ownerHome, PosixFilePermissions.fromString("rwx------"));
        gpg("--passphrase", "", "--quick-gen-key", KEY_OWNER, "ed25519", "sign", "never");
        byte[] armored =
                gpg("--armor", "--export-secret-keys", "sign@example.org").out();
        CredentialsProvider.lookupStores(j.jenkins)
                .iterator()
                .next()
                .addCredentials(
                        Domain.global(),
                        new FileCredentialsImpl(
                                CredentialsScope.GLOBAL,
                                CREDENTIALS_ID,
                                "UMD repository signing key",
                                "signing-key.asc",
                                SecretBytes.fromBytes(armored)));
        j.createOnlineSlave(Label.get("repo"));
    }

    @AfterEach
    void stopAgent() throws Exception {
        new ProcessBuilder("gpgconf", "--homedir", ownerHome.toString(), "--kill", "all")
                .redirectErrorStream(true)
                .start()
                .waitFor();
    }

    private WorkflowRun promote(String signing) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "promote");
        job.setDefinition(new CpsFlowDefinition(
                "node('repo') { promoteRepo from: 'untested', to: 'testing', os: 'el9', arch: 'x86_64', packages: ['"
                        + RPM + "'], " + signing + " }",
                true));
        return j.waitForCompletion(job.scheduleBuild2(0).waitForStart());
    }

    @Test
    void repomdIsSignedWithTheKeyFromTheCredential() throws Exception {
        WorkflowRun build = promote("signingKeyCredentialsId: '" + CREDENTIALS_ID + "'");

        j.assertBuildStatus(Result.SUCCESS, build);
        Path repodata = repos.resolve("testing/el9/x86_64/repodata");
        String verified = gpg(
                        "--verify",
                        repodata.resolve("repomd.xml.asc").toString(),
                        repodata.resolve("repomd.xml").toString())
                .err();
        assertTrue(verified.contains("Good signature from \"" + KEY_OWNER + "\""), verified);
        // The key stays in the credentials store: not in the log, not in build.xml.
        assertFalse(JenkinsRule.getLog(build).contains("PRIVATE KEY"));
        assertFalse(Files.readString(build.getRootDir().toPath().resolve("build.xml"))
                .contains("PRIVATE KEY"));
    }

    @Test
    void unknownCredentialFailsNamingItAndPublishesNothing() throws Exception {
        WorkflowRun build = promote("signingKeyCredentialsId: 'no-such-key'");

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains(
                "No \"Secret file\" credentials with id no-such-key that this build may use. Add the armored secret"
                        + " key (gpg --export-secret-keys --armor KEYID) as a Secret file credential with that id,"
                        + " or correct the id.",
                build);
        assertEquals(List.of(), served(repos, "testing"));
    }

    @Test
    void credentialTogetherWithAGnupgHomeIsRefused() throws Exception {
        WorkflowRun build =
                promote("signingKeyCredentialsId: '" + CREDENTIALS_ID + "', gpgHome: '/srv/gnupg', signingKeyId: 'x'");

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains(
                "Signing key credentials " + CREDENTIALS_ID + " given together with gpgHome or signingKeyId. Give"
                        + " either signingKeyCredentialsId, or gpgHome with signingKeyId, not both.",
                build);
        assertEquals(List.of(), served(repos, "testing"));
    }

    @Test
    void gnupgHomeWithoutKeyIdIsRefusedInsteadOfPublishingUnsigned() throws Exception {
        WorkflowRun build = promote("gpgHome: '/srv/gnupg'");

        j.assertBuildStatus(Result.FAILURE, build);
        j.assertLogContains(
                "gpgHome /srv/gnupg given without signingKeyId, so nothing would be signed. Give the key id (or"
                        + " fingerprint, or e-mail) of the secret key in that home, or leave gpgHome out.",
                build);
        assertEquals(List.of(), served(repos, "testing"));
    }

    private record Gpg(byte[] out, String err) {}

    /** Runs gpg on the key owner's home (stdout kept apart: it is the key); fails the test on a non-zero exit. */
    private Gpg gpg(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", ownerHome.toString(), "--batch"));
        command.addAll(List.of(arguments));
        Path err = Files.createTempFile("gpg-", ".err");
        try {
            Process process =
                    new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            int exit = process.waitFor();
            String messages = Files.readString(err);
            assertEquals(0, exit, () -> String.join(" ", command) + ":\n" + messages);
            return new Gpg(out, messages);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
