package vn.gov.portal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {

    // Reunification Day and Labour Day 2026 fall on Thursday and Friday.
    private final WorkingDayCalendar calendar = new WorkingDayCalendar(
            Set.of(LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 1)));

    @Test
    void threeWorkingDaysFromAMondayIsThursday() {
        assertThat(calendar.appointment(LocalDateTime.of(2026, 11, 23, 10, 0), 3)).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    @Test
    void weekendsDoNotCount() {
        // Thursday + 3 working days: Friday, Monday, Tuesday.
        assertThat(calendar.appointment(LocalDateTime.of(2026, 11, 26, 9, 0), 3)).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void aDossierFiledOnSaturdayCountsFromMonday() {
        assertThat(calendar.appointment(LocalDateTime.of(2026, 11, 28, 9, 0), 3)).isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void holidaysDoNotCount() {
        // Wednesday 29 April + 3: (30 Apr, 1 May holidays, 2-3 May weekend) Mon 4, Tue 5, Wed 6.
        assertThat(calendar.appointment(LocalDateTime.of(2026, 4, 29, 9, 0), 3)).isEqualTo(LocalDate.of(2026, 5, 6));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 4, 30))).isFalse();
    }

    @Test
    void aSaturdayWorkedInLieuOfASwappedDayOffCounts() {
        // 2025: Friday 2 May off, Saturday 26 April worked instead (with 30 April and 1 May holidays).
        Set<LocalDate> daysOff = Set.of(LocalDate.of(2025, 4, 30), LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 2));
        WorkingDayCalendar swapped = new WorkingDayCalendar(daysOff, Set.of(LocalDate.of(2025, 4, 26)));
        // Thursday 24 April + 3: Friday 25, Saturday 26 (worked), Monday 28; without the swap Tuesday 29.
        assertThat(swapped.appointment(LocalDateTime.of(2025, 4, 24, 9, 0), 3)).isEqualTo(LocalDate.of(2025, 4, 28));
        assertThat(new WorkingDayCalendar(daysOff).appointment(LocalDateTime.of(2025, 4, 24, 9, 0), 3))
                .isEqualTo(LocalDate.of(2025, 4, 29));
        assertThat(swapped.isWorkingDay(LocalDate.of(2025, 4, 26))).isTrue();
        assertThat(swapped.isWorkingDay(LocalDate.of(2025, 4, 27))).isFalse();
        // A dossier filed on the worked Saturday counts from that day.
        assertThat(swapped.nextWorkingDayFrom(LocalDate.of(2025, 4, 26))).isEqualTo(LocalDate.of(2025, 4, 26));
    }

    @Test
    void sameDayProceduresReceivedAfterThreePmAreDueTheNextWorkingDay() {
        assertThat(calendar.appointment(LocalDateTime.of(2026, 11, 23, 14, 59), 0)).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(calendar.appointment(LocalDateTime.of(2026, 11, 23, 15, 1), 0)).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(calendar.appointment(LocalDateTime.of(2026, 11, 27, 16, 0), 0)).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void aPausedClockCountsOnlyTheWorkingDaysItStoodStill() {
        // From Wednesday 29 April 2026 to Wednesday 6 May: Thu/Fri are holidays, then a weekend; Mon, Tue, Wed count.
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 4, 29), LocalDate.of(2026, 5, 6))).isEqualTo(3);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23))).isZero();
    }
}
