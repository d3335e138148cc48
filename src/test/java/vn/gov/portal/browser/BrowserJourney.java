package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.gov.portal.PortalIntegrationTest;

/** A person's journey in a real browser, logging in through the real pages of the built-in e-ID provider. */
abstract class BrowserJourney extends PortalIntegrationTest {

    @LocalServerPort
    int port;
    Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = new Browser(windowSize());
        browser.checkAccessibilityOf(portal(""));
    }

    /** Every citizen page the journey went through must be free of serious and critical axe violations. */
    @AfterEach
    void closeBrowser() {
        try {
            assertThat(browser.accessibilityProblems).as("axe-core on the citizen pages").isEmpty();
        } finally {
            browser.close();
        }
    }

    /** The browser window, as "width,height". */
    String windowSize() {
        return "1280,1600";
    }

    String portal(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** On the provider's login page: log in and wait until the portal shows the logged-in page. */
    void logIn(String username) {
        browser.type("#username", username);
        browser.type("#password", "demo");
        browser.click("#login-submit");
        browser.find("#logout");
    }

    void logOut() {
        browser.click("#logout");
        browser.find("#login-link");
    }

    /** An officer logs in, takes one decision on the dossier page and logs out. */
    void decide(String officer, String dossierUrl, String event, int expectedStatus) {
        browser.open(portal("/officer/queue"));
        logIn(officer);
        browser.open(dossierUrl);
        browser.click("#action-" + event);
        browser.expectAttribute("#status", "data-status", String.valueOf(expectedStatus));
        logOut();
    }
}
