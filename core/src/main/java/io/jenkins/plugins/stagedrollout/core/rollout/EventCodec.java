package io.jenkins.plugins.stagedrollout.core.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * One event per line: {@code <crc32 as 8 hex digits> <event as JSON>}. The checksum covers the JSON bytes, so a
 * line cut short or altered is recognised before it is parsed.
 */
public final class EventCodec {
    /** Shared, configured once: strict about unknown fields so a log from a newer version is not half-read. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventCodec() {
    }

    public static String encode(Event e) {
        try {
            String json = JSON.writeValueAsString(e);
            return crc(json.getBytes(StandardCharsets.UTF_8)) + " " + json;
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Event " + e.seq() + " cannot be written as JSON", ex);
        }
    }

    /** The event on this line, or null when its checksum or JSON is wrong (the caller decides whether that is fatal). */
    public static Event decode(String line) {
        int space = line.indexOf(' ');
        if (space != 8) {
            return null;
        }
        String json = line.substring(space + 1);
        if (!crc(json.getBytes(StandardCharsets.UTF_8)).equals(line.substring(0, 8))) {
            return null;
        }
        try {
            return JSON.readValue(json, Event.class);
        } catch (JsonProcessingException | RuntimeException ex) {
            return null;
        }
    }

    private static String crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
