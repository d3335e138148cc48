package vn.gov.portal.forms;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A PDF shown in the browser (inline, so it opens to print) under a file name for saving it. */
final class PdfResponse {

    private PdfResponse() {
    }

    static ResponseEntity<byte[]> inline(String name, byte[] pdf) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name + ".pdf").build().toString())
                .body(pdf);
    }
}
