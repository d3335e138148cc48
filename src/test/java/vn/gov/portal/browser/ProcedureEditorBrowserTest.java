package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.admin.ProcedureEditor;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.StoredVersion;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;

/**
 * The admin adds a step to temporary residence in the browser and publishes it: a dossier filed afterwards passes
 * through the new step, one filed before goes on as it started.
 */
class ProcedureEditorBrowserTest extends BrowserJourney {

    private static final String CODE = "temporary-residence";

    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    ProcedureEditor editor;

    private int publishedBefore;

    @BeforeEach
    void rememberThePublishedVersion() {
        publishedBefore = catalog.find(CODE).orElseThrow().version();
    }

    /** Other tests file temporary residence as the file defines it: its text is published again. */
    @AfterEach
    void restoreTheProcedure() {
        editor.draft(CODE).ifPresent(d -> editor.discardDraft("quantri", CODE));
        if (catalog.find(CODE).orElseThrow().version() != publishedBefore) {
            editor.republish("quantri", CODE, publishedBefore);
        }
    }

    private Dossier file(int offset) {
        return ((Filing.Submitted) filing.submit(citizen(freeAdult(offset), 2), catalog.find(CODE).orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00308"))).dossier();
    }

    private String state(Dossier dossier) {
        return jdbc.sql("select state from dossier where id = ?").param(dossier.id()).query(String.class).single();
    }

    @Test
    void anAdminAddsAStepThatNewDossiersPassThroughAndEarlierOnesDoNot() {
        Dossier before = file(1550);

        browser.open(portal("/officer/queue"));
        logIn("quantri");
        browser.open(portal("/admin"));
        browser.click("#admin-procedures");
        browser.click("#procedure-" + CODE);
        browser.click("#start-draft");
        browser.find("#no-problems");
        assertThat(browser.find("#source").getAttribute("value")).contains("code: " + CODE);

        browser.type("#step-id", "checked");
        browser.type("#step-label-vi", "Đã kiểm tra hồ sơ");
        browser.type("#step-label-en", "Papers checked");
        browser.select("#step-status", "4");
        browser.select("#step-after", "received");
        browser.select("#step-before", "processing");
        browser.type("#step-event", "check");
        browser.type("#step-event-label-vi", "Kiểm tra hồ sơ");
        browser.type("#step-event-label-en", "Check the papers");
        browser.click("#step-in-role-HANDLER");
        browser.click("#add-step");
        browser.find("#no-problems");
        assertThat(browser.find("#source").getAttribute("value"))
                .contains("{ id: checked, status: 4, label: { vi: Đã kiểm tra hồ sơ, en: Papers checked } }");
        browser.click("#publish");
        int published = publishedBefore + 1;
        browser.expectAttribute("#version-" + published, "data-status", StoredVersion.Status.PUBLISHED.name());
        assertThat(browser.text("#diff")).contains("Đã kiểm tra hồ sơ", "check");
        logOut();

        Dossier after = file(1551);
        assertThat(after.procedureVersion()).isEqualTo(published);
        assertThat(before.procedureVersion()).isEqualTo(publishedBefore);

        String newUrl = portal("/officer/dossiers/" + after.id());
        decide("ca.00308.tiepnhan", newUrl, "receive", 2);
        browser.open(portal("/officer/queue"));
        logIn("ca.00308.xuly");
        browser.open(newUrl);
        assertThat(browser.page()).doesNotContain("id=\"action-process\"");
        browser.click("#action-check");
        browser.expectAttribute("#status", "data-status", "4");
        assertThat(state(after)).isEqualTo("checked");
        browser.click("#action-process");
        waitForState(after, "processing");

        // The dossier filed before the publication goes on under its version: no new step.
        String oldUrl = portal("/officer/dossiers/" + before.id());
        logOut();
        decide("ca.00308.tiepnhan", oldUrl, "receive", 2);
        browser.open(portal("/officer/queue"));
        logIn("ca.00308.xuly");
        browser.open(oldUrl);
        browser.find("#action-process");
        assertThat(browser.page()).doesNotContain("id=\"action-check\"");
        browser.click("#action-process");
        browser.expectAttribute("#status", "data-status", "4");
        waitForState(before, "processing");
        logOut();
    }

    /** Both states show national status 4, so the click's result is read where it is stored. */
    private void waitForState(Dossier dossier, String expected) {
        for (int i = 0; i < 200 && !expected.equals(state(dossier)); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(state(dossier)).isEqualTo(expected);
    }
}
