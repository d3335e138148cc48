package vn.gov.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.workflow.HolidayCalendarSource;

/** The one-stop-shop forms: issued when their event happened, readable Vietnamese, only for those entitled. */
class OneStopFormsTest extends PortalIntegrationTest {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    OneStopForms forms;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    HolidayCalendarSource calendar;
    @Autowired
    MockMvc mvc;

    @Test
    void aDocumentGetsItsCodeWhenListedAndItsPdfOnceWhenFirstDownloaded() {
        PortalUser citizen = citizen(freeAdult(2010), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00308"))).dossier();
        // The receipt is issued with the submission, so the dossier's page only reads its code.
        String code = jdbc.sql("select code from issued_document where dossier_id = ? and form = '01'")
                .param(dossier.id()).query(String.class).single();
        assertThat(forms.issueAll(dossier).get(0).code()).isEqualTo(code);
        assertThat(forms.issueAll(dossier).get(0).code()).isEqualTo(code);
        assertThat(jdbc.sql("select pdf is null and sha256 is null from issued_document where code = ?").param(code)
                .query(Boolean.class).single()).as("not drawn before anyone downloads it").isTrue();
        byte[] first = forms.render(dossier, OneStopForm.RECEIPT);
        assertThat(forms.render(dossier, OneStopForm.RECEIPT)).isEqualTo(first);
        assertThat(jdbc.sql("select sha256 from issued_document where code = ?").param(code).query(String.class).single())
                .isEqualTo(IssuedDocuments.sha256(first));
    }

    @Test
    void theReceiptRefusalAndApologyCarryTheirFactsAndOnlyExistOnceTheirEventHappened() throws Exception {
        PortalUser citizen = citizen(freeAdult(950), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00308"))).dossier();
        assertThat(forms.available(dossier)).containsExactly(OneStopForm.RECEIPT);
        String receipt = PdfText.of(forms.render(dossier, OneStopForm.RECEIPT));
        assertThat(receipt).contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", dossier.receiptCode(), dossier.applicantName(),
                "Đăng ký tạm trú", String.format("%02d/%02d/%d", dossier.appointmentDate().getDayOfMonth(),
                        dossier.appointmentDate().getMonthValue(), dossier.appointmentDate().getYear()));
        Dossier current = dossier;
        assertThatThrownBy(() -> forms.render(current, OneStopForm.REFUSAL)).isInstanceOf(UserFacingException.class);

        LocalDate later = calendar.current().addWorkingDays(dossier.appointmentDate(), 2);
        PortalUser receiver = officer("ca.00308.tiepnhan");
        assertThatThrownBy(() -> decisions.extendDeadline(receiver, current.id(), later, " ", current.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("extension.reasonRequired");
        assertThatThrownBy(() -> decisions.extendDeadline(receiver, current.id(), current.appointmentDate(), "Chậm",
                current.lockVersion())).isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("extension.notLater");
        dossier = decisions.extendDeadline(receiver, dossier.id(), later, "Cần xác minh thêm với chủ nhà", dossier.lockVersion());
        assertThat(dossier.appointmentDate()).isEqualTo(later);
        String apology = PdfText.of(forms.render(dossier, OneStopForm.APOLOGY));
        assertThat(apology).contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Cần xác minh thêm với chủ nhà",
                String.format("%02d/%02d/%d", later.getDayOfMonth(), later.getMonthValue(), later.getYear()));

        dossier = decisions.decide(receiver, dossier.id(), "refuse", "Địa chỉ tạm trú không có thật", dossier.lockVersion());
        assertThat(PdfText.of(forms.render(dossier, OneStopForm.REFUSAL))).contains("Địa chỉ tạm trú không có thật");

        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/03").with(authentication(login(citizen))))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));
        mvc.perform(get("/officer/dossiers/" + dossier.id() + "/forms/01").with(authentication(login(receiver))))
                .andExpect(status().isOk());
        mvc.perform(get("/officer/dossiers/" + dossier.id() + "/forms/01")
                        .with(authentication(login(officer("ca.00304.tiepnhan"))))).andExpect(status().isNotFound());
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/01")
                        .with(authentication(login(citizen(freeAdult(951), 2))))).andExpect(status().isNotFound());
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/02").with(authentication(login(citizen))))
                .andExpect(status().isNotFound());
    }

    @Test
    void theResultNoticeCarriesTheApproversNameAndTime() throws Exception {
        PortalUser citizen = citizen(freeAdult(952), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00308"))).dossier();
        assertThat(forms.available(dossier)).doesNotContain(OneStopForm.RESULT);
        dossier = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ca.00308.xuly"), dossier.id(), "process", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ca.00308.lanhdao"), dossier.id(), "approve", "", dossier.lockVersion());
        String approver = jdbc.sql("select full_name from staff where username = 'ca.00308.lanhdao'").query(String.class).single();
        String notice = PdfText.of(forms.render(dossier, OneStopForm.RESULT));
        assertThat(notice).contains("THÔNG BÁO KẾT QUẢ", approver, dossier.receiptCode(), "Thời gian phê duyệt");
    }
}
