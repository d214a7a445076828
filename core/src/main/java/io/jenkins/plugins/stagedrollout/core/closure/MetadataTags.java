package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal tag reader for the metadata createrepo_c writes (primary.xml, filelists.xml): it finds the tags a
 * caller names, compares names and attribute keys as bytes inside its buffer and makes Strings only of the
 * attribute values and texts asked for. Summaries, descriptions and every other element are skipped at the speed of
 * a byte search, which keeps a scan of 10,000 packages with their dependencies near the time of inflating them. It is
 * no general XML parser: createrepo_c writes no comments, CDATA or DTDs, where a {@code <} could hide.
 */
final class MetadataTags {

    static final int END_OF_INPUT = -1;
    static final int OTHER = -2;

    /** Attribute names to read, as bytes with their {@code =}. */
    static final class Keys {
        private final byte[][] names;

        Keys(String... names) {
            this.names = Arrays.stream(names).map(n -> (n + "=").getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        }
    }

    private final InputStream in;
    private final byte[][] wanted;
    private byte[] buffer = new byte[128 * 1024];
    private int position;
    private int limit;
    private int ender;

    /** @param wanted tag names as they are written, e.g. {@code "rpm:entry"} and {@code "/package"} */
    MetadataTags(InputStream in, String... wanted) {
        this.in = in;
        this.wanted = Arrays.stream(wanted).map(w -> w.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    /** Moves to the next tag: the index of its name in the wanted ones, {@link #OTHER} or {@link #END_OF_INPUT}. */
    int next() throws IOException {
        while (true) {
            byte[] b = buffer;
            int end = limit;
            for (int i = position; i < end; i++) {
                if (b[i] == '<') {
                    position = i + 1;
                    return tagName();
                }
            }
            position = limit;
            if (!fill(0)) {
                return END_OF_INPUT;
            }
        }
    }

    /** Reads the tag name that starts at {@code position}; keeps at least that much of the buffer when refilling. */
    private int tagName() throws IOException {
        int start = position;
        int i = start;
        while (true) {
            if (i == limit) {
                int kept = limit - start;
                if (!fill(kept)) {
                    ender = -1;
                    return OTHER;
                }
                start = 0;
                i = kept;
                continue;
            }
            byte c = buffer[i];
            if (c == '>' || c == ' ' || c == '\n' || c == '\t' || c == '\r' || (c == '/' && i > start)) {
                ender = c;
                break;
            }
            i++;
        }
        position = i + 1;
        int length = i - start;
        for (int w = 0; w < wanted.length; w++) {
            byte[] name = wanted[w];
            if (name.length == length && name[0] == buffer[start] && Arrays.equals(buffer, start, i, name, 0, length)) {
                return w;
            }
        }
        return OTHER;
    }

    /**
     * The values of the given attributes of the current start tag (null where absent), unescaped; none when the
     * name ended the tag. Reads up to the end of the tag.
     */
    String[] attributes(Keys keys) throws IOException {
        String[] values = new String[keys.names.length];
        if (ender == '>' || ender == '/' || ender == -1) {
            return values;
        }
        int start = position;
        int end = indexOf('>', start);
        start = position;
        for (int i = start; i < end; i++) {
            byte c = buffer[i];
            if (c != '"' && c != '\'') {
                continue;
            }
            int close = i + 1;
            while (close < end && buffer[close] != c) {
                close++;
            }
            int key = keyBefore(keys, start, i);
            if (key >= 0 && values[key] == null) {
                values[key] = XmlText.unescape(new String(buffer, i + 1, close - i - 1, StandardCharsets.UTF_8));
            }
            i = close;
        }
        position = end + 1;
        ender = '>';
        return values;
    }

    /** Which key, with its '=', ends right before {@code quote} and starts a word. */
    private int keyBefore(Keys keys, int from, int quote) {
        for (int k = 0; k < keys.names.length; k++) {
            byte[] name = keys.names[k];
            int at = quote - name.length;
            if (at >= from && Arrays.equals(buffer, at, quote, name, 0, name.length)
                    && (at == from || buffer[at - 1] == ' ' || buffer[at - 1] == '\n' || buffer[at - 1] == '\t')) {
                return k;
            }
        }
        return -1;
    }

    /** The text after the current start tag, unescaped (call right after {@link #next}). */
    String text() throws IOException {
        int from = ender == '>' ? position : indexOf('>', position) + 1;
        position = from;
        int end = indexOf('<', from);
        from = position;
        String text = new String(buffer, from, end - from, StandardCharsets.UTF_8);
        position = end;
        return XmlText.unescape(text);
    }

    /**
     * The index of the next {@code c} at or after {@code from}, refilling (and keeping {@code from} and what follows)
     * as needed; {@link #position} is moved along with the kept bytes. At the end of input: the end of the data.
     */
    private int indexOf(char c, int from) throws IOException {
        int i = from;
        while (true) {
            for (; i < limit; i++) {
                if (buffer[i] == c) {
                    return i;
                }
            }
            int kept = limit - from;
            int shift = from;
            position = from;
            if (!fill(kept)) {
                return limit;
            }
            i -= shift;
            from = 0;
        }
    }

    /**
     * Keeps the last {@code kept} bytes (moved to the start), reads more after them; grows the buffer when a single
     * tag fills it. Moves {@link #position} to the start. False at the end of input.
     */
    private boolean fill(int kept) throws IOException {
        if (kept > 0) {
            if (kept == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            } else {
                System.arraycopy(buffer, limit - kept, buffer, 0, kept);
            }
        }
        position = 0;
        limit = kept;
        int read = in.read(buffer, kept, buffer.length - kept);
        if (read <= 0) {
            return false;
        }
        limit = kept + read;
        return true;
    }
}
