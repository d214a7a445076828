package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.mailreply.ReplyReader;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A reply that arrives while the controller is down is read after the restart: the reply token of the mail sent
 * before it is still this rollout's (the key is kept in JENKINS_HOME), and the answer ends the resumed wait.
 */
class MailReplyRestartTest {
    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path repos;

    private final TestMailServer mail = new TestMailServer(true);

    @AfterEach
    void stopMail() {
        mail.stop();
    }

    @Test
    void aReplyWaitingInTheMailboxDuringARestartIsRecordedAfterIt() throws Throwable {
        RolloutTestSupport.assumeCreaterepo();
        mail.start();
        sessions.then(j -> {
            RolloutTestSupport.setUp(j, repos);
            mail.useForJenkinsMail();
            mail.readRepliesFromMailbox();
            WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
            awaitInvitations(j, build);
            assertTrue(mail.greenMail().waitForIncomingEmail(10_000, 2), "two invitations arrive");
        });

        MimeMessage invitation = mail.invitationTo("infn-t1@example.org");
        mail.deliver(mail.reply("infn-t1@example.org", invitation, "accept NGI_IT-INFN-T1 installed on both CEs"));

        sessions.then(j -> {
            RolloutTestSupport.secure(j);
            mail.useForJenkinsMail();
            WorkflowRun build =
                    j.jenkins.getItemByFullName("release", WorkflowJob.class).getBuildByNumber(1);
            RolloutAction rollout = build.getAction(RolloutAction.class);

            ReplyReader.read(StagedRolloutConfiguration.get().getMailReplies());

            assertEquals(List.of(INFN), rollout.getView().accepted());
            assertEquals(
                    "installed on both CEs", rollout.getView().teams().get(0).comment());
            post(j.createWebClient().login("manager"), build, "decide", "decision", "ACCEPT", "reason", "by mail");
            j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
        });
    }
}
