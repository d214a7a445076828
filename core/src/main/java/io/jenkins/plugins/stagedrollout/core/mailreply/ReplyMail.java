package io.jenkins.plugins.stagedrollout.core.mailreply;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * The mail that tells a sender what became of their reply. It threads under their mail, is marked
 * {@code Auto-Submitted: auto-replied} (RFC 3834) so that their auto-responder stays quiet, and its Reply-To is the
 * same team address, so answering it again reaches the same rollout.
 */
final class ReplyMail {
    private ReplyMail() {
    }

    static MimeMessage of(Session session, String from, ReplyAddress address, IncomingReply reply, Outcome outcome)
            throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from, true));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(outcome.answerTo().orElseThrow(), true));
        if (outcome.token().isPresent()) {
            m.setReplyTo(new InternetAddress[] {new InternetAddress(address.forToken(outcome.token().get()), true)});
        }
        String subject = reply.subject().isBlank() ? "your mail" : reply.subject().strip();
        m.setSubject(subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject, StandardCharsets.UTF_8.name());
        m.setHeader("In-Reply-To", reply.messageId());
        m.setHeader("References", (reply.references() == null ? "" : reply.references() + " ") + reply.messageId());
        m.setHeader("Auto-Submitted", "auto-replied");
        m.setText(body(reply, outcome), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        return m;
    }

    private static String body(IncomingReply reply, Outcome outcome) {
        if (outcome.kind() == Outcome.Kind.RECORDED) {
            return "Your answer is recorded: " + outcome.detail() + ".\n\n"
                    + outcome.target().map(t -> "Rollout page: " + t.answerPage() + "\n").orElse("")
                    + "\nMail " + reply.messageId() + " from " + reply.from() + ".\n";
        }
        String how = outcome.target().map(t -> "To answer, reply to this mail with one line:\n  accept " + t.team().id().shortId()
                + "\nor\n  reject " + t.team().id().shortId() + " <reason>\nor log in and answer on the page " + t.answerPage() + "\n")
                .orElse("");
        return "Your mail was not recorded as an answer: " + outcome.detail() + ".\n\n" + how
                + "\nMail " + reply.messageId() + " from " + reply.from() + ".\n";
    }
}
