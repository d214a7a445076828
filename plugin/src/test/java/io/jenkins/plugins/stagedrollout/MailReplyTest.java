package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import hudson.model.Result;
import hudson.model.User;
import hudson.tasks.Mailer;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.MailReplyConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.mailreply.MailboxPoller;
import io.jenkins.plugins.stagedrollout.core.mailreply.MailboxSettings;
import io.jenkins.plugins.stagedrollout.core.rollout.TeamView;
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
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Early Adopters answer by replying to the invitation: Jenkins mails through a real SMTP server and reads the reply
 * mailbox over real IMAP (GreenMail on loopback), as the configured reader does on its period.
 */
@WithJenkins
class MailReplyTest {
    private static final String MAILBOX = "rollouts@example.org";

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
    void repliesToTheInvitationsAreTheTeamsAnswers(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        mail.start();
        GreenMailUser mailbox = mail.setUser(MAILBOX, "rollouts", "secret");
        Mailer.descriptor().setSmtpHost("127.0.0.1");
        Mailer.descriptor().setSmtpPort(String.valueOf(mail.getSmtp().getPort()));
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "mailbox", "reply mailbox", "rollouts", "secret"));
        MailReplyConfig replies = new MailReplyConfig(MAILBOX, "127.0.0.1");
        replies.setPort(mail.getImap().getPort());
        replies.setSecurity(MailboxSettings.Security.NONE);
        replies.setCredentialsId("mailbox");
        StagedRolloutConfiguration.get().setMailReplies(replies);
        User.getById("bob", true).addProperty(new Mailer.UserProperty("bob@kit.example.org"));

        WorkflowJob job = j.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition(RELEASE_SCRIPT, true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        RolloutAction rollout = awaitInvitations(j, build);
        assertTrue(mail.waitForIncomingEmail(10_000, 2), "two invitations arrive");
        MimeMessage toInfn = invitationTo("infn-t1@example.org");
        MimeMessage toKit = invitationTo("kit@example.org");
        String infnReplyTo = toInfn.getReplyTo()[0].toString();
        assertTrue(infnReplyTo.matches("rollouts\\+sr-[0-9a-f]{24}@example\\.org"), infnReplyTo);
        assertTrue(GreenMailUtil.getBody(toInfn).contains("reply to this mail with one line"));

        // a stranger cannot answer for KIT; KIT's member bob, known by his own address, can; INFN's contact accepts
        mailbox.deliver(reply("mallory@evil.example.net", toKit, "accept NGI_DE-KIT"));
        mailbox.deliver(reply("bob@kit.example.org", toKit, "reject NGI_DE-KIT our BDII does not start"));
        MimeMessage infnAccept = reply("infn-t1@example.org", toInfn, "Accept NGI_IT-INFN-T1");
        mailbox.deliver(infnAccept);
        // Jenkins' timer may read the mailbox too; either way each mail is decided once
        MailboxPoller.Report report = ReplyReader.read(replies);

        assertEquals(List.of(), report.problems());
        assertEquals(0, messagesIn(mailbox, "INBOX"), "every mail is filed");
        assertEquals(2, messagesIn(mailbox, "processed"));
        assertEquals(1, messagesIn(mailbox, "refused"));
        TeamView infn = teamView(rollout, RolloutTestSupport.INFN);
        assertEquals("ACCEPTED", infn.status());
        assertEquals("infn-t1@example.org", infn.answeredBy());
        assertTrue(rollout.hasMailAnswer(infnAccept.getMessageID()), "the answer names the mail it came from");
        TeamView kit = teamView(rollout, RolloutTestSupport.KIT);
        assertEquals("REJECTED", kit.status());
        assertEquals("bob", kit.answeredBy());
        assertEquals("our BDII does not start", kit.comment());
        assertTrue(
                Arrays.stream(mail.getReceivedMessages())
                        .anyMatch(m -> recipients(m).contains("mallory@evil.example.net")
                                && GreenMailUtil.getBody(m).contains("not recorded")),
                "the stranger is told why nothing was recorded");

        // a second delivery of the same mail changes nothing
        mailbox.deliver(infnAccept);
        ReplyReader.read(replies);
        assertEquals(1, teamView(rollout, RolloutTestSupport.INFN).answerChanges());
        assertEquals(3, messagesIn(mailbox, "processed"), "the second copy is filed as processed");

        post(j.createWebClient().login("manager"), build, "decide", "decision", "ACCEPT", "reason", "INFN ran it");
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
    }

    private int messagesIn(GreenMailUser user, String folder) throws Exception {
        MailFolder f = mail.getManagers().getImapHostManager().getFolder(user, folder);
        return f == null ? 0 : f.getMessageCount();
    }

    private MimeMessage invitationTo(String contact) throws Exception {
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getSubject().contains("invitation") && recipients(m).contains(contact)) {
                return m;
            }
        }
        throw new AssertionError("no invitation to " + contact);
    }

    private MimeMessage reply(String from, MimeMessage invitation, String text) throws Exception {
        MimeMessage m = new MimeMessage(mail.getSmtp().createSession());
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, invitation.getReplyTo());
        m.setSubject("Re: " + invitation.getSubject());
        m.setText(text + "\n\nOn Wed, staged-rollout@example.org wrote:\n> " + GreenMailUtil.getBody(invitation));
        m.saveChanges();
        return m;
    }

    private static TeamView teamView(RolloutAction rollout, String team) {
        return rollout.getTeams().stream()
                .filter(t -> t.team().equals(team))
                .findFirst()
                .orElseThrow();
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
