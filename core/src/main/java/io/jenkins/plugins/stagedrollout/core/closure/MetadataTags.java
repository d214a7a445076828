package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal tag reader for the metadata createrepo_c writes (primary.xml, filelists.xml): it finds the tags a
 * caller names, compares their names as bytes and makes Strings only of their attributes and text, which keeps a
 * scan of 10,000 packages with their dependencies in the tens of milliseconds. It is no general XML parser:
 * createrepo_c writes no comments, CDATA or DTDs, where a {@code <} could hide.
 */
final class MetadataTags {

    static final int END_OF_INPUT = -1;
    static final int OTHER = -2;

    private final InputStream in;
    private final byte[][] wanted;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] token = new byte[256];
    private int length;
    private int ender;

    /** @param wanted tag names as they are written, e.g. {@code "rpm:entry"} and {@code "/package"} */
    MetadataTags(InputStream in, String... wanted) {
        this.in = in;
        this.wanted = Arrays.stream(wanted).map(w -> w.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    /** Moves to the next tag: the index of its name in the wanted ones, {@link #OTHER} or {@link #END_OF_INPUT}. */
    int next() throws IOException {
        int c;
        while ((c = read()) != -1) {
            if (c == '<') {
                return tagName();
            }
        }
        return END_OF_INPUT;
    }

    private int tagName() throws IOException {
        length = 0;
        int c;
        while ((c = read()) != -1 && c != '>' && c != ' ' && c != '\n' && c != '\t' && c != '\r' && !(c == '/' && length > 0)) {
            append(c);
        }
        ender = c;
        for (int i = 0; i < wanted.length; i++) {
            if (Arrays.equals(token, 0, length, wanted[i], 0, wanted[i].length)) {
                return i;
            }
        }
        return OTHER;
    }

    /** The attributes of the current start tag, raw (still escaped); empty when the name ended the tag. */
    String attributes() throws IOException {
        length = 0;
        if (ender == '>' || ender == '/' || ender == -1) {
            return "";
        }
        int c;
        while ((c = read()) != -1 && c != '>') {
            append(c);
        }
        return new String(token, 0, length, StandardCharsets.UTF_8);
    }

    /** The text after the current start tag, unescaped (call right after {@link #next}, before {@link #attributes}). */
    String text() throws IOException {
        int c = ender;
        while (c != '>' && c != -1) {
            c = read();
        }
        length = 0;
        while ((c = read()) != -1 && c != '<') {
            append(c);
        }
        if (c == '<') {
            position--;
        }
        return unescape(new String(token, 0, length, StandardCharsets.UTF_8));
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xff;
    }

    private void append(int c) {
        if (length == token.length) {
            token = Arrays.copyOf(token, token.length * 2);
        }
        token[length++] = (byte) c;
    }

    /** @param key the attribute name with its '=', e.g. {@code "name="}; null when absent */
    static String attribute(String attributes, String key) {
        int from = 0;
        while (true) {
            int at = attributes.indexOf(key, from);
            if (at < 0) {
                return null;
            }
            int quoteAt = at + key.length();
            if ((at == 0 || Character.isWhitespace(attributes.charAt(at - 1))) && quoteAt < attributes.length()) {
                char quote = attributes.charAt(quoteAt);
                int close = attributes.indexOf(quote, quoteAt + 1);
                if ((quote == '"' || quote == '\'') && close > 0) {
                    return unescape(attributes.substring(quoteAt + 1, close));
                }
            }
            from = at + 1;
        }
    }

    static String unescape(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int semicolon = c == '&' ? value.indexOf(';', i) : -1;
            if (semicolon < 0) {
                out.append(c);
                continue;
            }
            String entity = value.substring(i + 1, semicolon);
            switch (entity) {
                case "amp" -> out.append('&');
                case "lt" -> out.append('<');
                case "gt" -> out.append('>');
                case "quot" -> out.append('"');
                case "apos" -> out.append('\'');
                default -> {
                    if (entity.startsWith("#x")) {
                        out.appendCodePoint(Integer.parseInt(entity.substring(2), 16));
                    } else if (entity.startsWith("#")) {
                        out.appendCodePoint(Integer.parseInt(entity.substring(1)));
                    } else {
                        out.append('&').append(entity).append(';');
                    }
                }
            }
            i = semicolon;
        }
        return out.toString();
    }
}
