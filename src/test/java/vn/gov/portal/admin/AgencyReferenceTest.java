package vn.gov.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;

/** Agencies: created, edited, bad input refused with nothing changed, the unit code fixed once receipts exist. */
class AgencyReferenceTest extends ReferenceTestSupport {

    @Autowired
    AgencyDirectory directory;
    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;

    private long agencyId(String unitCode) {
        return jdbc.sql("select id from agency where unit_code = ?").param(unitCode).query(Long.class).single();
    }

    @Test
    void aNewCommuneGetsItsPoliceAgencyWhichReceivesDossiersAndThenKeepsItsUnitCode() throws Exception {
        adminPost("/admin/reference/units", "province", "01", "code", "00391", "name", "Phường Thử Nghiệm Một")
                .andExpect(status().is3xxRedirection());
        adminPost("/admin/reference/agencies", "kind", "COMMUNE_POLICE", "nameVi", "Công an Phường Thử Nghiệm Một",
                "nameEn", "Police of Thu Nghiem Mot Ward", "provinceCode", "01", "communeCode", "00391",
                "unitCode", "ca.01.00391")
                .andExpect(status().is3xxRedirection());
        long id = agencyId("CA.01.00391");
        // Read through the directory the routing uses: the new agency is found at once, without a restart.
        Agency routed = directory.forCommune("COMMUNE_POLICE", "00391").orElseThrow();
        assertThat(routed.id()).isEqualTo(id);
        assertThat(routed.nameVi()).isEqualTo("Công an Phường Thử Nghiệm Một");
        Map<String, Object> created = lastAudit("agency", String.valueOf(id));
        assertThat(created.get("action")).isEqualTo("reference.agency.create");
        assertThat(created.get("actor")).isEqualTo("quantri");
        assertThat((String) created.get("details")).contains("\"before\": null").contains("CA.01.00391");

        // Before any receipt the code may still change.
        adminPost("/admin/reference/agencies/" + id, "kind", "COMMUNE_POLICE", "nameVi", "Công an Phường Thử Nghiệm Một",
                "nameEn", "Police of Thu Nghiem Mot Ward", "provinceCode", "01", "communeCode", "00391",
                "unitCode", "CA.01.00391.A")
                .andExpect(status().is3xxRedirection());
        assertThat(directory.find(id).orElseThrow().unitCode()).isEqualTo("CA.01.00391.A");

        // A citizen moves there: the dossier goes to the new agency, whose unit code starts the receipt code.
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen(freeAdult(1650), 2),
                catalog.find("temporary-residence").orElseThrow(), UUID.randomUUID(),
                temporaryResidence("01", "00391"))).dossier();
        assertThat(dossier.agencyId()).isEqualTo(id);
        assertThat(dossier.receiptCode()).startsWith("CA.01.00391.A-");

        long entries = auditCount("agency", String.valueOf(id));
        adminPost("/admin/reference/agencies/" + id, "kind", "COMMUNE_POLICE", "nameVi", "Công an Phường Thử Nghiệm Một",
                "nameEn", "Police of Thu Nghiem Mot Ward", "provinceCode", "01", "communeCode", "00391",
                "unitCode", "CA.01.00391.B")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"error-summary\"")))
                .andExpect(content().string(containsString("href=\"#f-unitCode\"")))
                .andExpect(content().string(containsString("cơ quan đã cấp mã hồ sơ bắt đầu bằng CA.01.00391.A")));
        assertThat(directory.find(id).orElseThrow().unitCode()).isEqualTo("CA.01.00391.A");
        assertThat(auditCount("agency", String.valueOf(id))).isEqualTo(entries);

        // The name may change; the history shows before and after.
        adminPost("/admin/reference/agencies/" + id, "kind", "COMMUNE_POLICE", "nameVi", "Công an Phường Thử Nghiệm",
                "nameEn", "Police of Thu Nghiem Ward", "provinceCode", "01", "communeCode", "00391",
                "unitCode", "CA.01.00391.A")
                .andExpect(status().is3xxRedirection());
        assertThat(directory.find(id).orElseThrow().nameVi()).isEqualTo("Công an Phường Thử Nghiệm");
        Map<String, Object> updated = lastAudit("agency", String.valueOf(id));
        assertThat(updated.get("action")).isEqualTo("reference.agency.update");
        assertThat((String) updated.get("details")).contains("Công an Phường Thử Nghiệm Một").contains("Police of Thu Nghiem Ward");
        adminGet("/admin/reference/history").andExpect(status().isOk())
                .andExpect(content().string(containsString("Công an Phường Thử Nghiệm Một")))
                .andExpect(content().string(containsString("Sửa cơ quan")));
        adminGet("/admin/reference/agencies/" + id).andExpect(status().isOk())
                .andExpect(content().string(containsString("mã đơn vị không thể thay đổi")));
    }

    @Test
    void badInputShowsEveryProblemInTheUsersLanguageAndChangesNothing() throws Exception {
        long agencies = jdbc.sql("select count(*) from agency").query(Long.class).single();
        String existingCode = jdbc.sql("select unit_code from agency where kind = 'COMMUNE_POLICE' and commune_code = '00304'")
                .query(String.class).single();
        adminPost("/admin/reference/agencies", "kind", "COMMUNE_POLICE", "nameVi", "  ", "nameEn", "",
                "provinceCode", "01", "communeCode", "00304", "unitCode", existingCode)
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("href=\"#f-nameVi\"")))
                .andExpect(content().string(containsString("href=\"#f-nameEn\"")))
                .andExpect(content().string(containsString("Mã đơn vị " + existingCode + " đã được dùng")))
                .andExpect(content().string(containsString("Địa bàn này đã có một cơ quan cùng loại.")));
        // Forged choices: a kind and a province that are not in the lists, a commune of another province.
        adminPost("/admin/reference/agencies", "kind", "SECRET_POLICE", "nameVi", "X", "nameEn", "X",
                "provinceCode", "99", "communeCode", "", "unitCode", "X.99")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Hãy chọn một loại cơ quan trong danh sách.")))
                .andExpect(content().string(containsString("Hãy chọn một tỉnh, thành phố trong danh sách.")));
        adminPost("/admin/reference/agencies", "kind", "COMMUNE_POLICE", "nameVi", "X", "nameEn", "X",
                "provinceCode", "04", "communeCode", "00304", "unitCode", "bad-code", "lang", "en")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("There is no commune with this code in the chosen province.")))
                .andExpect(content().string(containsString("no hyphens")));
        assertThat(jdbc.sql("select count(*) from agency").query(Long.class).single()).isEqualTo(agencies);
        adminGet("/admin/reference/agencies/999999999").andExpect(status().isNotFound());
        adminPost("/admin/reference/agencies/999999999", "kind", "COMMUNE_POLICE").andExpect(status().isNotFound());
        adminGet("/admin/reference/agencies/abc").andExpect(status().isBadRequest());
    }

    @Test
    void theListFiltersByKindProvinceAndWordsWithoutDiacritics() throws Exception {
        adminGet("/admin/reference/agencies", "kind", "COMMUNE_POLICE", "province", "01", "q", "hoan kiem")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Công an Phường Hoàn Kiếm")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Ủy ban nhân dân Phường Hoàn Kiếm"))))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Công an Phường Ba Đình"))));
    }
}
