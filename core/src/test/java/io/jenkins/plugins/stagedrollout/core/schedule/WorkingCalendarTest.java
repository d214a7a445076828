package io.jenkins.plugins.stagedrollout.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkingCalendarTest {
    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private static final WorkingCalendar CAL = WorkingCalendar.of(AMS, LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28));

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(AMS).toInstant();
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
        "2026-11-25T10:00, 1, 2026-11-26T10:00", // Wednesday -> Thursday
        "2026-11-27T15:00, 1, 2026-11-30T15:00", // Friday -> Monday
        "2026-11-28T10:00, 1, 2026-12-01T00:00", // Saturday: counting starts Monday 00:00
        "2026-12-24T09:00, 1, 2026-12-29T09:00", // Thursday before Christmas Friday and a Monday holiday
        "2026-11-25T10:00, 5, 2026-12-02T10:00",
        "2026-10-23T12:00, 2, 2026-10-27T12:00", // across the end of summer time: same local time
    })
    void deadlineIsTheSameLocalTimeNWorkingDaysLater(String start, int days, String expected) {
        assertThat(CAL.plusWorkingDays(local(start), days)).isEqualTo(local(expected));
    }

    @ParameterizedTest(name = "halfway from {0} to {1} is {2}")
    @CsvSource({
        "2026-11-25T10:00, 2026-11-26T10:00, 2026-11-25T22:00",
        "2026-11-27T15:00, 2026-11-30T15:00, 2026-11-30T03:00", // the weekend does not count
    })
    void halfwayCountsOnlyWorkingTime(String start, String deadline, String expected) {
        assertThat(CAL.halfway(local(start), local(deadline))).isEqualTo(local(expected));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 31, 1000})
    void refusesAbsurdWorkingDays(int days) {
        assertThatThrownBy(() -> CAL.plusWorkingDays(local("2026-11-25T10:00"), days))
                .hasMessage(days + " working days is out of range; give 1 to 30");
    }

    @Test
    void weekendsAndHolidaysAreNotWorkingDays() {
        assertThat(CAL.isWorkingDay(LocalDate.of(2026, 11, 27))).isTrue();
        assertThat(CAL.isWorkingDay(LocalDate.of(2026, 11, 28))).isFalse();
        assertThat(CAL.isWorkingDay(LocalDate.of(2026, 12, 25))).isFalse();
    }
}
