package io.jenkins.plugins.stagedrollout.core.mailreply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code Authentication-Results} header (RFC 8601): the server that wrote it ({@code authserv-id}) and the result
 * of each method it ran. {@code none} gives no results. Methods, results and property names are lower case; property
 * values are as written.
 */
public record AuthenticationResults(String authservId, List<MethodResult> results) {

    public AuthenticationResults {
        results = List.copyOf(results);
    }

    /** One {@code method=result [reason=...] ptype.property=value ...}, e.g. {@code dmarc=pass header.from=example.org}. */
    public record MethodResult(String method, String result, Map<String, String> properties) {
        public MethodResult {
            properties = Map.copyOf(properties);
        }

        /** The value of a property such as {@code smtp.mailfrom} (lower case name). */
        public Optional<String> property(String name) {
            return Optional.ofNullable(properties.get(name));
        }
    }

    /** The results of the given method, in the order written. */
    public List<MethodResult> of(String method) {
        return results.stream().filter(r -> r.method().equals(method)).toList();
    }

    /**
     * Reads a header's value. Strict in structure (an {@code authserv-id}, an optional version, then {@code ; none} or
     * {@code ; method=result ...} clauses, comments anywhere); throws {@link IllegalArgumentException} saying what was
     * expected where.
     */
    public static AuthenticationResults parse(String header) {
        return new AuthResultsReader(header).payload();
    }

    /** The {@code authserv-id} a header starts with, without reading the rest; empty when not even that can be read. */
    public static Optional<String> authservIdOf(String header) {
        try {
            return Optional.of(new AuthResultsReader(header).authservId());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An RFC 2045 token, the form of an {@code authserv-id} (a quoted string aside): what the setting may hold. */
    static boolean isToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(AuthResultsReader::tokenChar);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** The reader over one header value; positions in messages count from 1. */
    private static final class AuthResultsReader {
        private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";
        private final String s;
        private int i;

        AuthResultsReader(String header) {
            if (header == null) {
                throw new IllegalArgumentException("the header is empty");
            }
            // unfold: a line break followed by white space is white space (RFC 5322 folding)
            String unfolded = header.replaceAll("\r?\n(?=[ \t])", "");
            if (unfolded.indexOf('\r') >= 0 || unfolded.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a line break not followed by white space");
            }
            this.s = unfolded;
        }

        static boolean tokenChar(int c) {
            return c > 32 && c < 127 && TSPECIALS.indexOf(c) < 0;
        }

        String authservId() {
            skipCfws();
            return value("an authserv-id (the name of the server that wrote the header)");
        }

        AuthenticationResults payload() {
            String id = authservId();
            skipCfws();
            if (i < s.length() && Character.isDigit(s.charAt(i))) {
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                skipCfws();
            }
            expect(';', "';' after the authserv-id " + id);
            skipCfws();
            List<MethodResult> results = new ArrayList<>();
            int mark = i;
            if (lower(keyword("a method such as dmarc=, or none")).equals("none") && peekEnd()) {
                return new AuthenticationResults(id, List.of());
            }
            i = mark;
            while (true) {
                results.add(resinfo());
                skipCfws();
                if (i == s.length()) {
                    return new AuthenticationResults(id, results);
                }
                expect(';', "';' or the end of the header");
                skipCfws();
            }
        }

        private boolean peekEnd() {
            skipCfws();
            return i == s.length();
        }

        /** {@code method[/version]=result [reason=value] [ptype.property=pvalue ...]}. */
        private MethodResult resinfo() {
            String method = lower(keyword("a method such as dmarc="));
            skipCfws();
            if (peek('/')) {
                i++;
                skipCfws();
                digits("a method version");
                skipCfws();
            }
            expect('=', "'=' after the method " + method);
            skipCfws();
            String result = lower(keyword("the result of " + method));
            Map<String, String> props = new LinkedHashMap<>();
            skipCfws();
            while (i < s.length() && s.charAt(i) != ';') {
                String name = lower(keyword("a property such as header.from= or the end of the " + method + " result"));
                skipCfws();
                if (name.equals("reason") && peek('=')) {
                    i++;
                    skipCfws();
                    value("the reason of " + method);
                } else {
                    expect('.', "'.' in a property such as header.from= (after '" + name + "')");
                    skipCfws();
                    String property = lower(keyword("a property name after '" + name + ".'"));
                    skipCfws();
                    expect('=', "'=' after the property " + name + "." + property);
                    skipCfws();
                    props.putIfAbsent(name + "." + property, pvalue(name + "." + property));
                }
                skipCfws();
            }
            return new MethodResult(method, result, props);
        }

        /**
         * A property's value. Lenient inside the value alone: servers write DKIM signature fragments
         * ({@code header.b=ab/c+d=}) that a token cannot hold; anything up to white space, ';' or a comment.
         */
        private String pvalue(String name) {
            if (peek('"')) {
                return quoted();
            }
            int start = i;
            while (i < s.length() && s.charAt(i) > 32 && s.charAt(i) < 127 && "();\"".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (i == start) {
                throw expected("the value of " + name);
            }
            return s.substring(start, i);
        }

        private String value(String what) {
            if (peek('"')) {
                return quoted();
            }
            int start = i;
            while (i < s.length() && tokenChar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw expected(what);
            }
            return s.substring(start, i);
        }

        private String quoted() {
            int start = i++;
            StringBuilder out = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '"') {
                if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                    i++;
                }
                out.append(s.charAt(i++));
            }
            if (i == s.length()) {
                throw new IllegalArgumentException("the quoted string at position " + (start + 1) + " is not closed");
            }
            i++;
            return out.toString();
        }

        /** An RFC 5321 Keyword: letters, digits and inner hyphens. */
        private String keyword(String what) {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 128 || s.charAt(i) == '-')) {
                i++;
            }
            if (i == start || s.charAt(start) == '-' || s.charAt(i - 1) == '-') {
                i = start;
                throw expected(what);
            }
            return s.substring(start, i);
        }

        private void digits(String what) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw expected(what);
            }
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c, String what) {
            if (!peek(c)) {
                throw expected(what);
            }
            i++;
        }

        private IllegalArgumentException expected(String what) {
            return new IllegalArgumentException("expected " + what + " at position " + (i + 1) + ", found "
                    + (i == s.length() ? "the end" : "'" + s.substring(i, Math.min(s.length(), i + 12)) + "'"));
        }

        /** White space and comments; comments nest and may quote a character with '\'. */
        private void skipCfws() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t') {
                    i++;
                } else if (c == '(') {
                    int start = i;
                    int depth = 0;
                    do {
                        if (i >= s.length()) {
                            throw new IllegalArgumentException("the comment at position " + (start + 1) + " is not closed");
                        }
                        char d = s.charAt(i++);
                        if (d == '\\') {
                            i++;
                        } else if (d == '(') {
                            depth++;
                        } else if (d == ')') {
                            depth--;
                        }
                    } while (depth > 0);
                } else {
                    return;
                }
            }
        }
    }
}
