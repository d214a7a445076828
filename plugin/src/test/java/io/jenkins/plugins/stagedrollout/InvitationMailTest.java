package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.answer;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Invitations go through Jenkins' own mail configuration to a real SMTP server on loopback. */
@WithJenkins
class InvitationMailTest {

    @TempDir
    Path repos;

    private final TestMailServer mail = new TestMailServer(false);

    @AfterEach
    void stopSmtp() {
        mail.stop();
    }

    @Test
    void invitationsAndOutcomeAreMailed(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        mail.start();
        mail.useForJenkinsMail();
        GreenMail smtp = mail.greenMail();

        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        RolloutAction rollout = awaitInvitations(j, build);

        assertTrue(smtp.waitForIncomingEmail(10_000, 2), "two invitations arrive");
        MimeMessage[] invitations = smtp.getReceivedMessages();
        List<String> to = Arrays.stream(invitations)
                .map(m -> String.join(",", TestMailServer.recipients(m)))
                .sorted()
                .toList();
        assertEquals(List.of("infn-t1@example.org", "kit@example.org"), to);
        for (MimeMessage m : invitations) {
            assertTrue(m.getSubject().contains("Staged Rollout UMD-4 bdii-site 1.0.1-1 el9 x86_64"), m.getSubject());
            assertEquals("staged-rollout@example.org", m.getFrom()[0].toString());
            String body = GreenMailUtil.getBody(m);
            assertTrue(
                    body.contains(rollout.getRollout().absoluteUrl()),
                    "the invitation links to the answer page: " + body);
            String team = m.getSubject().substring(m.getSubject().lastIndexOf(' ') + 1);
            assertTrue(
                    body.contains(j.getURL() + "staged-rollouts/?team=" + team),
                    "and to the team's view of the Staged Rollouts page: " + body);
        }
        assertEquals(List.of(), rollout.getDeliveryProblems());

        answer(j, build, "alice", RolloutTestSupport.INFN, "accept", null);
        post(j.createWebClient().login("manager"), build, "decide", "decision", "ACCEPT", "reason", "works at INFN");
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
        assertTrue(smtp.waitForIncomingEmail(10_000, 3), "the outcome is mailed too");
        assertTrue(Arrays.stream(smtp.getReceivedMessages())
                .anyMatch(m -> TestMailServer.recipients(m).contains("umd-manager@example.org")));
    }
}
