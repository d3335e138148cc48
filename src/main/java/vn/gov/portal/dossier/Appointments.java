package vn.gov.portal.dossier;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.ProcedureDefinition.Deadline;
import vn.gov.portal.workflow.HolidayCalendarSource;
import vn.gov.portal.workflow.WorkingDayCalendar;

/** The appointment date (ngày hẹn trả) of a dossier received now, by the procedure's kind of deadline. */
@Component
class Appointments {

    private final HolidayCalendarSource calendar;

    Appointments(HolidayCalendarSource calendar) {
        this.calendar = calendar;
    }

    LocalDate due(Deadline deadline, LocalDateTime receivedAt) {
        if (deadline.workingDays() != null) {
            return calendar.current().appointment(receivedAt, deadline.workingDays());
        }
        if (deadline.calendarDays() != null) {
            return receivedAt.toLocalDate().plusDays(deadline.calendarDays());
        }
        return receivedAt.plusHours(deadline.hours()).toLocalDate();
    }

    /**
     * The appointment under the deadline's lawful longer time: counted from the receipt as the usual one was, then
     * moved by the working days the {@code current} appointment already lies beyond the usual one — the days the
     * legal clock stood still during supplementation (and an extension given before, if any).
     */
    LocalDate dueLonger(Deadline deadline, LocalDateTime receivedAt, LocalDate current) {
        WorkingDayCalendar days = calendar.current();
        LocalDate usual = days.appointment(receivedAt, deadline.workingDays());
        int moved = current.isAfter(usual) ? days.workingDaysBetween(usual, current) : 0;
        return days.addWorkingDays(days.appointment(receivedAt, deadline.longer().workingDays()), moved);
    }
}
