package vn.gov.portal.reference;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.workflow.HolidayCalendarSource;
import vn.gov.portal.workflow.WorkingDayCalendar;

/**
 * The holiday table behind the working-day calendar. HolidayCalendarSource holds it in memory and reads it again after
 * each change here, so a change applies to the next dossier (on other instances within a minute); appointment dates
 * already given stay as they are. A day off is a weekday (weekends never count anyway); a working day is a Saturday or
 * Sunday the government made one to make up for a swapped day off.
 */
@Component
public class Holidays {

    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;

    private final JdbcClient jdbc;
    private final ReferenceAudit audit;
    private final HolidayCalendarSource calendar;

    Holidays(JdbcClient jdbc, ReferenceAudit audit, HolidayCalendarSource calendar) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.calendar = calendar;
    }

    public List<Holiday> year(int year) {
        return jdbc.sql("select day, name_vi, name_en, working from holiday where day between ? and ? order by day")
                .params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).query(Holiday.class).list();
    }

    /**
     * Adds a day off, or with {@code working} a weekend day worked in lieu; {@code date} as typed (yyyy-MM-dd, what a
     * date input sends).
     */
    @Transactional
    public Holiday add(String actor, String date, String nameVi, String nameEn, boolean working) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        LocalDate day = null;
        if (date == null || date.isBlank()) {
            problems.add("day", "reference.error.required");
        } else {
            try {
                day = LocalDate.parse(date.strip());
                if (day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR) {
                    problems.add("day", "reference.holiday.error.year", FIRST_YEAR, LAST_YEAR);
                } else if (!working && WorkingDayCalendar.isWeekend(day)) {
                    problems.add("day", "reference.holiday.error.weekend");
                } else if (working && !WorkingDayCalendar.isWeekend(day)) {
                    problems.add("day", "reference.holiday.error.workingWeekday");
                } else if (find(day).isPresent()) {
                    problems.add("day", "reference.holiday.error.exists");
                }
            } catch (DateTimeParseException e) {
                problems.add("day", "reference.holiday.error.date");
            }
        }
        String vi = problems.text("nameVi", nameVi, 200);
        String en = problems.text("nameEn", nameEn, 200);
        problems.throwIfAny();
        jdbc.sql("insert into holiday (day, name_vi, name_en, working) values (?, ?, ?, ?)")
                .params(day, vi, en, working).update();
        calendar.changedAfterCommit();
        Holiday added = new Holiday(day, vi, en, working);
        audit.record(actor, "holiday.add", "holiday", day.toString(), null, snapshot(added));
        return added;
    }

    /** Removes a day off; empty when the day is not one. */
    @Transactional
    public Optional<Holiday> remove(String actor, LocalDate day) {
        Optional<Holiday> removed = jdbc.sql("delete from holiday where day = ? returning day, name_vi, name_en, working")
                .param(day).query(Holiday.class).optional();
        removed.ifPresent(h -> calendar.changedAfterCommit());
        removed.ifPresent(h -> audit.record(actor, "holiday.remove", "holiday", day.toString(),
                snapshot(h), null));
        return removed;
    }

    private static Map<String, Object> snapshot(Holiday h) {
        return ReferenceAudit.snapshot("day", h.day().toString(), "nameVi", h.nameVi(), "nameEn", h.nameEn(),
                "working", h.working());
    }

    private Optional<Holiday> find(LocalDate day) {
        return jdbc.sql("select day, name_vi, name_en, working from holiday where day = ?").param(day).query(Holiday.class).optional();
    }
}
