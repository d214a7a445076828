package io.jenkins.plugins.stagedrollout.core.notify;

import io.jenkins.plugins.stagedrollout.core.install.TestingRepository;
import io.jenkins.plugins.stagedrollout.core.release.ReleaseLinks;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;

/** Sends notifications as plain-text mail through the given session (the plugin passes Jenkins' mail session). */
public final class JakartaMailNotifier implements Notifier {
    private final Session session;
    private final InternetAddress from;
    private final ZoneId zone;
    private final String teamPages;
    private final ReplyAddresses replies;
    private final TestingRepository testing;

    public JakartaMailNotifier(Session session, String fromAddress) {
        this(session, fromAddress, ZoneOffset.UTC);
    }

    /** {@code zone}: where deadlines are shown in local time, normally the working calendar's zone. */
    public JakartaMailNotifier(Session session, String fromAddress, ZoneId zone) {
        this(session, fromAddress, zone, null);
    }

    /** {@code teamPages}: the host's page of rollouts by team, linked from invitations and reminders; null for none. */
    public JakartaMailNotifier(Session session, String fromAddress, ZoneId zone, String teamPages) {
        this(session, fromAddress, zone, teamPages, null);
    }

    /**
     * {@code replies}: where the host reads mail replies as answers, the rollout's team reply addresses; invitations
     * and reminders then carry the team's address as Reply-To and its tag in the subject. Null when replies are not read.
     */
    public JakartaMailNotifier(Session session, String fromAddress, ZoneId zone, String teamPages, ReplyAddresses replies) {
        this(session, fromAddress, zone, teamPages, replies, null);
    }

    /**
     * {@code testing}: where the teams install the packages under test (the {@code .repo} file and dnf command in their
     * mails); null when the host names no repository URL for the stack.
     */
    public JakartaMailNotifier(Session session, String fromAddress, ZoneId zone, String teamPages, ReplyAddresses replies,
                               TestingRepository testing) {
        this.session = session;
        this.testing = testing;
        this.replies = replies;
        this.zone = zone;
        this.teamPages = teamPages == null ? null : ReleaseLinks.checkUrl(teamPages);
        try {
            this.from = new InternetAddress(fromAddress, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("Sender address '" + fromAddress + "' is invalid; give an address such as"
                    + " staged-rollout@example.org", e);
        }
    }

    @Override
    public void send(Notification n) {
        if (n.recipients().isEmpty()) {
            return;
        }
        TeamId team = replyingTeam(n);
        MailText text = MailText.of(n, zone, teamPages, team != null, testing);
        String subject = team == null ? text.subject() : text.subject() + " " + replies.subjectTagFor(team);
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            if (team != null) {
                m.setReplyTo(new InternetAddress[] {new InternetAddress(replies.addressFor(team), true)});
            }
            for (String to : n.recipients()) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            m.setText(text.body(), StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            Transport.send(m);
        } catch (MessagingException e) {
            throw new NotificationException("Could not send '" + subject + "' to " + n.recipients() + ": "
                    + e.getMessage() + "; check the SMTP settings", e);
        }
    }

    /** The team whose answer a reply to this mail would be, when replies are read: invitations and reminders only. */
    private TeamId replyingTeam(Notification n) {
        if (replies == null) {
            return null;
        }
        if (n instanceof Notification.Invitation i) {
            return i.team();
        }
        return n instanceof Notification.Reminder r ? r.team() : null;
    }
}
