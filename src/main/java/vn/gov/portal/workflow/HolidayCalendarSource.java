package vn.gov.portal.workflow;

import java.time.LocalDate;
import java.util.HashSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Builds the working-day calendar from the holiday table, so an admin's change applies to the next deadline. */
@Component
public class HolidayCalendarSource {

    private final JdbcClient jdbc;

    public HolidayCalendarSource(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public WorkingDayCalendar current() {
        return new WorkingDayCalendar(new HashSet<>(jdbc.sql("select day from holiday").query(LocalDate.class).list()));
    }
}
