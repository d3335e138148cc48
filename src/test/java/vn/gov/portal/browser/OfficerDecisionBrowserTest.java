package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.workflow.HolidayCalendarSource;

/**
 * An officer asks for a supplement, sets the date to answer by and forgets to say what is missing: the page comes
 * back with the error summary, which has the focus and links to the reason, and the date as the officer set it. With
 * the reason written the request goes through. (A dossier of the police of Phường Ba Đình, 00304.)
 */
class OfficerDecisionBrowserTest extends BrowserJourney {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    HolidayCalendarSource calendars;

    @Test
    void aDecisionWithoutItsReasonComesBackWithTheSummaryFocusedAndTheDateKept() {
        Dossier filed = ((Filing.Submitted) filing.submit(citizen(freeAdult(2720), 2),
                catalog.find("temporary-residence").orElseThrow(), UUID.randomUUID(),
                temporaryResidence("01", "00304"))).dossier();
        Dossier received = decisions.decide(officer("ca.00304.tiepnhan"), filed.id(), "receive", "",
                filed.lockVersion());
        String due = calendars.current().addWorkingDays(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")), 12).toString();

        browser.open(portal("/officer/queue"));
        logIn("ca.00304.xuly");
        browser.open(portal("/officer/dossiers/" + received.id()));
        browser.setValue("#due-request-supplement", due);
        browser.click("#action-request-supplement");

        browser.waitForText("#error-summary", "Có lỗi cần sửa");
        assertThat(browser.text("#error-summary")).contains("cần ghi rõ lý do");
        assertThat(browser.driver.executeScript("return document.activeElement.id")).isEqualTo("error-summary");
        assertThat(browser.driver.getTitle()).startsWith("Lỗi:");
        assertThat(browser.find("#due-request-supplement").getAttribute("value")).isEqualTo(due);
        assertThat(browser.find("#note-request-supplement").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.text("#note-request-supplement-error")).contains("cần ghi rõ lý do");
        assertThat(browser.text("#status")).isEqualTo("Đã tiếp nhận");
        assertThat(Axe.seriousViolations(browser.driver)).as("axe-core on the officer's page shown again").isEmpty();

        // The summary's link takes the keyboard to the reason.
        browser.click("#error-summary a[href='#note-request-supplement']");
        assertThat(browser.driver.executeScript("return document.activeElement.id")).isEqualTo("note-request-supplement");
        browser.type("#note-request-supplement", "Thiếu bản sao hợp đồng thuê nhà có chữ ký của chủ nhà");
        browser.click("#action-request-supplement");
        browser.expectAttribute("#status", "data-status", "5");
        assertThat(jdbc.sql("select supplement_due from dossier where id = ?").param(received.id())
                .query(LocalDate.class).single().toString()).isEqualTo(due);
    }
}
