package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A citizen types part of a form and leaves without pressing anything: the page saved itself in the background. Back
 * another day, the procedure's page offers the draft, and the form continues where the answers were left.
 */
class DraftBrowserTest extends BrowserJourney {

    @Test
    void whatWasTypedIsKeptAndTheDraftIsOfferedOnReturn() {
        String idNumber = freeAdult(1411);
        browser.open(portal("/procedures/temporary-residence/apply"));
        logIn(idNumber);
        browser.type("#field-phone", "0912345678");
        browser.click("#next-step");
        browser.select("#field-newProvince", "01");
        browser.type("#field-newAddressDetail", "Số 21, phố Lò Sũ");
        // Nothing pressed: the status line says when the page saved itself.
        browser.waitForText("#autosave-status", "Đã tự động lưu nháp lúc");
        logOut();

        browser.open(portal("/procedures/temporary-residence"));
        browser.click("#login-link");
        browser.click("#login-citizen");
        logIn(idNumber);
        browser.open(portal("/procedures/temporary-residence"));
        browser.click("#continue-draft");
        browser.find("#resumed-draft");
        assertThat(browser.find("#field-phone").getAttribute("value")).isEqualTo("0912345678");
        browser.click("#next-step");
        assertThat(browser.find("#field-newAddressDetail").getAttribute("value")).isEqualTo("Số 21, phố Lò Sũ");

        // Starting again deletes the draft: the form holds only what the register knows again (a phone only if the
        // register has one: without it, going on would ask for it).
        browser.click("#previous-step");
        browser.click("#discard-draft");
        browser.find("#notice");
        String registerPhone = jdbc.sql("select coalesce(phone, '') from population.person where id_number = ?")
                .param(idNumber).query(String.class).single();
        assertThat(browser.find("#field-phone").getAttribute("value")).isEqualTo(registerPhone);
        browser.type("#field-phone", "0912345678");
        browser.click("#next-step");
        assertThat(browser.find("#field-newAddressDetail").getAttribute("value")).isEmpty();
    }
}
