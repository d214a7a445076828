package io.jenkins.plugins.stagedrollout;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import hudson.model.Descriptor;
import hudson.tasks.Mailer;
import io.jenkins.plugins.stagedrollout.config.MailReplyConfig;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.mailreply.MailboxSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP and IMAP server on loopback (GreenMail) for the mail tests: Jenkins' Mailer sends through it, and its
 * mailbox {@code rollouts@example.org} is the reply mailbox, read with the credential {@code mailbox}.
 */
final class TestMailServer {
    static final String MAILBOX = "rollouts@example.org";

    private final GreenMail mail;
    private GreenMailUser mailbox;

    TestMailServer(boolean imap) {
        ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        mail = imap
                ? new GreenMail(new ServerSetup[] {smtp, new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                : new GreenMail(smtp);
    }

    void start() {
        mail.start();
        mailbox = mail.setUser(MAILBOX, "rollouts", "secret");
    }

    void stop() {
        mail.stop();
    }

    GreenMail greenMail() {
        return mail;
    }

    /** Jenkins' Mailer sends through this server (not kept across a restart by the test harness: set it each time). */
    void useForJenkinsMail() {
        Mailer.descriptor().setSmtpHost("127.0.0.1");
        Mailer.descriptor().setSmtpPort(String.valueOf(mail.getSmtp().getPort()));
    }

    /** Turns on reading replies from this server's mailbox, with a saved credential. */
    MailReplyConfig readRepliesFromMailbox() throws IOException, Descriptor.FormException {
        SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
        credentials
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "mailbox", "reply mailbox", "rollouts", "secret"));
        credentials.save();
        MailReplyConfig replies = new MailReplyConfig(MAILBOX, "127.0.0.1");
        replies.setPort(mail.getImap().getPort());
        replies.setSecurity(MailboxSettings.Security.NONE);
        replies.setCredentialsId("mailbox");
        StagedRolloutConfiguration.get().setMailReplies(replies);
        return replies;
    }

    MimeMessage invitationTo(String contact) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> subject(m).contains("invitation") && recipients(m).contains(contact))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no invitation to " + contact));
    }

    /** A mail like an invitation to {@code contact}, for tests that need a reply but no rollout. */
    MimeMessage invitationLike(String contact) throws MessagingException {
        MimeMessage m = new MimeMessage(mail.getSmtp().createSession());
        m.setFrom(new InternetAddress("staged-rollout@example.org"));
        m.setRecipients(Message.RecipientType.TO, contact);
        m.setReplyTo(new InternetAddress[] {new InternetAddress(MAILBOX)});
        m.setSubject("Staged Rollout UMD-4 bdii-site 1.0.1-1: invitation");
        m.setText("Please answer.");
        m.saveChanges();
        return m;
    }

    /** A reply as a mail client writes it: to the Reply-To, "Re:" subject, the invitation quoted below. */
    MimeMessage reply(String from, MimeMessage invitation, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(mail.getSmtp().createSession());
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, invitation.getReplyTo());
        m.setSubject("Re: " + invitation.getSubject());
        m.setText(text + "\n\nOn Wed, staged-rollout@example.org wrote:\n> "
                + GreenMailUtil.getBody(invitation).replace("\n", "\n> "));
        m.saveChanges();
        return m;
    }

    /** Puts a mail into the reply mailbox, as the server does with one sent to its plus address. */
    void deliver(MimeMessage m) {
        mailbox.deliver(m);
    }

    int messagesIn(String folder) throws Exception {
        MailFolder f = mail.getManagers().getImapHostManager().getFolder(mailbox, folder);
        return f == null ? 0 : f.getMessageCount();
    }

    static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString)
                    .toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
