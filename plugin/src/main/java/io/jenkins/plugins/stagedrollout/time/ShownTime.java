package io.jenkins.plugins.stagedrollout.time;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.stagedrollout.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An instant as the pages show it: in the working calendar's zone with the zone named, as the mails write deadlines
 * ({@code Tue 2026-12-08 00:00 Europe/Amsterdam}), how far it is from now ({@code in 6 h}, {@code 2 d ago}), and the
 * exact instant for {@code <time datetime>} and its tooltip.
 */
public final class ShownTime {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private final Instant instant;
    private final ZoneId zone;
    private final Instant now;

    private ShownTime(Instant instant, ZoneId zone, Instant now) {
        this.instant = instant;
        this.zone = zone;
        this.now = now;
    }

    /** Null for no instant, so that pages show nothing. */
    @CheckForNull
    public static ShownTime of(@CheckForNull Instant instant, ZoneId zone, Instant now) {
        return instant == null ? null : new ShownTime(instant, zone, now);
    }

    /** ISO-8601 in UTC, as the API gives it. */
    public String getIso() {
        return instant.toString();
    }

    /** {@code Tue 2026-12-08 00:00 Europe/Amsterdam}. */
    public String getLocal() {
        return LOCAL.format(instant.atZone(zone)) + " " + zone.getId();
    }

    /** {@code in 1 d 4 h}, {@code in 25 min}, {@code 2 h 5 min ago}. */
    public String getRelative() {
        Duration d = Duration.between(now, instant);
        String span = span(d.abs());
        return d.isNegative() ? Messages.ShownTime_Ago(span) : Messages.ShownTime_In(span);
    }

    /** Seconds from now, negative once passed. */
    public long secondsFromNow() {
        return Duration.between(now, instant).getSeconds();
    }

    private static String span(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        return Math.max(minutes, 1) + " min";
    }
}
