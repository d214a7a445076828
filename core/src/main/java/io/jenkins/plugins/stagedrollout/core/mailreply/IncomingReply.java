package io.jenkins.plugins.stagedrollout.core.mailreply;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A mail in the reply mailbox, as far as answering is concerned: who sent it (the From address, which decides
 * whether it may answer, and where a reply goes), to which addresses, the subject, whether a robot sent it, the
 * text the sender wrote above the quote, and the {@code Authentication-Results} headers, topmost first.
 */
public record IncomingReply(String messageId, String from, String answerTo, List<String> recipients, String subject,
                            Optional<String> automatic, String ownText, String references,
                            List<String> authenticationResults) {

    public IncomingReply {
        recipients = List.copyOf(recipients);
        authenticationResults = List.copyOf(authenticationResults);
    }

    /** Headers naming where the mail was delivered: the token address may be in any of them (Bcc, forwarding). */
    private static final String[] DELIVERY_HEADERS = {"Delivered-To", "X-Original-To", "Envelope-To"};

    public static IncomingReply read(MimeMessage m) throws MessagingException, IOException {
        String from = first(m.getFrom());
        Address[] replyTo = m.getHeader("Reply-To") == null ? null : m.getReplyTo();
        List<String> recipients = new ArrayList<>();
        for (Message.RecipientType type : new Message.RecipientType[] {Message.RecipientType.TO, Message.RecipientType.CC}) {
            addAll(recipients, m.getRecipients(type));
        }
        for (String h : DELIVERY_HEADERS) {
            String[] values = m.getHeader(h);
            if (values != null) {
                for (String v : values) {
                    addAll(recipients, InternetAddress.parseHeader(v, false));
                }
            }
        }
        String subject = m.getSubject() == null ? "" : m.getSubject();
        String refs = m.getHeader("References", " ");
        // topmost first, as the headers stand: the last server to handle the mail wrote the first one
        String[] authResults = m.getHeader("Authentication-Results");
        return new IncomingReply(messageId(m), from, replyTo == null ? from : first(replyTo), recipients, subject,
                AutoReply.reason(m), MailBody.ownText(m), refs, authResults == null ? List.of() : List.of(authResults));
    }

    private static void addAll(List<String> out, Address[] addresses) {
        if (addresses != null) {
            for (Address a : addresses) {
                if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                    out.add(ia.getAddress().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private static String first(Address[] addresses) {
        if (addresses != null) {
            for (Address a : addresses) {
                if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                    return ia.getAddress().toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    /** The Message-ID; for the rare mail without one, a digest of the whole message, the same for each copy. */
    private static String messageId(MimeMessage m) throws MessagingException, IOException {
        String id = m.getMessageID();
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.toByteArray());
            return "<sha256-" + HexFormat.of().formatHex(digest, 0, 16) + "@staged-rollout.invalid>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
