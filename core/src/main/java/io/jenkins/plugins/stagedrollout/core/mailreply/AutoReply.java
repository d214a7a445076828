package io.jenkins.plugins.stagedrollout.core.mailreply;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mail no person wrote for us: auto-replies (RFC 3834 {@code Auto-Submitted}, the older {@code X-Autoreply} family,
 * "Out of office" subjects), bounces and receipts, list traffic. It never counts as an answer and is never answered,
 * so two robots cannot write to each other forever.
 */
final class AutoReply {
    private static final Pattern SUBJECT = Pattern.compile("(?iu)^\\s*(out of (the )?office|automatic reply|auto[- ]?reply"
            + "|autoresponse|auto:|abwesenheit|r[ée]ponse automatique|absence|risposta automatica|respuesta autom[aá]tica"
            + "|undeliverable|undelivered mail|delivery status notification|mail delivery failed).*");
    private static final String[] ROBOT_HEADERS = {"X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Response"};

    private AutoReply() {
    }

    /** Why the message is a robot's, or empty for mail a person wrote. */
    static Optional<String> reason(MimeMessage m) throws MessagingException {
        String auto = m.getHeader("Auto-Submitted", null);
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of("Auto-Submitted: " + auto.strip());
        }
        for (String h : ROBOT_HEADERS) {
            if (m.getHeader(h) != null) {
                return Optional.of("header " + h);
            }
        }
        String precedence = m.getHeader("Precedence", null);
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("auto_reply|bulk|junk|list")) {
            return Optional.of("Precedence: " + precedence.strip());
        }
        if (m.getHeader("List-Id") != null) {
            return Optional.of("mailing-list message (List-Id)");
        }
        String returnPath = m.getHeader("Return-Path", null);
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return Optional.of("bounce (empty Return-Path)");
        }
        if (m.isMimeType("multipart/report")) {
            return Optional.of("delivery or read report (multipart/report)");
        }
        String subject = m.getSubject();
        if (subject != null && SUBJECT.matcher(subject).matches()) {
            return Optional.of("automatic subject '" + subject.strip() + "'");
        }
        return Optional.empty();
    }
}
