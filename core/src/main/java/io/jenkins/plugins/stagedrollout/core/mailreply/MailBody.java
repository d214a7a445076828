package io.jenkins.plugins.stagedrollout.core.mailreply;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * What the sender wrote above the quoted mail, as a mail client shows it: the plain-text part (or the HTML part
 * turned into text when there is no plain one), cut where the quoted original or the signature begins.
 */
final class MailBody {
    /** Where a reply's own text ends: signature, attribution line, Outlook's separators and header block. */
    private static final Pattern END = Pattern.compile("(?iu)^(--\\s*|_{8,}|-{3,}\\s*original message\\s*-{3,}"
            + "|from:\\s.*|on\\s.*\\swrote:|le\\s.*\\sa écrit\\s?:|am\\s.*\\sschrieb\\s.*:|el\\s.*\\sescribió:"
            + "|il\\s.*\\sha scritto:|sent from my .*)$");
    /** HTML elements that hold the quoted original or a signature in the mail clients' HTML. */
    private static final String QUOTED = "blockquote, .gmail_quote, .gmail_signature, .moz-cite-prefix, .moz-signature,"
            + " #divRplyFwdMsg, #appendonsend, div[type=cite], .OutlookMessageHeader";

    private MailBody() {
    }

    static String ownText(Part message) throws MessagingException, IOException {
        String plain = firstPart(message, "text/plain");
        if (plain != null) {
            return cut(plain);
        }
        String html = firstPart(message, "text/html");
        return html == null ? "" : cut(htmlToText(html));
    }

    private static String firstPart(Part p, String type) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            return null;
        }
        if (p.isMimeType(type)) {
            Object content = p.getContent();
            return content instanceof String s ? s : null;
        }
        if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                String found = firstPart(part, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The lines before the first line that starts the quoted original or the signature. */
    static String cut(String text) {
        List<String> own = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            // an attribution wrapped by the client: "On Tue, 1 Dec 2026, Alice <alice@" / "example.org> wrote:"
            boolean wrappedAttribution = line.matches("(?i)on\\s.*") && i + 1 < lines.length
                    && lines[i + 1].strip().matches("(?i).*\\swrote:|\\S*wrote:");
            if (!own.stream().allMatch(String::isBlank) && (END.matcher(line).matches() || wrappedAttribution)) {
                break;
            }
            own.add(lines[i]);
        }
        return String.join("\n", own).strip();
    }

    /** Block elements and line breaks become new lines; quoted originals and signatures are left out. */
    static String htmlToText(String html) {
        Document doc = Jsoup.parse(html);
        doc.select(QUOTED).remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.text());
                } else if (node instanceof Element e && (e.nameIs("br") || e.isBlock())) {
                    newLine(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    newLine(out);
                }
            }
        }, doc.body());
        return out.toString().replace('\u00a0', ' ');
    }

    private static void newLine(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
