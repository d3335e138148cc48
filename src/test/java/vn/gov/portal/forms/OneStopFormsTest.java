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
import vn.gov.portal.catalog.FormSet;
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
        String code = jdbc.sql("select code from issued_document where dossier_id = ? and form = 'CT04'")
                .param(dossier.id()).query(String.class).single();
        assertThat(forms.issueAll(dossier).get(0).code()).isEqualTo(code);
        assertThat(forms.issueAll(dossier).get(0).code()).isEqualTo(code);
        assertThat(jdbc.sql("select pdf is null and sha256 is null from issued_document where code = ?").param(code)
                .query(Boolean.class).single()).as("not drawn before anyone downloads it").isTrue();
        byte[] first = forms.render(dossier, OneStopForm.RESIDENCE_RECEIPT);
        assertThat(forms.render(dossier, OneStopForm.RESIDENCE_RECEIPT)).isEqualTo(first);
        assertThat(jdbc.sql("select sha256 from issued_document where code = ?").param(code).query(String.class).single())
                .isEqualTo(IssuedDocuments.sha256(first));
    }

    @Test
    void theReceiptRefusalAndApologyCarryTheirFactsAndOnlyExistOnceTheirEventHappened() throws Exception {
        PortalUser citizen = citizen(freeAdult(950), 2);
        Dossier dossier = submitNewConnection(citizen);
        assertThat(forms.available(dossier)).containsExactly(OneStopForm.RECEIPT);
        String receipt = PdfText.of(forms.render(dossier, OneStopForm.RECEIPT));
        assertThat(receipt).contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", dossier.receiptCode(), dossier.applicantName(),
                "Cấp điện mới", String.format("%02d/%02d/%d", dossier.appointmentDate().getDayOfMonth(),
                        dossier.appointmentDate().getMonthValue(), dossier.appointmentDate().getYear()));
        Dossier current = dossier;
        assertThatThrownBy(() -> forms.render(current, OneStopForm.REFUSAL)).isInstanceOf(UserFacingException.class);

        LocalDate later = calendar.current().addWorkingDays(dossier.appointmentDate(), 2);
        PortalUser receiver = officer("dl.01.tiepnhan");
        assertThatThrownBy(() -> decisions.extendDeadline(receiver, current.id(), later, " ", current.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("extension.reasonRequired");
        assertThatThrownBy(() -> decisions.extendDeadline(receiver, current.id(), current.appointmentDate(), "Chậm",
                current.lockVersion())).isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("extension.notLater");
        dossier = decisions.extendDeadline(receiver, dossier.id(), later, "Cần khảo sát thêm lưới điện", dossier.lockVersion());
        assertThat(dossier.appointmentDate()).isEqualTo(later);
        String apology = PdfText.of(forms.render(dossier, OneStopForm.APOLOGY));
        assertThat(apology).contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Cần khảo sát thêm lưới điện",
                String.format("%02d/%02d/%d", later.getDayOfMonth(), later.getMonthValue(), later.getYear()));

        dossier = decisions.decide(receiver, dossier.id(), "refuse", "Địa chỉ đấu nối không có thật", dossier.lockVersion());
        assertThat(PdfText.of(forms.render(dossier, OneStopForm.REFUSAL))).contains("Địa chỉ đấu nối không có thật");

        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/03").with(authentication(login(citizen))))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));
        mvc.perform(get("/officer/dossiers/" + dossier.id() + "/forms/01").with(authentication(login(receiver))))
                .andExpect(status().isOk());
        mvc.perform(get("/officer/dossiers/" + dossier.id() + "/forms/01")
                        .with(authentication(login(officer("ca.00308.tiepnhan"))))).andExpect(status().isNotFound());
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/01")
                        .with(authentication(login(citizen(freeAdult(951), 2))))).andExpect(status().isNotFound());
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/02").with(authentication(login(citizen))))
                .andExpect(status().isNotFound());
    }

    @Test
    void theResultNoticeCarriesTheApproversNameAndTime() throws Exception {
        PortalUser citizen = citizen(freeAdult(952), 2);
        Dossier dossier = submitNewConnection(citizen);
        assertThat(forms.available(dossier)).doesNotContain(OneStopForm.RESULT);
        dossier = decisions.decide(officer("dl.01.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("dl.01.xuly"), dossier.id(), "process", "", dossier.lockVersion());
        dossier = decisions.decide(officer("dl.01.lanhdao"), dossier.id(), "approve", "", dossier.lockVersion());
        String approver = jdbc.sql("select full_name from staff where username = 'dl.01.lanhdao'").query(String.class).single();
        String notice = PdfText.of(forms.render(dossier, OneStopForm.RESULT));
        assertThat(notice).contains("THÔNG BÁO KẾT QUẢ", approver, dossier.receiptCode(), "Thời gian phê duyệt");
    }

    private static String day(LocalDate date) {
        return String.format("%02d/%02d/%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }

    @Test
    void theResidenceProceduresNameTheResidenceFormsInTheirDefinitions() throws Exception {
        // The procedures of workflows/ (other tests publish copies under codes of their own in the shared database).
        java.util.Set<String> files;
        try (var list = java.nio.file.Files.list(java.nio.file.Path.of("workflows"))) {
            files = list.map(f -> f.getFileName().toString().replace(".yaml", "")).collect(java.util.stream.Collectors.toSet());
        }
        assertThat(catalog.all().stream().filter(p -> files.contains(p.code()) && p.formSet() == FormSet.RESIDENCE)
                .map(p -> p.code()))
                .containsExactlyInAnyOrder("permanent-residence", "temporary-residence", "temporary-absence",
                        "residence-deregistration", "notification-of-stay", "newborn-permanent-residence",
                        "household-head-change");
        assertThat(OneStopForm.of(FormSet.RESIDENCE).stream().map(OneStopForm::number))
                .containsExactly("04", "CT04", "CT05", "CT06", "CT08");
        assertThat(OneStopForm.of(FormSet.ONE_STOP).stream().map(OneStopForm::number))
                .containsExactly("01", "02", "03", "04", "kq");
    }

    @Test
    void aResidenceDossierGetsTheReceiptAndRequestOfCircular66WithTheDeclaredItemsAndTheHandlingOfficer()
            throws Exception {
        PortalUser citizen = citizen(freeAdult(953), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00304"))).dossier();
        assertThat(forms.available(dossier)).containsExactly(OneStopForm.RESIDENCE_RECEIPT);
        String agency = jdbc.sql("select name_vi from agency where id = ?").param(dossier.agencyId())
                .query(String.class).single();
        String receipt = PdfText.of(forms.render(dossier, OneStopForm.RESIDENCE_RECEIPT));
        assertThat(receipt).contains("PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mẫu số CT04 – Thông tư 66/2023/TT-BCA",
                "Cơ quan đăng ký cư trú", agency, "1. Họ, chữ đệm và tên", dossier.applicantName(),
                "4. Số định danh cá nhân", dossier.applicantIdNumber(), "5. Số điện thoại liên hệ", "0912345678",
                "cong.dan@example.vn", "7. Họ, chữ đệm và tên chủ hộ", dossier.answers().get("householdHead"),
                "10. Nội dung đề nghị", "Đăng ký tạm trú", dossier.receiptCode(), day(dossier.appointmentDate()));
        assertThat(receipt).doesNotContain("01/2018");
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/01").with(authentication(login(citizen))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/CT04").with(authentication(login(citizen))))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));

        dossier = decisions.decide(officer("ca.00304.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ca.00304.xuly"), dossier.id(), "request-supplement",
                "Bản chụp hợp đồng thuê nhà", dossier.lockVersion());
        assertThat(forms.available(dossier)).containsExactly(OneStopForm.RESIDENCE_RECEIPT,
                OneStopForm.RESIDENCE_SUPPLEMENTATION);
        String handler = jdbc.sql("select full_name from staff where username = 'ca.00304.xuly'").query(String.class).single();
        assertThat(PdfText.of(forms.render(dossier, OneStopForm.RESIDENCE_SUPPLEMENTATION))).contains(
                "PHIẾU HƯỚNG DẪN BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mẫu số CT05", "Kính gửi Ông/Bà", dossier.applicantName(),
                "Bản chụp hợp đồng thuê nhà", "Cán bộ xử lý: " + handler + " – " + agency);
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/02").with(authentication(login(citizen))))
                .andExpect(status().isNotFound());
    }

    @Test
    void aResidenceDossierIsRefusedOnCt06AndItsResultNoticedOnCt08() throws Exception {
        PortalUser citizen = citizen(freeAdult(954), 2);
        var definition = catalog.find("temporary-residence").orElseThrow();
        Dossier refused = ((Filing.Submitted) filing.submit(citizen, definition, UUID.randomUUID(),
                temporaryResidence("01", "00304"))).dossier();
        refused = decisions.decide(officer("ca.00304.tiepnhan"), refused.id(), "refuse", "Chỗ ở không hợp pháp",
                refused.lockVersion());
        assertThat(PdfText.of(forms.render(refused, OneStopForm.RESIDENCE_REFUSAL))).contains(
                "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ", "Mẫu số CT06", "Chỗ ở không hợp pháp");
        assertThat(forms.available(refused)).doesNotContain(OneStopForm.REFUSAL);

        PortalUser other = citizen(freeAdult(955), 2);
        Dossier approved = ((Filing.Submitted) filing.submit(other, definition, UUID.randomUUID(),
                temporaryResidence("01", "00304"))).dossier();
        approved = decisions.decide(officer("ca.00304.tiepnhan"), approved.id(), "receive", "", approved.lockVersion());
        approved = decisions.decide(officer("ca.00304.xuly"), approved.id(), "process", "", approved.lockVersion());
        approved = decisions.decide(officer("ca.00304.lanhdao"), approved.id(), "approve", "", approved.lockVersion());
        String approver = jdbc.sql("select full_name from staff where username = 'ca.00304.lanhdao'").query(String.class).single();
        assertThat(PdfText.of(forms.render(approved, OneStopForm.RESIDENCE_RESULT))).contains(
                "THÔNG BÁO VỀ KẾT QUẢ GIẢI QUYẾT, HỦY BỎ ĐĂNG KÝ CƯ TRÚ", "Mẫu số CT08", approver, approved.receiptCode());
        mvc.perform(get("/officer/dossiers/" + approved.id() + "/forms/CT08")
                        .with(authentication(login(officer("ca.00304.xuly"))))).andExpect(status().isOk());
        mvc.perform(get("/officer/dossiers/" + approved.id() + "/forms/CT08")
                        .with(authentication(login(officer("ca.00308.xuly"))))).andExpect(status().isNotFound());
        mvc.perform(get("/my/dossiers/" + approved.id() + "/forms/CT08").with(authentication(login(citizen))))
                .andExpect(status().isNotFound());
    }
}
