package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import vn.gov.portal.workflow.HolidayCalendarSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;

/**
 * A receiver, a handler and an approver take one dossier through a supplementation request to its result, in the
 * browser; the citizen reads what is missing and answers it on their dossier page.
 */
class SupplementationBrowserTest extends BrowserJourney {

    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;

    @Autowired
    HolidayCalendarSource calendars;

    @Test
    void receiverHandlerAndApproverTakeADossierThroughSupplementationToItsResult() {
        String idNumber = freeAdult(900);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen(idNumber, 2),
                catalog.find("temporary-residence").orElseThrow(), UUID.randomUUID(),
                temporaryResidence("01", "00308"))).dossier();
        String officerUrl = portal("/officer/dossiers/" + dossier.id());

        browser.open(portal("/officer/queue"));
        logIn("ca.00308.tiepnhan");
        browser.open(officerUrl);
        browser.click("#claim");
        browser.find("#release");
        browser.click("#action-receive");
        browser.expectAttribute("#status", "data-status", "2");
        logOut();

        browser.open(portal("/officer/queue"));
        logIn("ca.00308.xuly");
        browser.open(officerUrl);
        browser.type("#note-request-supplement", "Bổ sung hợp đồng thuê nhà có chữ ký của chủ nhà");
        // The officer says by when the citizen should answer (offered: 10 working days from today).
        LocalDate due = calendars.current().addWorkingDays(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")), 12);
        browser.setValue("#due-request-supplement", due.toString());
        browser.click("#action-request-supplement");
        browser.expectAttribute("#status", "data-status", "5");
        logOut();

        browser.open(portal("/my/dossiers/" + dossier.id()));
        logIn(idNumber);
        // The citizen sees what is asked and by when, corrects the form and sends the supplement.
        assertThat(browser.text("#supplement-what")).isEqualTo("Bổ sung hợp đồng thuê nhà có chữ ký của chủ nhà");
        assertThat(browser.find("#supplement-due").getAttribute("datetime")).isEqualTo(due.toString());
        browser.click("#open-supplement");
        // Where the dossier was filed cannot change with a supplement.
        assertThat(browser.find("#field-newCommune").getAttribute("readonly")).isNotNull();
        browser.find("#field-newAddressDetail").clear();
        browser.click("#send-supplement");
        assertThat(browser.text("#error-summary")).contains("Số nhà");
        browser.type("#field-newAddressDetail", "Số 7, phố Hàng Bạc");
        browser.type("#supplement-message", "Đã gửi bản chụp hợp đồng thuê nhà");
        browser.click("#send-supplement");
        browser.expectAttribute("#status", "data-status", "4");
        assertThat(browser.text("#answer-newAddressDetail")).contains("Số 7, phố Hàng Bạc");
        assertThat(browser.text("#timeline")).contains("Đã gửi bản chụp hợp đồng thuê nhà", "Đã sửa: Số nhà");
        logOut();

        decide("ca.00308.lanhdao", officerUrl, "approve", 9);
        decide("ca.00308.tiepnhan", officerUrl, "return-result", 10);

        browser.open(portal("/my/dossiers/" + dossier.id()));
        logIn(idNumber);
        browser.expectAttribute("#status", "data-status", "10");
        assertThat(browser.text("#timeline")).contains("Phê duyệt", "Trả kết quả");
    }
}
