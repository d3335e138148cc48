package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import vn.gov.portal.attachment.Attachments;
import vn.gov.portal.attachment.TestFiles;

/**
 * A citizen attaches a scanned contract to the form of a new power connection in a real browser (a file over the
 * limit first, which is refused with a message), submits, and the power company's officer sees the file on the
 * dossier and downloads exactly the bytes that were sent.
 */
class AttachmentBrowserTest extends BrowserJourney {

    private Path folder;

    @AfterEach
    void removeFiles() throws IOException {
        if (folder != null) {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

    @Test
    void aCitizenAttachesAPdfAndTheOfficerDownloadsTheSameFile() throws IOException {
        folder = Files.createTempDirectory("portal-attachments");
        byte[] contract = TestFiles.pdf("Hợp đồng thuê nhà số 12 Hàng Bạc – bản scan");
        Path scan = Files.write(folder.resolve("Hợp đồng thuê nhà.pdf"), contract);
        byte[] huge = Arrays.copyOf(contract, Attachments.MAX_BYTES + 512 * 1024);
        System.arraycopy("%%EOF".getBytes(StandardCharsets.US_ASCII), 0, huge, huge.length - 5, 5);
        Path tooBig = Files.write(folder.resolve("ban-scan-600dpi.pdf"), huge);
        String idNumber = freeAdult(1050);

        browser.open(portal("/procedures/electricity-new-connection/apply"));
        logIn(idNumber);
        browser.type("#field-phone", "0912345678");
        browser.click("#next-step");
        browser.select("#field-connectionProvince", "01");
        browser.select("#field-connectionCommune", "00304");
        browser.type("#field-connectionAddress", "Số 12, phố Hàng Bạc");
        browser.click("#next-step");
        browser.select("#field-purpose", "DOMESTIC");
        browser.type("#field-expectedLoad", "5");
        browser.select("#field-phases", "1");
        browser.click("#next-step");
        // The papers' page: what the register proves is not asked for.
        assertThat(browser.text("#field-attachment-idCard-group"))
                .contains("cơ quan giải quyết tự kiểm tra giấy tờ này trong Cơ sở dữ liệu quốc gia về dân cư");
        browser.click("#next-step");
        browser.click("#submit-dossier");
        // Not yet: the error summary links to the upload field of the missing paper, on the papers' page.
        browser.click("#error-summary a[href$='#field-attachment-premisesProof']");
        assertThat(browser.driver.getCurrentUrl()).contains("step=documents");
        browser.find("#field-attachment-premisesProof");

        browser.find("#field-attachment-premisesProof").sendKeys(tooBig.toString());
        browser.click("#upload-premisesProof");
        assertThat(browser.text("#problem")).contains("Tệp quá lớn", "10 MB");
        // The message has the focus, so a screen reader reads it first.
        assertThat(browser.driver.executeScript("return document.activeElement.id")).isEqualTo("problem");

        browser.find("#field-attachment-premisesProof").sendKeys(scan.toString());
        browser.click("#upload-premisesProof");
        browser.waitForText("#notice", "Hợp đồng thuê nhà.pdf");
        assertThat(browser.text("#field-attachment-premisesProof-group")).contains("Hợp đồng thuê nhà.pdf", "(PDF, ");
        // Reached by the keyboard, "Xóa" shows the portal's dark focus outline (a yellow one is too faint on white).
        browser.driver.executeScript("document.querySelector('.attachment-files .attachment-link').focus()");
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        assertThat(browser.driver.executeScript("return document.activeElement.className")).isEqualTo("attachment-remove");
        assertThat(browser.driver.executeScript("return getComputedStyle(document.activeElement).outlineColor"))
                .isEqualTo("rgb(27, 27, 27)");
        browser.driver.executeScript("document.getElementById('attachments').scrollIntoView()");
        browser.screenshot("attachments-form");
        browser.click("#next-step");
        browser.click("#submit-dossier");
        browser.find("#submitted-panel");
        browser.click("#view-dossier");
        assertThat(browser.text("#attachments")).contains("Hợp đồng thuê nhà.pdf");
        String url = browser.path();
        UUID dossier = UUID.fromString(url.substring(url.lastIndexOf('/') + 1));
        logOut();

        String stored = jdbc.sql("select sha256 from attachment where dossier_id = ?").param(dossier)
                .query(String.class).single();
        assertThat(stored).isEqualTo(TestFiles.sha256(contract));

        browser.open(portal("/officer/dossiers/" + dossier));
        logIn("dl.01.xuly");
        String link = browser.find("#attachments .attachment-link").getAttribute("href");
        assertThat(browser.text("#attachments")).contains("Hợp đồng thuê nhà.pdf", stored);
        browser.driver.executeScript("document.getElementById('attachments').scrollIntoView()");
        browser.screenshot("attachments-officer");
        List<?> download = (List<?>) browser.driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(function (response) {
                  return response.arrayBuffer().then(function (body) {
                    return crypto.subtle.digest('SHA-256', body);
                  }).then(function (digest) {
                    var hex = Array.from(new Uint8Array(digest)).map(function (b) {
                      return b.toString(16).padStart(2, '0');
                    }).join('');
                    done([response.status, hex, response.headers.get('Content-Type'),
                          response.headers.get('Content-Disposition'), response.headers.get('X-Content-Type-Options')]);
                  });
                });""", link);
        assertThat(download.get(0)).isEqualTo(200L);
        assertThat(download.get(1)).isEqualTo(TestFiles.sha256(contract));
        assertThat(download.get(2)).isEqualTo("application/pdf");
        assertThat((String) download.get(3)).startsWith("attachment;")
                .contains("filename*=UTF-8''H%E1%BB%A3p%20%C4%91%E1%BB%93ng%20thu%C3%AA%20nh%C3%A0.pdf");
        assertThat(download.get(4)).isEqualTo("nosniff");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'attachment.downloaded' and actor = 'dl.01.xuly' and subject_id = ?")
                .param(idNumber).query(Long.class).single()).isEqualTo(1);
    }
}
