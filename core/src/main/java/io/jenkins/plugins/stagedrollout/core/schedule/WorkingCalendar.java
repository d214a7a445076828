package io.jenkins.plugins.stagedrollout.core.schedule;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * Working days are Monday to Friday in {@link #zone()}, minus {@link #holidays()}. Working time is the local
 * wall-clock time that falls on working days, counted as 24 hours per working day; weekends and holidays do not
 * count. So "N working days after t" is the same local time N working days later (Friday 15:00 + 1 = Monday
 * 15:00), and an invitation sent on a non-working day starts counting at 00:00 of the next working day
 * (Saturday 10:00 + 1 = Tuesday 00:00).
 */
public record WorkingCalendar(ZoneId zone, Set<LocalDate> holidays) implements Serializable {
    /** No deadline may lie further than this from its start; more would only come from a holiday list covering years. */
    private static final int MAX_SCANNED_DAYS = 3660;
    public static final int MAX_WORKING_DAYS = 30;

    public WorkingCalendar {
        if (zone == null) {
            throw new IllegalArgumentException("The working calendar needs a time zone, e.g. Europe/Amsterdam");
        }
        holidays = Set.copyOf(holidays == null ? Set.of() : holidays);
    }

    public static WorkingCalendar of(ZoneId zone, LocalDate... holidays) {
        return new WorkingCalendar(zone, Set.of(holidays));
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The acknowledgement deadline: {@code start} plus {@code workingDays} x 24 h of working time. */
    public Instant plusWorkingDays(Instant start, int workingDays) {
        checkWorkingDays(workingDays);
        return plusWorkingTime(start, Duration.ofDays(workingDays));
    }

    /** The reminder time: the instant at which half the working time between start and deadline has passed. */
    public Instant halfway(Instant start, Instant deadline) {
        return plusWorkingTime(start, workingTimeBetween(start, deadline).dividedBy(2));
    }

    public static void checkWorkingDays(int workingDays) {
        if (workingDays < 1 || workingDays > MAX_WORKING_DAYS) {
            throw new IllegalArgumentException(workingDays + " working days is out of range; give 1 to " + MAX_WORKING_DAYS);
        }
    }

    Instant plusWorkingTime(Instant start, Duration amount) {
        LocalDateTime t = LocalDateTime.ofInstant(start, zone);
        Duration left = amount;
        for (int scanned = 0; scanned < MAX_SCANNED_DAYS; scanned++) {
            LocalDateTime nextMidnight = t.toLocalDate().plusDays(1).atStartOfDay();
            if (isWorkingDay(t.toLocalDate())) {
                Duration restOfDay = Duration.between(t, nextMidnight);
                if (left.compareTo(restOfDay) <= 0) {
                    return t.plus(left).atZone(zone).toInstant();
                }
                left = left.minus(restOfDay);
            }
            t = nextMidnight;
        }
        throw new IllegalStateException("No working day within " + MAX_SCANNED_DAYS + " days of " + start
                + "; the holiday list covers too much, shorten it");
    }

    Duration workingTimeBetween(Instant start, Instant end) {
        LocalDateTime t = LocalDateTime.ofInstant(start, zone);
        LocalDateTime e = LocalDateTime.ofInstant(end, zone);
        Duration total = Duration.ZERO;
        while (t.isBefore(e)) {
            LocalDateTime nextMidnight = t.toLocalDate().plusDays(1).atStartOfDay();
            LocalDateTime stop = nextMidnight.isBefore(e) ? nextMidnight : e;
            if (isWorkingDay(t.toLocalDate())) {
                total = total.plus(Duration.between(t, stop));
            }
            t = stop;
        }
        return total;
    }
}
