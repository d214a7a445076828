package io.jenkins.plugins.stagedrollout.time;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The one clock of the plugin: every deadline (answer, reminder, escalation, soak end, reports due) is computed
 * and timed from it, so that tests move time the way the core's tests do, with a clock of their own.
 */
public final class RolloutClock {

    private static volatile Clock clock = Clock.systemUTC();

    private RolloutClock() {}

    public static Clock get() {
        return clock;
    }

    public static Instant now() {
        return clock.instant();
    }

    /** Milliseconds from now until {@code deadline}; 0 for a deadline already past. */
    public static long millisUntil(Instant deadline) {
        return Math.max(0, deadline.toEpochMilli() - clock.millis());
    }

    /** For tests only: a clock they move by hand; {@link Clock#systemUTC()} restores real time. */
    @Restricted(NoExternalUse.class)
    public static void set(Clock testClock) {
        clock = Objects.requireNonNull(testClock, "clock");
    }
}
