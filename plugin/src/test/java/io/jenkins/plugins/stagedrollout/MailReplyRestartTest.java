package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import hudson.model.Result;
import hudson.tasks.Mailer;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.MailReplyConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.mailreply.MailboxSettings;
import io.jenkins.plugins.stagedrollout.mail.ReplyReader;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
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

    private final GreenMail mail = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
    });

    @AfterEach
    void stopMail() {
        mail.stop();
    }

    @Test
    void aReplyWaitingInTheMailboxDuringARestartIsRecordedAfterIt() throws Throwable {
        RolloutTestSupport.assumeCreaterepo();
        mail.start();
        GreenMailUser mailbox = mail.setUser("rollouts@example.org", "rollouts", "secret");
        sessions.then(j -> {
            RolloutTestSupport.setUp(j, repos);
            useMailServer();
            SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
            credentials
                    .getCredentials()
                    .add(new UsernamePasswordCredentialsImpl(
                            CredentialsScope.GLOBAL, "mailbox", "reply mailbox", "rollouts", "secret"));
            credentials.save();
            MailReplyConfig replies = new MailReplyConfig("rollouts@example.org", "127.0.0.1");
            replies.setPort(mail.getImap().getPort());
            replies.setSecurity(MailboxSettings.Security.NONE);
            replies.setCredentialsId("mailbox");
            StagedRolloutConfiguration.get().setMailReplies(replies);

            WorkflowJob job = j.createProject(WorkflowJob.class, "release");
            job.setDefinition(new CpsFlowDefinition(RELEASE_SCRIPT, true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            awaitInvitations(j, build);
            assertTrue(mail.waitForIncomingEmail(10_000, 2), "two invitations arrive");
        });

        MimeMessage invitation = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipients(m).contains("infn-t1@example.org"))
                .findFirst()
                .orElseThrow();
        MimeMessage reply = new MimeMessage(mail.getSmtp().createSession());
        reply.setFrom(new InternetAddress("infn-t1@example.org"));
        reply.setRecipients(Message.RecipientType.TO, invitation.getReplyTo());
        reply.setSubject("Re: " + invitation.getSubject());
        reply.setText("accept NGI_IT-INFN-T1 installed on both CEs\n\n> "
                + GreenMailUtil.getBody(invitation).replace("\n", "\n> "));
        reply.saveChanges();
        mailbox.deliver(reply);

        sessions.then(j -> {
            RolloutTestSupport.secure(j);
            useMailServer();
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

    private void useMailServer() {
        Mailer.descriptor().setSmtpHost("127.0.0.1");
        Mailer.descriptor().setSmtpPort(String.valueOf(mail.getSmtp().getPort()));
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString)
                    .toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
