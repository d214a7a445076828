package io.jenkins.plugins.stagedrollout.core.repo;

import io.jenkins.plugins.stagedrollout.core.closure.MetadataCompression;
import io.jenkins.plugins.stagedrollout.core.closure.XmlText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Reads the location and NEVRA of every package from primary metadata written by createrepo_c, for the
 * engine's verification of a new snapshot. A StAX parse ({@link RepodataReader#readPrimary}) tokenizes every
 * element (file lists included) and took about 100 ms for 11,000 packages; this scanner only looks at the
 * tags it needs and compares tag names as bytes, no String per tag: 25-50 ms (60 ms with a String per tag).
 * It is strict where a wrong output would show: the stream must end with {@code </metadata>} (no truncation), and
 * the declared {@code packages="N"} and the number of {@code <package>} elements must agree. It holds nothing per
 * package: each location goes to the caller as it is read (whether a location is the expected one, or repeated,
 * is the caller's check). It does not check general XML well-formedness; createrepo_c writes no comments or
 * CDATA, where a {@code <} could hide.
 */
final class PrimaryScanner {

    private static final int NO_BYTE = -1;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] token = new byte[256];
    private int tokenLength;

    private PrimaryScanner(InputStream in) {
        this.in = in;
    }

    /**
     * Gives {@code each} the location href and the NEVRA (epoch only when not 0) of every package, in the order of
     * the metadata.
     *
     * @return how many packages there are
     */
    static long scan(Path repository, String primaryHref, BiConsumer<String, String> each) throws IOException {
        Path primary = repository.resolve(primaryHref);
        try (InputStream in = MetadataCompression.open(Files.newInputStream(primary), primary.toString())) {
            return new PrimaryScanner(in).packages(primary, each);
        } catch (IllegalArgumentException badEntity) {
            throw new IOException(primary + " holds an invalid character reference: " + badEntity.getMessage(), badEntity);
        }
    }

    private long packages(Path primary, BiConsumer<String, String> each) throws IOException {
        long declared = -1;
        long elements = 0;
        boolean ended = false;
        String name = null;
        String arch = null;
        String evr = null;
        int c;
        while ((c = next()) != NO_BYTE) {
            if (c != '<') {
                continue;
            }
            int end = readTagName();
            if (!maybeWanted()) {
                continue;
            }
            if (tokenIs("package")) {
                elements++;
                name = null;
                arch = null;
                evr = null;
            } else if (tokenIs("name")) {
                name = end == '>' ? text() : null;
            } else if (tokenIs("arch")) {
                arch = end == '>' ? text() : null;
            } else if (tokenIs("version")) {
                String attributes = readUntil(end, '>');
                String epoch = attribute(attributes, "epoch=");
                evr = (epoch == null || "0".equals(epoch) ? "" : epoch + ":") + attribute(attributes, "ver=") + "-" + attribute(attributes, "rel=");
            } else if (tokenIs("location")) {
                String href = attribute(readUntil(end, '>'), "href=");
                if (href == null || name == null || arch == null || evr == null) {
                    throw new IOException(primary + " has a package without location, name, arch or version (package " + elements + ")");
                }
                each.accept(href, name + "-" + evr + "." + arch);
            } else if (tokenIs("metadata")) {
                declared = parseCount(attribute(readUntil(end, '>'), "packages="), primary);
            } else if (tokenIs("/metadata")) {
                ended = true;
            }
        }
        if (!ended) {
            throw new IOException(primary + " ends before </metadata> (truncated)");
        }
        if (declared != elements) {
            throw new IOException(primary + " declares " + declared + " package(s) but holds " + elements + " <package> element(s)");
        }
        return elements;
    }

    private int next() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return NO_BYTE;
            }
        }
        return buffer[position++] & 0xff;
    }

    /** Reads a tag name into the token; returns the byte that ended it. */
    private int readTagName() throws IOException {
        tokenLength = 0;
        int c;
        while ((c = next()) != NO_BYTE && c != '>' && c != ' ' && c != '/' && c != '\n' && c != '\t' && c != '\r') {
            append(c);
        }
        if (c == '/' && tokenLength == 0) {
            // a closing tag: "</name>"
            append(c);
            while ((c = next()) != NO_BYTE && c != '>') {
                append(c);
            }
        }
        return c;
    }

    /** The rest of a start tag (attributes), unless the tag name already ended it. */
    private String readUntil(int end, int stop) throws IOException {
        tokenLength = 0;
        if (end == stop || end == NO_BYTE) {
            return "";
        }
        int c;
        while ((c = next()) != NO_BYTE && c != stop) {
            append(c);
        }
        return token();
    }

    private String text() throws IOException {
        tokenLength = 0;
        int c;
        while ((c = next()) != NO_BYTE && c != '<') {
            append(c);
        }
        if (c == '<') {
            position--;
        }
        return XmlText.unescape(token());
    }

    /** Most tags (file lists, dependencies) are none of those {@link #packages} looks at: no String for them. */
    private boolean maybeWanted() {
        return switch (tokenLength) {
            case 4 -> token[0] == 'n' || token[0] == 'a';
            case 7 -> token[0] == 'p' || token[0] == 'v';
            case 8 -> token[0] == 'm' || token[0] == 'l';
            case 9 -> token[0] == '/' && token[1] == 'm';
            default -> false;
        };
    }

    private void append(int c) {
        if (tokenLength == token.length) {
            token = Arrays.copyOf(token, token.length * 2);
        }
        token[tokenLength++] = (byte) c;
    }

    /** Compares the token with an ASCII tag name without making a String of it. */
    private boolean tokenIs(String tag) {
        if (tokenLength != tag.length()) {
            return false;
        }
        for (int i = 0; i < tokenLength; i++) {
            if (token[i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String token() {
        return new String(token, 0, tokenLength, StandardCharsets.UTF_8);
    }

    /** @param key the attribute name with its '=' */
    private static String attribute(String attributes, String key) {
        int from = 0;
        while (true) {
            int at = attributes.indexOf(key, from);
            if (at < 0) {
                return null;
            }
            boolean startsWord = at == 0 || Character.isWhitespace(attributes.charAt(at - 1));
            int quoteAt = at + key.length();
            if (startsWord && quoteAt < attributes.length()) {
                char quote = attributes.charAt(quoteAt);
                int close = attributes.indexOf(quote, quoteAt + 1);
                if ((quote == '"' || quote == '\'') && close > 0) {
                    return XmlText.unescape(attributes.substring(quoteAt + 1, close));
                }
            }
            from = at + 1;
        }
    }

    private static long parseCount(String value, Path primary) throws IOException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException(primary + " declares no valid package count (packages=\"" + value + "\")");
        }
    }
}
