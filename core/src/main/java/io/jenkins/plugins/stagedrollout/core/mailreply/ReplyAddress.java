package io.jenkins.plugins.stagedrollout.core.mailreply;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mailbox replies go to, e.g. {@code rollouts@example.org}, and the per-team addresses made from it:
 * {@code rollouts+sr-<token>@example.org} (plus addressing, delivered to the same mailbox by most servers). The
 * invitation's subject carries the token too ({@code [sr-<token>]}) for servers that drop the plus part.
 */
public record ReplyAddress(String local, String domain) {
    private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9._%-]+)@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    private static final String TOKEN = "sr-([0-9a-f]{" + 2 * ReplyTokens.BYTES + "})";
    private static final Pattern SUBJECT_TAG = Pattern.compile("\\[" + TOKEN + "]");

    public ReplyAddress {
        domain = domain.toLowerCase(Locale.ROOT);
    }

    public static ReplyAddress parse(String address) {
        Matcher m = ADDRESS.matcher(address == null ? "" : address.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("Reply address '" + address + "' is not a plain mailbox address without '+';"
                    + " give the address of the mailbox that is read, e.g. rollouts@example.org");
        }
        return new ReplyAddress(m.group(1), m.group(2));
    }

    public String forToken(String token) {
        return local + "+sr-" + token + "@" + domain;
    }

    public static String subjectTag(String token) {
        return "[sr-" + token + "]";
    }

    /** The token of a recipient address made by {@link #forToken}, if it is one. */
    public Optional<String> tokenOf(String recipient) {
        if (recipient == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile(Pattern.quote(local) + "\\+" + TOKEN + "@" + Pattern.quote(domain), Pattern.CASE_INSENSITIVE)
                .matcher(recipient.strip());
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    public static Optional<String> tokenInSubject(String subject) {
        Matcher m = SUBJECT_TAG.matcher(subject == null ? "" : subject.toLowerCase(Locale.ROOT));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
