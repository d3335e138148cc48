package vn.gov.portal.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PageChecks;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.audit.PersonalDataUse;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
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
    void aPersonSeesThatACitizenLookedUpTheirNameByNumberButNotWhoNorTheirDossier() throws Exception {
        ProcedureDefinition residence = catalog.find("permanent-residence").orElseThrow();
        PortalUser filer = citizen(freeAdult(1223), 2);
        String head = jdbc.sql("""
                        select o.id_number from population.person o join population.person p on p.id_number = ?
                        where o.household_id <> p.household_id and o.date_of_death is null
                          and o.birth_date < current_date - interval '18 years'
                        order by o.id_number offset 471 limit 1""")
                .param(filer.subject()).query(String.class).single().strip();
        PortalUser looked = citizen(head, 2);
        // The filer types the head of the household they move into; the form shows the head's name (a draft is saved).
        Map<String, String> answers = new HashMap<>(Map.of("newProvince", "01", "newCommune", "00312",
                "basis", "OTHERS_HOME", "newHead", head));
        assertThat(filing.save(filer, residence, UUID.randomUUID(), answers)).isInstanceOf(Filing.Saved.class);

        String page = page(looked, "/my/data-use");
        int row = page.indexOf("data-action=\"" + PersonalDataUse.CITIZEN_LOOK_UP + "\"");
        assertThat(row).as("the look-up's row").isPositive();
        String lookUp = page.substring(row, page.indexOf("</tr>", row));
        assertThat(lookUp).contains("Xem", "Tra cứu họ tên theo số định danh của bạn khi khai hồ sơ",
                "Một người dân khai hồ sơ trực tuyến (không hiển thị tên)", residence.name().vi());
        assertThat(page).doesNotContain(filer.subject(), filer.displayName());
        assertThat(page(looked, "/my/data-use?lang=en")).contains("A citizen filing online (name not shown)",
                "Your name looked up by your ID number in a form");
        // Only the person looked up sees it.
        assertThat(page(filer, "/my/data-use")).doesNotContain(PersonalDataUse.CITIZEN_LOOK_UP);
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
