package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * The result notice of a completed dossier, checked by someone who received it: the citizen downloads the PDF, and
 * logged out, the public page confirms the code and that the file is the one issued.
 */
class DocumentVerificationBrowserTest extends BrowserJourney {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;

    @Test
    void theCitizensResultPdfIsConfirmedOnThePublicVerifyPage() throws Exception {
        PortalUser citizen = citizen(freeAdult(1230), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00308"))).dossier();
        dossier = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        decisions.decide(officer("ca.00308.xuly"), dossier.id(), "process", "", dossier.lockVersion());
        decide("ca.00308.lanhdao", portal("/officer/dossiers/" + dossier.id()), "approve", 9);

        browser.open(portal("/my/dossiers/" + dossier.id()));
        logIn(citizen.subject());
        browser.expectAttribute("#status", "data-status", "9");
        String code = browser.text("#code-CT08");
        browser.screenshot("citizen-documents");
        // What clicking the link saves: the PDF fetched with the citizen's session.
        Object fetched = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer()).then(buffer => {
                  const bytes = new Uint8Array(buffer); let text = '';
                  for (let i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
                  done(btoa(text));
                }).catch(e => done('failed: ' + e));""", browser.find("#form-CT08").getAttribute("href"));
        byte[] pdf = Base64.getDecoder().decode((String) fetched);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Path file = Files.createTempFile("ket-qua-", ".pdf");
        Files.write(file, pdf);
        logOut();

        try {
            browser.open(portal("/verify"));
            browser.type("#verify-code-input", code.toLowerCase());
            browser.click("#verify-submit");
            browser.find("#verify-found");
            assertThat(browser.text("#verify-code")).isEqualTo(code);
            assertThat(browser.text("#verify-receipt")).isEqualTo(dossier.receiptCode());
            assertThat(browser.text("#verify-kind")).isEqualTo("Thông báo về kết quả giải quyết đăng ký cư trú (mẫu CT08)");
            assertThat(browser.text("main")).doesNotContain(dossier.applicantName(), dossier.applicantIdNumber());

            browser.find("#verify-file").sendKeys(file.toAbsolutePath().toString());
            browser.click("#verify-compare");
            assertThat(browser.text("#verify-identical")).contains("giống hệt");
            browser.screenshot("public-verify");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
