package vn.gov.portal.workflow;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Set;

/**
 * Legal deadlines are counted in working days: Saturdays, Sundays and public holidays (data, per year) do not count,
 * except a weekend day the government made a working day to make up for a swapped day off (also data).
 */
public final class WorkingDayCalendar {

    /** Files received after this time on a same-day procedure are answered the next working day. */
    public static final LocalTime SAME_DAY_CUTOFF = LocalTime.of(15, 0);

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workingWeekendDays;

    public WorkingDayCalendar(Set<LocalDate> holidays) {
        this(holidays, Set.of());
    }

    public WorkingDayCalendar(Set<LocalDate> holidays, Set<LocalDate> workingWeekendDays) {
        this.holidays = Set.copyOf(holidays);
        this.workingWeekendDays = Set.copyOf(workingWeekendDays);
    }

    public static boolean isWeekend(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }

    public boolean isWorkingDay(LocalDate day) {
        return isWeekend(day) ? workingWeekendDays.contains(day) : !holidays.contains(day);
    }

    public LocalDate nextWorkingDayFrom(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The working day {@code days} working days after {@code start} (itself moved to a working day first). */
    public LocalDate addWorkingDays(LocalDate start, int days) {
        LocalDate d = nextWorkingDayFrom(start);
        for (int left = days; left > 0; left--) {
            d = nextWorkingDayFrom(d.plusDays(1));
        }
        return d;
    }

    /** Working days after {@code from} up to and including {@code to}: how long a paused clock stood still. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int days = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            days += isWorkingDay(d) ? 1 : 0;
        }
        return days;
    }

    /**
     * The appointment date for a dossier received at {@code receivedAt} with a deadline of {@code workingDays}.
     * A dossier received on a day off counts from the next working day; a same-day one received after 15:00 is due
     * the next working day.
     */
    public LocalDate appointment(LocalDateTime receivedAt, int workingDays) {
        LocalDate day = receivedAt.toLocalDate();
        if (workingDays == 0 && isWorkingDay(day) && receivedAt.toLocalTime().isAfter(SAME_DAY_CUTOFF)) {
            return addWorkingDays(day, 1);
        }
        return addWorkingDays(day, workingDays);
    }
}
