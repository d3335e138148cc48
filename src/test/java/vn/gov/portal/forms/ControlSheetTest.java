package vn.gov.portal.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/** Form 05: every handover of a dossier with its time, deadline and whether on time; for the agency's officers only. */
class ControlSheetTest extends PortalIntegrationTest {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ControlSheet sheets;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    MockMvc mvc;

    private String fullName(String username) {
        return jdbc.sql("select full_name from staff where username = ?").param(username).query(String.class).single();
    }

    @Test
    void eachStepHandsTheDossierFromWhoeverHeldItToWhoeverActedWithTheDeadlineAndWhetherOnTime() throws Exception {
        PortalUser citizen = citizen(freeAdult(2410), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00304"))).dossier();
        dossier = decisions.decide(officer("ca.00304.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        Dossier processing = decisions.decide(officer("ca.00304.xuly"), dossier.id(), "process", "", dossier.lockVersion());

        List<ControlSheet.Handover> handovers = sheets.handovers(processing);
        assertThat(handovers).extracting(ControlSheet.Handover::step)
                .containsExactly("Nộp hồ sơ", "Tiếp nhận hồ sơ", "Chuyển xử lý");
        String receiver = fullName("ca.00304.tiepnhan");
        String handler = fullName("ca.00304.xuly");
        assertThat(handovers.get(0).from()).contains(processing.applicantName());
        assertThat(handovers.get(0).to()).startsWith("Bộ phận tiếp nhận và trả kết quả");
        assertThat(handovers.get(1).from()).isEqualTo(handovers.get(0).to());
        assertThat(handovers.get(1).to()).contains(receiver);
        assertThat(handovers.get(2).from()).contains(receiver);
        assertThat(handovers.get(2).to()).contains(handler);
        assertThat(handovers).allSatisfy(h -> {
            assertThat(h.deadline()).isEqualTo(processing.appointmentDate());
            assertThat(h.onTime()).isTrue();
        });
        String sheet = PdfText.of(sheets.render(processing));
        assertThat(sheet).contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mẫu số 05", processing.receiptCode(),
                "(ca.00304.tiepnhan)", "(ca.00304.xuly)", "Đúng hạn").doesNotContain("Quá hạn");

        // A dossier whose appointment has passed: the next handover is late.
        jdbc.sql("update dossier set appointment_date = current_date - 10 where id = ?").param(processing.id()).update();
        Dossier late = decisions.decide(officer("ca.00304.lanhdao"), processing.id(), "approve", "",
                processing.lockVersion());
        List<ControlSheet.Handover> lateHandovers = sheets.handovers(late);
        assertThat(lateHandovers.get(lateHandovers.size() - 1).onTime()).isFalse();
        assertThat(PdfText.of(sheets.render(late))).contains("Quá hạn", "(ca.00304.lanhdao)");
        assertThat(lateHandovers.get(lateHandovers.size() - 1).to()).contains(fullName("ca.00304.lanhdao"));
    }

    @Test
    void onlyTheAgencysOfficersGetTheSheet() throws Exception {
        PortalUser citizen = citizen(freeAdult(2411), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00304"))).dossier();
        String sheet = "/officer/dossiers/" + dossier.id() + "/control-sheet";
        mvc.perform(get(sheet).with(authentication(login(officer("ca.00304.xuly")))))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));
        mvc.perform(get(sheet).with(authentication(login(officer("ca.00308.xuly"))))).andExpect(status().isNotFound());
        mvc.perform(get(sheet).with(authentication(login(citizen)))).andExpect(status().isForbidden());
        mvc.perform(get("/my/dossiers/" + dossier.id() + "/forms/05").with(authentication(login(citizen))))
                .andExpect(status().isNotFound());
        // The officers' dossier page links to it; the citizen's does not.
        assertThat(mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(officer("ca.00304.xuly")))))
                .andReturn().getResponse().getContentAsString()).contains(sheet);
        assertThat(mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString()).doesNotContain("control-sheet");
    }
}
