package io.jenkins.plugins.stagedrollout.core.mailreply;

import java.util.List;
import java.util.Optional;

/**
 * The receiving mail server whose verdict on senders is trusted, named by the {@code authserv-id} it writes in its
 * {@code Authentication-Results} headers. A reply counts only when the topmost such header of that server says
 * {@code dmarc=pass} for the From domain, or, where the domain publishes no DMARC ({@code dmarc=none}),
 * {@code spf=pass} or {@code dkim=pass} aligned with it. Headers of other servers, and every one below the topmost
 * trusted one, are ignored: any sender or relay on the way can write such headers, only the last server cannot be
 * preceded by them.
 */
public record TrustedServer(String authservId) {

    public TrustedServer {
        String id = authservId == null ? "" : authservId.strip();
        if (!AuthenticationResults.isToken(id)) {
            throw new IllegalArgumentException("The trusted authserv-id '" + (authservId == null ? "" : authservId)
                    + "' is not a single name; give the name the receiving mail server writes first in its"
                    + " Authentication-Results header, e.g. mx.example.org (no spaces, quotes or ()<>@,;:\\\"/[]?=)");
        }
        authservId = id;
    }

    /**
     * Why the server does not vouch for the sender {@code from} of a mail with these {@code Authentication-Results}
     * values (topmost first); empty when it does.
     */
    public Optional<String> refusal(List<String> headers, String from) {
        String domain = from == null || from.indexOf('@') < 0 ? null : AuthenticationResults.lower(from.substring(from.lastIndexOf('@') + 1));
        if (domain == null || domain.isEmpty()) {
            return refused("the mail has no From address to check");
        }
        Optional<String> mine = headers.stream()
                .filter(h -> AuthenticationResults.authservIdOf(h).filter(authservId::equalsIgnoreCase).isPresent())
                .findFirst();
        if (mine.isEmpty()) {
            return refused("the mail has no Authentication-Results header of " + authservId);
        }
        AuthenticationResults results;
        try {
            results = AuthenticationResults.parse(mine.get());
        } catch (IllegalArgumentException e) {
            return refused("its Authentication-Results header of " + authservId + " cannot be read (" + e.getMessage() + ")");
        }
        List<AuthenticationResults.MethodResult> dmarc = results.of("dmarc");
        if (dmarc.isEmpty()) {
            return refused(authservId + " recorded no DMARC result (dmarc=) for it");
        }
        for (AuthenticationResults.MethodResult r : dmarc) {
            if (r.result().equals("pass")) {
                String checked = r.property("header.from").map(AuthenticationResults::lower).orElse(null);
                if (domain.equals(checked)) {
                    return Optional.empty();
                }
                return refused(checked == null ? "its dmarc=pass names no header.from"
                        : "its dmarc=pass is for header.from=" + checked + ", not for the From domain " + domain);
            }
        }
        if (dmarc.stream().anyMatch(r -> r.result().equals("none"))) {
            if (alignedPass(results, domain)) {
                return Optional.empty();
            }
            return refused(domain + " publishes no DMARC policy (dmarc=none), and neither spf=pass nor dkim=pass is"
                    + " aligned with it");
        }
        return refused(authservId + " found dmarc=" + dmarc.get(0).result() + " for " + domain);
    }

    private static boolean alignedPass(AuthenticationResults results, String domain) {
        boolean spf = results.of("spf").stream()
                .filter(r -> r.result().equals("pass"))
                .flatMap(r -> r.property("smtp.mailfrom").stream())
                .anyMatch(d -> aligned(domainOf(d), domain));
        boolean dkim = results.of("dkim").stream()
                .filter(r -> r.result().equals("pass"))
                .flatMap(r -> r.property("header.d").or(() -> r.property("header.i")).stream())
                .anyMatch(d -> aligned(domainOf(d), domain));
        return spf || dkim;
    }

    /** The domain of {@code user@domain}, {@code @domain} or {@code domain}. */
    private static String domainOf(String value) {
        return AuthenticationResults.lower(value.substring(value.lastIndexOf('@') + 1));
    }

    /**
     * Relaxed alignment without a public suffix list: equal, or one a subdomain of the other, where the shorter has a
     * dot (never a bare top-level domain). It is wider than DMARC's organizational domain only where the shorter name
     * is a public suffix such as ac.uk, and a pass for that name needs its registry's DNS.
     */
    static boolean aligned(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        String shorter = a.length() < b.length() ? a : b;
        String longer = a.length() < b.length() ? b : a;
        return shorter.indexOf('.') > 0 && longer.endsWith("." + shorter);
    }

    private Optional<String> refused(String why) {
        return Optional.of("the receiving mail server " + authservId + " does not vouch for the sender: " + why);
    }
}
