package vn.gov.portal.workflow;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.gov.portal.HeldInMemory;

/**
 * The working-day calendar built from the holiday table (days off, and weekend days worked in lieu of them), held in memory: every submission counts a deadline with it,
 * and reading the table each time was a statement per submission (docs/performance.md, "Twelfth round"). An admin's
 * change applies to the next deadline this instance counts ({@link #changedAfterCommit()}), and within
 * {@link HeldInMemory#MAX_AGE} on the others.
 */
@Component
public class HolidayCalendarSource {


    private final HeldInMemory<WorkingDayCalendar> calendar;

    public HolidayCalendarSource(JdbcClient jdbc) {
        this.calendar = new HeldInMemory<>(HeldInMemory.MAX_AGE, () -> {
            Set<LocalDate> daysOff = new HashSet<>();
            Set<LocalDate> workedWeekendDays = new HashSet<>();
            jdbc.sql("select day, working from holiday").query(rs -> {
                (rs.getBoolean("working") ? workedWeekendDays : daysOff).add(rs.getObject("day", LocalDate.class));
            });
            return new WorkingDayCalendar(daysOff, workedWeekendDays);
        });
    }

    public WorkingDayCalendar current() {
        return calendar.get();
    }

    /** The holidays changed in the current transaction: read them again once it has committed. */
    public void changedAfterCommit() {
        calendar.changedAfterCommit();
    }
}
