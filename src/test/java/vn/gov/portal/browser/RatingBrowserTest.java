package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;

/** A rating sent without a score: the page comes back with the focus on what went wrong, and leads to the field. */
class RatingBrowserTest extends BrowserJourney {

    @Autowired
    Decisions decisions;

    private Object focused() {
        return browser.driver.executeScript("return document.activeElement.id");
    }

    /** Waits until the element has the focus (scripts and the browser's own moves run after the page shows). */
    private void expectFocusOn(String id) {
        try {
            new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d -> id.equals(focused()));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(focused()).as("the element with the focus").isEqualTo(id);
        }
    }

    @Test
    void aRatingWithoutAScoreFocusesItsErrorSummaryWhichLeadsToTheInvalidRadios() {
        String idNumber = freeAdult(2612);
        Dossier dossier = submitTemporaryResidence(citizen(idNumber, 2));
        dossier = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ca.00308.xuly"), dossier.id(), "process", "", dossier.lockVersion());
        decisions.decide(officer("ca.00308.lanhdao"), dossier.id(), "approve", "", dossier.lockVersion());

        browser.open(portal("/my/dossiers/" + dossier.id()));
        logIn(idNumber);
        browser.click("#rating-submit");
        browser.find("#rating-error-summary");
        expectFocusOn("rating-error-summary");
        assertThat(browser.find("#rating-score-3").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.text("#rating-score-error")).contains("Hãy chọn mức độ hài lòng từ 1 đến 5.");

        browser.click("#rating-error-summary a");
        expectFocusOn("rating-score-5");
    }
}
