package vn.gov.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.workflow.HolidayCalendarSource;

/** The holiday calendar: a day off added applies to the next dossier at once and moves no earlier appointment. */
class HolidayReferenceTest extends ReferenceTestSupport {

    @Autowired
    HolidayCalendarSource calendar;
    @Autowired
    Filing filing;
    @Autowired
    Dossiers dossiers;
    @Autowired
    ProcedureCatalog catalog;

    private Dossier submit(PortalUser citizen) {
        return ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00308"))).dossier();
    }

    @Test
    void aDayOffAddedMovesTheAppointmentOfTheNextDossierButNotOfAnEarlierOne() throws Exception {
        PortalUser earlierCitizen = citizen(freeAdult(1653), 2);
        PortalUser laterCitizen = citizen(freeAdult(1654), 2);
        Dossier earlier = submit(earlierCitizen);
        // A working day after today and before the appointment: as a day off it must push the deadline back.
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        LocalDate dayOff = calendar.current().nextWorkingDayFrom(today.plusDays(1));
        assertThat(dayOff).isBefore(earlier.appointmentDate().plusDays(1));
        String day = dayOff.toString();
        try {
            adminPost("/admin/reference/holidays", "day", day, "nameVi", "Nghỉ bù thử nghiệm", "nameEn", "Test day off")
                    .andExpect(status().is3xxRedirection());
            assertThat(calendar.current().isWorkingDay(dayOff)).isFalse();
            Dossier later = submit(laterCitizen);
            assertThat(later.appointmentDate()).isAfter(earlier.appointmentDate());
            assertThat(dossiers.forCitizen(earlierCitizen, earlier.id()).appointmentDate())
                    .isEqualTo(earlier.appointmentDate());
            assertThat(lastAudit("holiday", day).get("action")).isEqualTo("reference.holiday.add");
            adminGet("/admin/reference/holidays", "year", String.valueOf(dayOff.getYear())).andExpect(status().isOk())
                    .andExpect(content().string(containsString("Nghỉ bù thử nghiệm")))
                    .andExpect(content().string(containsString("ngày hẹn trả kết quả của các hồ sơ đã nộp không thay đổi")));
        } finally {
            adminPost("/admin/reference/holidays/" + day + "/remove").andExpect(status().is3xxRedirection());
        }
        assertThat(calendar.current().isWorkingDay(dayOff)).isTrue();
        assertThat((String) lastAudit("holiday", day).get("details")).contains("\"after\": null")
                .contains("Nghỉ bù thử nghiệm");
    }

    @Test
    void weekendsMalformedDatesDuplicatesAndEmptyNamesAreRefused() throws Exception {
        LocalDate saturday = LocalDate.of(2031, 1, 1);
        while (saturday.getDayOfWeek() != DayOfWeek.SATURDAY) {
            saturday = saturday.plusDays(1);
        }
        long holidays = jdbc.sql("select count(*) from holiday").query(Long.class).single();
        adminPost("/admin/reference/holidays", "day", saturday.toString(), "nameVi", "Thứ Bảy", "nameEn", "Saturday")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("vốn đã không phải ngày làm việc")));
        adminPost("/admin/reference/holidays", "day", "2031-02-30", "nameVi", "", "nameEn", "x", "lang", "en")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The date is not in the form year-month-day")))
                .andExpect(content().string(containsString("href=\"#f-nameVi\"")));
        adminPost("/admin/reference/holidays", "day", "2026-09-02", "nameVi", "Quốc khánh", "nameEn", "National Day")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Ngày này đã có trong lịch.")));
        assertThat(jdbc.sql("select count(*) from holiday").query(Long.class).single()).isEqualTo(holidays);
        adminPost("/admin/reference/holidays/2031-03-04/remove").andExpect(status().isNotFound());
        adminPost("/admin/reference/holidays/not-a-date/remove").andExpect(status().isBadRequest());
        adminGet("/admin/reference/holidays", "year", "1850").andExpect(status().isNotFound());
    }

    @Test
    void aSundayWorkedInLieuCountsAsAWorkingDayAndAWeekdayCannotBeOne() throws Exception {
        // The seeded swap of 2025: Saturday 26 April was worked in lieu of Friday 2 May.
        assertThat(calendar.current().isWorkingDay(LocalDate.of(2025, 4, 26))).isTrue();
        assertThat(calendar.current().isWorkingDay(LocalDate.of(2025, 5, 2))).isFalse();
        LocalDate sunday = LocalDate.of(2032, 3, 7);
        assertThat(sunday.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(calendar.current().isWorkingDay(sunday)).isFalse();
        long rows = jdbc.sql("select count(*) from holiday").query(Long.class).single();
        adminPost("/admin/reference/holidays", "day", sunday.minusDays(2).toString(), "working", "true",
                "nameVi", "Làm bù", "nameEn", "Worked", "lang", "en")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("A day worked in lieu must be a Saturday or Sunday")));
        assertThat(jdbc.sql("select count(*) from holiday").query(Long.class).single()).isEqualTo(rows);
        try {
            adminPost("/admin/reference/holidays", "day", sunday.toString(), "working", "true",
                    "nameVi", "Làm bù thử nghiệm", "nameEn", "Test day worked")
                    .andExpect(status().is3xxRedirection());
            assertThat(calendar.current().isWorkingDay(sunday)).isTrue();
            assertThat((String) lastAudit("holiday", sunday.toString()).get("details")).contains("\"working\": true");
            adminGet("/admin/reference/holidays", "year", "2032").andExpect(status().isOk())
                    .andExpect(content().string(containsString("Làm bù thử nghiệm")))
                    .andExpect(content().string(containsString("Ngày làm việc bù")));
        } finally {
            adminPost("/admin/reference/holidays/" + sunday + "/remove").andExpect(status().is3xxRedirection());
        }
        assertThat(calendar.current().isWorkingDay(sunday)).isFalse();
    }
}
