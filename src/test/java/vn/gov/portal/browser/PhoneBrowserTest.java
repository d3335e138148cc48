package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;

/** The citizen's pages on a 360 px wide phone: nothing needs sideways scrolling (and axe checks each page). */
class PhoneBrowserTest extends BrowserJourney {

    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Dossiers dossiers;

    @Override
    String windowSize() {
        return "360,740";
    }

    @Test
    void everyCitizenPageFitsASmallPhone() {
        String idNumber = freeAdult(1410);
        Dossier dossier = submitTemporaryResidence(citizen(idNumber, 2));
        dossiers.applicantRecord(officer("ca.00308.tiepnhan"), dossier);   // a line in "who used my data"

        List<String> tooWide = new ArrayList<>();
        browser.open(portal("/procedures/temporary-residence/apply"));
        logIn(idNumber);
        checkWidth(tooWide);
        browser.type("#field-phone", "0912345678");
        browser.click("#next-step");
        checkWidth(tooWide);
        browser.click("#next-step");   // with errors: the error summary must fit too
        checkWidth(tooWide);
        for (String page : List.of("/", "/procedures?q=tam+tru", "/procedures/temporary-residence",
                "/procedures/birth-residence-health-insurance", "/procedures/temporary-residence/apply?step=review",
                "/my/dossiers", "/my/dossiers/" + dossier.id(), "/my/notifications", "/my/data-use", "/procedures?lang=en")) {
            browser.open(portal(page));
            checkWidth(tooWide);
        }
        assertThat(tooWide).as("pages wider than a 360 px phone").isEmpty();
    }

    private void checkWidth(List<String> tooWide) {
        browser.find("main");
        List<String> overflow = browser.sidewaysOverflow();
        if (!overflow.isEmpty()) {
            tooWide.add(browser.driver.getCurrentUrl() + " " + overflow);
        }
    }
}
