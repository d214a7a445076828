package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RELEASE_SCRIPT;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.startRelease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.tasks.Mailer;
import hudson.util.FormValidation;
import io.jenkins.plugins.stagedrollout.action.RolloutAction;
import io.jenkins.plugins.stagedrollout.config.MailReplyConfig;
import io.jenkins.plugins.stagedrollout.core.mailreply.MailboxPoller;
import io.jenkins.plugins.stagedrollout.core.rollout.TeamView;
import io.jenkins.plugins.stagedrollout.mailreply.ReplyReader;
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

/**
 * Early Adopters answer by replying to the invitation: Jenkins mails through a real SMTP server and reads the reply
 * mailbox over real IMAP (GreenMail on loopback), as the configured reader does on its period.
 */
@WithJenkins
class MailReplyTest {
    @TempDir
    Path repos;

    private final TestMailServer mail = new TestMailServer(true);

    @AfterEach
    void stopMail() {
        mail.stop();
    }

    @Test
    void repliesToTheInvitationsAreTheTeamsAnswers(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        mail.start();
        mail.useForJenkinsMail();
        MailReplyConfig replies = mail.readRepliesFromMailbox();
        User.getById("bob", true).addProperty(new Mailer.UserProperty("bob@kit.example.org"));

        WorkflowRun build = startRelease(j, RELEASE_SCRIPT);
        RolloutAction rollout = awaitInvitations(j, build);
        assertTrue(mail.greenMail().waitForIncomingEmail(10_000, 2), "two invitations arrive");
        MimeMessage toInfn = mail.invitationTo("infn-t1@example.org");
        MimeMessage toKit = mail.invitationTo("kit@example.org");
        String infnReplyTo = toInfn.getReplyTo()[0].toString();
        assertTrue(infnReplyTo.matches("rollouts\\+sr-[0-9a-f]{24}@example\\.org"), infnReplyTo);
        assertTrue(GreenMailUtil.getBody(toInfn).contains("reply to this mail with one line"));

        // a stranger cannot answer for KIT; KIT's member bob, known by his own address, can; INFN's contact accepts
        mail.deliver(mail.reply("mallory@evil.example.net", toKit, "accept NGI_DE-KIT"));
        mail.deliver(mail.reply("bob@kit.example.org", toKit, "reject NGI_DE-KIT our BDII does not start"));
        MimeMessage infnAccept = mail.reply("infn-t1@example.org", toInfn, "Accept NGI_IT-INFN-T1");
        mail.deliver(infnAccept);
        // Jenkins' timer may read the mailbox too; either way each mail is decided once
        MailboxPoller.Report report = ReplyReader.read(replies);

        assertEquals(List.of(), report.problems());
        assertEquals(0, mail.messagesIn("INBOX"), "every mail is filed");
        assertEquals(2, mail.messagesIn("processed"));
        assertEquals(1, mail.messagesIn("refused"));
        TeamView infn = teamView(rollout, RolloutTestSupport.INFN);
        assertEquals("ACCEPTED", infn.status());
        assertEquals("infn-t1@example.org", infn.answeredBy());
        assertTrue(
                rollout.getRollout().hasMailAnswer(infnAccept.getMessageID()),
                "the answer names the mail it came from");
        TeamView kit = teamView(rollout, RolloutTestSupport.KIT);
        assertEquals("REJECTED", kit.status());
        assertEquals("bob", kit.answeredBy());
        assertEquals("our BDII does not start", kit.comment());
        assertTrue(
                Arrays.stream(mail.greenMail().getReceivedMessages())
                        .noneMatch(m -> TestMailServer.recipients(m).contains("mallory@evil.example.net")),
                "nothing is mailed to a stranger (no backscatter)");

        // a second delivery of the same mail changes nothing
        mail.deliver(infnAccept);
        ReplyReader.read(replies);
        assertEquals(1, teamView(rollout, RolloutTestSupport.INFN).answerChanges());
        assertEquals(3, mail.messagesIn("processed"), "the second copy is filed as processed");

        // with the receiving server trusted, KIT's contact address alone no longer counts: DMARC failed
        replies.setTrustedAuthservId("mx.example.org");
        MimeMessage unverified = mail.reply("kit@example.org", toKit, "accept NGI_DE-KIT");
        unverified.addHeader("Authentication-Results", "mx.example.org; dmarc=fail header.from=example.org");
        unverified.saveChanges();
        mail.deliver(unverified);
        String unverifiedId = unverified.getMessageID();
        ReplyReader.read(replies); // or the timer, with the same settings: either way it is decided once
        assertEquals("REJECTED", teamView(rollout, RolloutTestSupport.KIT).status());
        assertEquals(2, mail.messagesIn("refused"));
        assertTrue(
                Arrays.stream(mail.greenMail().getReceivedMessages())
                        .noneMatch(m -> GreenMailUtil.getBody(m).contains(unverifiedId)),
                "an unverified mail is not answered");

        post(j.createWebClient().login("manager"), build, "decide", "decision", "ACCEPT", "reason", "INFN ran it");
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
    }

    @Test
    void theTestButtonLogsInCountsAndNamesWhatIsWrong(JenkinsRule j) throws Exception {
        RolloutTestSupport.setUp(j, repos);
        mail.start();
        MailReplyConfig replies = mail.readRepliesFromMailbox();
        mail.deliver(mail.reply("infn-t1@example.org", mail.invitationLike("infn-t1@example.org"), "accept x"));
        MailReplyConfig.DescriptorImpl form = j.jenkins.getDescriptorByType(MailReplyConfig.DescriptorImpl.class);
        String port = String.valueOf(replies.getPort());
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            FormValidation ok =
                    form.doTestConnection(TestMailServer.MAILBOX, "127.0.0.1", port, "NONE", "mailbox", "INBOX");
            assertEquals(FormValidation.Kind.OK, ok.kind, ok.getMessage());
            assertEquals("Logged in: 1 mail(s) waiting in INBOX.", ok.getMessage());
            assertEquals(1, mail.messagesIn("INBOX"), "the test moves nothing");

            FormValidation noFolder =
                    form.doTestConnection(TestMailServer.MAILBOX, "127.0.0.1", port, "NONE", "mailbox", "Staged");
            assertEquals(FormValidation.Kind.ERROR, noFolder.kind);
            assertTrue(
                    noFolder.getMessage().contains("The reply folder &#039;Staged&#039; does not exist"),
                    noFolder.getMessage());

            FormValidation badPort =
                    form.doTestConnection(TestMailServer.MAILBOX, "127.0.0.1", "imap", "NONE", "mailbox", "INBOX");
            assertTrue(
                    badPort.getMessage().contains("IMAP port &quot;imap&quot; is not a number"), badPort.getMessage());

            FormValidation noCredential =
                    form.doTestConnection(TestMailServer.MAILBOX, "127.0.0.1", port, "NONE", "nobody", "INBOX");
            assertTrue(
                    noCredential.getMessage().contains("The reply mailbox credential &#039;nobody&#039; was not found"),
                    noCredential.getMessage());
        }
    }

    private static TeamView teamView(RolloutAction rollout, String team) {
        return rollout.getTeams().stream()
                .filter(t -> t.team().equals(team))
                .findFirst()
                .orElseThrow();
    }
}
