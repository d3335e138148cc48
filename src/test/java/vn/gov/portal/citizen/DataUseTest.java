package vn.gov.portal.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PageChecks;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.audit.PersonalDataUse;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/** "Who used my data": officers' readings and the register changes of approvals, each citizen only their own. */
class DataUseTest extends PortalIntegrationTest {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    MockMvc mvc;

    private String page(PortalUser citizen, String path) throws Exception {
        return mvc.perform(get(path).with(authentication(login(citizen)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private void officerOpens(String officer, Dossier dossier) throws Exception {
        mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(officer(officer)))))
                .andExpect(status().isOk());
    }

    private String staffName(String username) {
        return jdbc.sql("select full_name from staff where username = ?").param(username).query(String.class).single();
    }

    @Test
    void aCitizenSeesWhoViewedAndChangedTheirRecordAndForWhichDossierButNobodyElses() throws Exception {
        PortalUser citizen = citizen(freeAdult(1220), 2);
        PortalUser other = citizen(freeAdult(1221), 2);
        assertThat(page(citizen, "/my/data-use")).contains("id=\"data-use-empty\"", "id=\"nav-data-use\"");

        Dossier dossier = submitTemporaryResidence(citizen);
        Dossier othersDossier = submitTemporaryResidence(other);
        officerOpens("ca.00308.tiepnhan", dossier);
        officerOpens("ca.00308.xuly", othersDossier);
        String agency = jdbc.sql("select name_vi from agency where id = ?").param(dossier.agencyId()).query(String.class).single();

        String viewed = page(citizen, "/my/data-use");
        assertThat(viewed).contains("data-action=\"population.viewed\"", "Xem thông tin để giải quyết hồ sơ",
                dossier.receiptCode(), agency, staffName("ca.00308.tiepnhan"), "Đăng ký tạm trú");
        assertThat(viewed).doesNotContain(othersDossier.receiptCode(), staffName("ca.00308.xuly"));
        PageChecks.scrollingTablesAreNamedRegions(viewed);   // the table scrolls in its own box on a phone
        assertThat(page(other, "/my/data-use")).contains(othersDossier.receiptCode()).doesNotContain(dossier.receiptCode());

        dossier = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ca.00308.xuly"), dossier.id(), "process", "", dossier.lockVersion());
        decisions.decide(officer("ca.00308.lanhdao"), dossier.id(), "approve", "", dossier.lockVersion());

        // Newest first: the approval's write-back, by the approving leader, before the earlier reading.
        String changed = page(citizen, "/my/data-use");
        int writeBack = changed.indexOf("data-action=\"population.temporary-residence.registered\"");
        assertThat(writeBack).isPositive().isLessThan(changed.indexOf("data-action=\"population.viewed\""));
        assertThat(changed.substring(writeBack)).contains("Cập nhật", "Đăng ký tạm trú", staffName("ca.00308.lanhdao"),
                agency, dossier.receiptCode());
        assertThat(page(other, "/my/data-use")).doesNotContain("population.temporary-residence.registered");
        assertThat(page(citizen, "/my/data-use?lang=en")).contains("Who used my data", "Temporary residence registered");
    }

    @Test
    void longHistoriesArePaged() throws Exception {
        PortalUser citizen = citizen(freeAdult(1222), 2);
        Dossier dossier = submitTemporaryResidence(citizen);
        for (int i = 0; i <= PersonalDataUse.PAGE_SIZE; i++) {
            officerOpens("ca.00308.tiepnhan", dossier);
        }
        String first = page(citizen, "/my/data-use");
        assertThat(first.split("class=\"data-use-row\"", -1)).hasSize(PersonalDataUse.PAGE_SIZE + 1);
        assertThat(first).contains("id=\"data-use-older\"").doesNotContain("id=\"data-use-newer\"");
        String second = page(citizen, "/my/data-use?page=1");
        assertThat(second.split("class=\"data-use-row\"", -1)).hasSize(2);
        assertThat(second).contains("id=\"data-use-newer\"").doesNotContain("id=\"data-use-older\"");
    }
}
