package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The whole slice in a real browser through the real login pages of the built-in e-ID provider: a citizen files a
 * temporary residence registration, the police of the new address receive, process and approve it, an officer of
 * another agency cannot open it, and the citizen sees the result.
 */
class TemporaryResidenceBrowserTest extends BrowserJourney {

    @Test
    void aCitizenFilesAndThePoliceOfTheNewAddressApprove() {
        String idNumber = adultOf("00304", 50);
        String name = jdbc.sql("select full_name from population.person where id_number = ?").param(idNumber)
                .query(String.class).single();

        browser.open(portal("/"));
        assertThat(browser.page()).contains("Đăng ký tạm trú");
        browser.click("#login-link");
        browser.click("#login-citizen");
        logIn(idNumber);

        // The HTTP session lives in PostgreSQL (Spring Session JDBC), so any portal instance can serve the next request.
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?").param(idNumber)
                .query(Long.class).single()).isPositive();

        browser.click("#apply-temporary-residence");
        assertThat(browser.find("#field-fullName").getAttribute("value")).isEqualTo(name);
        assertThat(browser.find("#field-fullName").getAttribute("readonly")).isNotNull();
        assertThat(browser.find("#field-idNumber").getAttribute("value")).isEqualTo(idNumber);
        assertThat(browser.page()).contains("Từ CSDL quốc gia về dân cư");

        // One section per page, with the progress shown.
        assertThat(browser.text("#step-count")).isEqualTo("Bước 1/3");
        browser.type("#field-phone", "0912345678");
        browser.click("#next-step");

        // A mistake: no address, so the error summary lists it and the citizen stays on this page.
        assertThat(browser.text("#step-count")).isEqualTo("Bước 2/3");
        browser.click("#next-step");
        assertThat(browser.text("#error-summary")).contains("Số nhà");

        browser.select("#field-newProvince", "01");
        browser.select("#field-newCommune", "00308");
        browser.type("#field-newAddressDetail", "Số 5, phố Hàng Bạc");
        browser.setValue("#field-periodFrom", LocalDate.now().plusDays(2).toString());
        browser.setValue("#field-periodTo", LocalDate.now().plusMonths(6).toString());
        browser.type("#field-reason", "Thuê nhà để đi làm");
        browser.screenshot("citizen-form");
        browser.click("#next-step");

        // Check your answers: everything on one page, each section with a link back to its page.
        assertThat(browser.text("#answer-newAddressDetail")).contains("Số 5, phố Hàng Bạc");
        assertThat(browser.text("#answer-phone")).contains("0912345678");
        browser.click("#change-stay");
        assertThat(browser.find("#field-reason").getText()).isEqualTo("Thuê nhà để đi làm");
        browser.click("#next-step");
        browser.click("#submit-dossier");

        browser.find("#submitted-panel");
        String receiptCode = browser.text("#receipt-code");
        assertThat(receiptCode).startsWith("CA.01.00308-");
        browser.click("#view-dossier");
        assertThat(browser.text("#receipt-code")).isEqualTo(receiptCode);
        browser.expectAttribute("#status", "data-status", "1");
        String dossierPath = browser.path();
        String dossierId = dossierPath.substring(dossierPath.lastIndexOf('/') + 1);
        logOut();

        String officerUrl = portal("/officer/dossiers/" + dossierId);
        browser.open(portal("/officer/queue"));
        logIn("ca.00308.tiepnhan");
        assertThat(browser.find("#open-" + receiptCode.replace(".", "\\.")).getText()).isEqualTo(receiptCode);
        browser.click("#open-" + receiptCode.replace(".", "\\."));
        browser.screenshot("officer-dossier");
        browser.click("#action-receive");
        browser.expectAttribute("#status", "data-status", "2");
        logOut();

        decide("ca.00308.xuly", officerUrl, "process", 4);
        decide("ca.00308.lanhdao", officerUrl, "approve", 9);

        // Police of another commune: the dossier does not exist for them.
        browser.open(portal("/officer/queue"));
        logIn("ca.00304.tiepnhan");
        browser.open(officerUrl);
        assertThat(browser.text("main")).contains("Không tìm thấy").doesNotContain(receiptCode);
        logOut();

        browser.open(portal("/my/dossiers"));
        logIn(idNumber);
        browser.open(portal(dossierPath));
        browser.expectAttribute("#status", "data-status", "9");
        assertThat(browser.text("#timeline")).contains("Nộp hồ sơ", "Tiếp nhận", "Phê duyệt");
        browser.screenshot("citizen-dossier");

        assertThat(jdbc.sql("select commune_code from population.residence where id_number = ? and kind = 'TEMPORARY'")
                .param(idNumber).query(String.class).single()).isEqualTo("00308");
    }
}
