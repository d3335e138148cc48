package vn.gov.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/** Form 06: the dossiers an agency received in a period, for its own officers and admins, as a page and a PDF. */
class RegisterBookTest extends PortalIntegrationTest {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    RegisterBook books;
    @Autowired
    AgencyDirectory agencies;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    MockMvc mvc;

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

    private Dossier temporaryResidenceIn(String commune, int person) {
        return ((Filing.Submitted) filing.submit(citizen(freeAdult(person), 2),
                catalog.find("temporary-residence").orElseThrow(), UUID.randomUUID(),
                temporaryResidence("01", commune))).dossier();
    }

    private String unitCode(Dossier dossier) {
        return jdbc.sql("select unit_code from agency where id = ?").param(dossier.agencyId()).query(String.class).single();
    }

    @Test
    void theBookListsTheAgencysDossiersOfThePeriodWithTheirDatesAndStatus() throws Exception {
        Dossier returned = temporaryResidenceIn("00304", 2420);
        returned = decisions.decide(officer("ca.00304.tiepnhan"), returned.id(), "receive", "", returned.lockVersion());
        returned = decisions.decide(officer("ca.00304.xuly"), returned.id(), "process", "", returned.lockVersion());
        returned = decisions.decide(officer("ca.00304.lanhdao"), returned.id(), "approve", "", returned.lockVersion());
        returned = decisions.decide(officer("ca.00304.tiepnhan"), returned.id(), "return-result", "", returned.lockVersion());
        Dossier waiting = temporaryResidenceIn("00304", 2421);
        Dossier elsewhere = temporaryResidenceIn("00308", 2422);

        RegisterBook.Book book = books.read(agencies.find(returned.agencyId()).orElseThrow(), TODAY, TODAY);
        assertThat(book.entries()).extracting(RegisterBook.Entry::receiptCode)
                .contains(returned.receiptCode(), waiting.receiptCode()).doesNotContain(elsewhere.receiptCode());
        String code = returned.receiptCode();
        RegisterBook.Entry entry = book.entries().stream().filter(e -> e.receiptCode().equals(code)).findFirst().orElseThrow();
        assertThat(entry.statusCode()).isEqualTo(10);
        assertThat(entry.returnedAt()).isNotNull();
        assertThat(entry.dueDate()).isEqualTo(returned.appointmentDate());
        assertThat(entry.applicantName()).isEqualTo(returned.applicantName());
        assertThat(books.read(agencies.find(returned.agencyId()).orElseThrow(), TODAY.minusDays(3), TODAY.minusDays(1))
                .entries()).extracting(RegisterBook.Entry::receiptCode).doesNotContain(code, waiting.receiptCode());

        PortalUser officer = officer("ca.00304.tiepnhan");
        String page = mvc.perform(get("/officer/register-book").with(authentication(login(officer))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(code, waiting.receiptCode(), returned.applicantName(), "Đã trả kết quả", "id=\"book-pdf\"")
                .doesNotContain(elsewhere.receiptCode());
        byte[] pdf = mvc.perform(get("/officer/register-book.pdf").param("agency", unitCode(returned))
                        .param("from", TODAY.toString()).param("to", TODAY.toString())
                        .with(authentication(login(officer))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(PdfText.of(pdf)).contains("SỔ THEO DÕI HỒ SƠ", "Mẫu số 06", code, waiting.receiptCode(),
                returned.applicantName(), "Đăng ký tạm trú", "Đã trả kết quả").doesNotContain(elsewhere.receiptCode());
    }

    @Test
    void anotherAgencysOfficerAndCitizensCannotReadTheBookButAnAdminCan() throws Exception {
        Dossier dossier = temporaryResidenceIn("00304", 2423);
        String agency = unitCode(dossier);
        for (String path : new String[] {"/officer/register-book", "/officer/register-book.pdf"}) {
            mvc.perform(get(path).param("agency", agency).with(authentication(login(officer("ca.00308.tiepnhan")))))
                    .andExpect(status().isNotFound());
            mvc.perform(get(path).param("agency", agency).with(authentication(login(citizen(freeAdult(2423), 2)))))
                    .andExpect(status().isForbidden());
            mvc.perform(get(path).param("agency", agency).with(authentication(login(officer("quantri"), true))))
                    .andExpect(status().isOk());
        }
        // The admin's page of the agency links to its book.
        assertThat(mvc.perform(get("/admin/reference/agencies/" + dossier.agencyId())
                        .with(authentication(login(officer("quantri"), true))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("id=\"agency-register-book\"", "href=\"/officer/register-book?agency=" + agency + "\"");
        // Without naming one, another agency's officer gets the book of their own agency only.
        assertThat(mvc.perform(get("/officer/register-book").with(authentication(login(officer("ca.00308.tiepnhan")))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .doesNotContain(dossier.receiptCode());
    }

    @Test
    void aPeriodThatCannotBeReadIsExplainedAtItsFieldInTheUsersLanguage() throws Exception {
        PortalUser officer = officer("ca.00304.tiepnhan");
        // A year far outside the portal's (the largest date Java reads overflowed the period's arithmetic: a 500).
        for (String path : new String[] {"/officer/register-book", "/officer/register-book.pdf"}) {
            mvc.perform(get(path).param("from", "2026-01-01").param("to", "+999999999-12-31")
                            .with(authentication(login(officer))))
                    .andExpect(status().isBadRequest());
        }
        assertThat(mvc.perform(get("/officer/register-book").param("from", "1899-12-31").param("to", "2026-01-01")
                        .with(authentication(login(officer))))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString())
                .contains("href=\"#book-from\"", "Nhập ngày theo dạng năm-tháng-ngày");
        String wrongOrder = mvc.perform(get("/officer/register-book").param("from", "2026-03-01").param("to", "2026-02-01")
                        .with(authentication(login(officer))))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(wrongOrder).contains("id=\"error-summary\"", "href=\"#book-to\"",
                "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.", "aria-invalid=\"true\"").doesNotContain("id=\"book-pdf\"");
        String malformed = mvc.perform(get("/officer/register-book").param("from", "01/02/2026").param("lang", "en")
                        .with(authentication(login(officer))))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(malformed).contains("href=\"#book-from\"", "Enter the date as year-month-day, e.g. 2026-01-31.");
        String tooLong = mvc.perform(get("/officer/register-book").param("from", "2024-01-01").param("to", "2026-01-01")
                        .with(authentication(login(officer))))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(tooLong).contains("Mỗi lần xem tối đa " + RegisterBook.MAX_DAYS + " ngày.");
        mvc.perform(get("/officer/register-book.pdf").param("from", "2026-03-01").param("to", "2026-02-01")
                .with(authentication(login(officer)))).andExpect(status().isBadRequest());
    }
}
