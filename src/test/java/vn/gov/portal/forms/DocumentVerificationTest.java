package vn.gov.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * Issued PDFs carry a verification code; the same file comes back on every download; anyone, logged out, can check
 * the code and compare a file with what was issued.
 */
class DocumentVerificationTest extends PortalIntegrationTest {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    MockMvc mvc;

    private Dossier completed(PortalUser citizen) {
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00308"))).dossier();
        dossier = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ca.00308.xuly"), dossier.id(), "process", "", dossier.lockVersion());
        return decisions.decide(officer("ca.00308.lanhdao"), dossier.id(), "approve", "", dossier.lockVersion());
    }

    private byte[] download(PortalUser user, String path) throws Exception {
        return mvc.perform(get(path).with(authentication(login(user)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
    }

    private static String[] pages(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        String[] pages = new String[reader.getNumberOfPages()];
        for (int page = 1; page <= pages.length; page++) {
            pages[page - 1] = new PdfTextExtractor(reader).getTextFromPage(page);
        }
        return pages;
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path)).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theResultNoticeIsIssuedOnceWithACodeOnEveryPageAndTheSameBytesOnEveryDownload() throws Exception {
        PortalUser citizen = citizen(freeAdult(1200), 2);
        Dossier dossier = completed(citizen);
        byte[] first = download(citizen, "/my/dossiers/" + dossier.id() + "/forms/CT08");
        byte[] again = download(citizen, "/my/dossiers/" + dossier.id() + "/forms/CT08");
        byte[] officers = download(officer("ca.00308.xuly"), "/officer/dossiers/" + dossier.id() + "/forms/CT08");
        assertThat(again).isEqualTo(first);
        assertThat(officers).isEqualTo(first);

        var row = jdbc.sql("select code, sha256, agency_id from issued_document where dossier_id = ? and form = 'CT08'")
                .param(dossier.id()).query().singleRow();
        String code = (String) row.get("code");
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
        assertThat(row.get("sha256")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first)));
        assertThat(((Number) row.get("agency_id")).longValue()).isEqualTo(dossier.agencyId());
        for (String text : pages(first)) {
            assertThat(text).contains(code, "http://127.0.0.1:8080/verify/" + code);
        }

        // The dossier page lists the document with that code; the receipt (CT04) got its own code.
        String dossierPage = mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString();
        assertThat(dossierPage).contains("id=\"code-CT08\"", code, "id=\"code-CT04\"");
        assertThat(jdbc.sql("select count(*) from issued_document where dossier_id = ?").param(dossier.id())
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anyoneLoggedOutSeesWhatWasIssuedWithTheNameMaskedAndCanCompareAFile() throws Exception {
        PortalUser citizen = citizen(freeAdult(1201), 2);
        Dossier dossier = completed(citizen);
        byte[] pdf = download(citizen, "/my/dossiers/" + dossier.id() + "/forms/CT08");
        String code = jdbc.sql("select code from issued_document where dossier_id = ? and form = 'CT08'")
                .param(dossier.id()).query(String.class).single();
        String agency = jdbc.sql("select name_vi from agency where id = ?").param(dossier.agencyId())
                .query(String.class).single();

        String shown = mvc.perform(get("/verify/" + code)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("id=\"verify-found\"", code, dossier.receiptCode(), agency, "Thông báo về kết quả giải quyết đăng ký cư trú",
                DocumentVerification.mask(dossier.applicantName()));
        assertThat(shown).doesNotContain(dossier.applicantName(), dossier.applicantIdNumber());
        String family = dossier.applicantName().split(" ")[0];
        assertThat(DocumentVerification.mask(dossier.applicantName())).startsWith(family + " ").endsWith(".");

        // Typed loosely: lower case, no dashes, O for 0 — the form leads to the canonical page.
        String typed = code.toLowerCase().replace("-", "").replace('0', 'o');
        mvc.perform(get("/verify").param("code", typed)).andExpect(redirectedUrl("/verify/" + code));

        String identical = mvc.perform(multipart("/verify/" + code)
                        .file(new MockMultipartFile("file", "kq.pdf", "application/pdf", pdf)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(identical).contains("id=\"verify-identical\"").doesNotContain("id=\"verify-different\"");

        byte[] tampered = pdf.clone();
        tampered[tampered.length / 2] ^= 0x01;
        String different = mvc.perform(multipart("/verify/" + code)
                        .file(new MockMultipartFile("file", "kq.pdf", "application/pdf", tampered)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(different).contains("id=\"verify-different\"").doesNotContain("id=\"verify-identical\"");

        String notPdf = mvc.perform(multipart("/verify/" + code)
                        .file(new MockMultipartFile("file", "kq.pdf", "application/pdf", "hello".getBytes())).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(notPdf).contains("id=\"error-summary\"", "không phải là tệp PDF")
                .containsPattern("id=\"verify-file\"[^>]*aria-invalid=\"true\"");

        // The upload is a form post like any other: without the CSRF token it is refused.
        mvc.perform(multipart("/verify/" + code).file(new MockMultipartFile("file", "kq.pdf", "application/pdf", pdf)))
                .andExpect(status().isForbidden());
    }

    @Test
    void anUnknownOrMalformedCodeGetsAFriendlyPage() throws Exception {
        String unknown = mvc.perform(get("/verify/2222-3333-4444-5555")).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(unknown).contains("id=\"verify-not-found\"", "Không có giấy tờ nào mang mã xác thực này",
                "id=\"verify-form\"");
        mvc.perform(multipart("/verify/2222-3333-4444-5555")
                        .file(new MockMultipartFile("file", "x.pdf", "application/pdf", "%PDF-1.4".getBytes())).with(csrf()))
                .andExpect(status().isNotFound());
        String malformed = mvc.perform(get("/verify").param("code", "ABC")).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(malformed).contains("id=\"error-summary\"", "href=\"#verify-code-input\"")
                .containsPattern("id=\"verify-code-input\"[^>]*aria-invalid=\"true\"");
        assertThat(page("/verify?lang=en")).contains("Check a document issued by the portal");
    }

    @Test
    void codesAreReadableAndTypingIsForgiving() {
        String code = VerificationCode.random();
        assertThat(code).hasSize(19).doesNotContain("I", "L", "O", "U");
        assertThat(VerificationCode.parse(" " + code.toLowerCase().replace("-", " ") + " ")).contains(code);
        assertThat(VerificationCode.parse("IL00-0000-0000-0000")).contains("1100-0000-0000-0000");
        assertThat(VerificationCode.parse("ABCD-EFGH-JKMN-PQR")).isEmpty();
        assertThat(VerificationCode.parse("ABCD-EFGH-JKMN-PQRSU")).isEmpty();
        assertThat(DocumentVerification.mask("Nguyễn Văn An")).isEqualTo("Nguyễn V. A.");
        assertThat(DocumentVerification.mask("Đặng Thị Ánh Nguyệt")).isEqualTo("Đặng T. Á. N.");
        assertThat(DocumentVerification.mask("Lan")).isEqualTo("L.");
    }
}
