package vn.gov.portal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The calendar against a table of cases: weekends, Tết 2026, the 15:00 rule, and clocks paused for supplementation. */
class WorkingDayTableTest {

    /** Tết 2026 (16-20 February) and Reunification / Labour Day 2026, as the V5 migration seeds them. */
    private static final WorkingDayCalendar CALENDAR = new WorkingDayCalendar(Set.copyOf(Stream.of(
            "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-30", "2026-05-01")
            .map(LocalDate::parse).toList()));

    @ParameterizedTest(name = "received {0} + {1} working days = {2}")
    @CsvSource({
            "2026-11-23T10:00, 3, 2026-11-26",   // Monday, ordinary week
            "2026-11-27T10:00, 3, 2026-12-02",   // Friday: the weekend does not count
            "2026-11-28T10:00, 1, 2026-12-01",   // Saturday: counted from Monday
            "2026-02-13T09:00, 1, 2026-02-23",   // Friday before Tết: the whole Tết week is off
            "2026-02-17T09:00, 0, 2026-02-23",   // same-day procedure filed during Tết
            "2026-11-23T14:59, 0, 2026-11-23",   // same day, before 15:00
            "2026-11-23T15:00, 0, 2026-11-23",   // 15:00 itself is still in time
            "2026-11-23T15:01, 0, 2026-11-24",   // after 15:00: next working day
            "2026-11-27T16:30, 0, 2026-11-30",   // Friday after 15:00: Monday
            "2026-04-29T08:00, 2, 2026-05-05"    // across 30 April, 1 May and a weekend
    })
    void appointments(LocalDateTime received, int workingDays, LocalDate expected) {
        assertThat(CALENDAR.appointment(received, workingDays)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "paused {0} → resumed {1}: {2} working days")
    @CsvSource({
            "2026-11-23, 2026-11-23, 0",   // answered the same day: nothing waited
            "2026-11-23, 2026-11-24, 1",
            "2026-11-27, 2026-11-30, 1",   // over a weekend: only Monday counts
            "2026-02-13, 2026-02-24, 2",   // over Tết: Monday 23 and Tuesday 24
            "2026-04-29, 2026-05-06, 3"    // over the April/May holidays
    })
    void pausedClocks(LocalDate paused, LocalDate resumed, int waited) {
        assertThat(CALENDAR.workingDaysBetween(paused, resumed)).isEqualTo(waited);
    }
}
