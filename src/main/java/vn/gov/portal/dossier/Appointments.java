package vn.gov.portal.dossier;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.ProcedureDefinition.Deadline;
import vn.gov.portal.workflow.HolidayCalendarSource;

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
}
