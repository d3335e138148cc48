package vn.gov.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.devstack.DemoData;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.QueueFilter;
import vn.gov.portal.identity.PortalUser;

/** Staff accounts: created, given a role that opens the agency's queue, deactivated; no admin locks themselves out. */
class StaffReferenceTest extends ReferenceTestSupport {

    @Autowired
    AgencyDirectory directory;
    @Autowired
    Dossiers dossiers;
    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;

    @Test
    void aNewAccountWithARoleSeesTheAgencysQueueUntilTheRoleOrTheAccountGoes() throws Exception {
        String username = "nguyen.thu.1651";
        long agency = agencyOfCommune("COMMUNE_POLICE", "00312");
        String unitCode = jdbc.sql("select unit_code from agency where id = ?").param(agency).query(String.class).single();
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen(freeAdult(1651), 2),
                catalog.find("temporary-residence").orElseThrow(), UUID.randomUUID(),
                temporaryResidence("01", "00312"))).dossier();
        PortalUser officer = officer(username);

        adminPost("/admin/reference/staff", "username", username, "fullName", "Nguyễn Thu", "email", "thu@example.vn")
                .andExpect(status().is3xxRedirection());
        assertThat(directory.staff(username)).isPresent();
        assertThat(dossiers.queue(officer, QueueFilter.open(), 0)).isEmpty();
        assertThat(lastAudit("staff", username).get("action")).isEqualTo("reference.staff.create");

        adminPost("/admin/reference/staff/" + username + "/roles", "unitCode", unitCode.toLowerCase(), "role", "RECEIVER")
                .andExpect(status().is3xxRedirection());
        assertThat(directory.rolesIn(username, agency)).containsExactly("RECEIVER");
        assertThat(dossiers.queue(officer, QueueFilter.open(), 0)).extracting(Dossier::id).contains(dossier.id());
        assertThat((String) lastAudit("staff", username).get("details")).contains(unitCode).contains("RECEIVER");
        adminGet("/admin/reference/staff/" + username).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-agency=\"" + unitCode + "\"")));

        // The same role twice, an unknown agency, a forged role: refused, nothing added.
        adminPost("/admin/reference/staff/" + username + "/roles", "unitCode", unitCode, "role", "RECEIVER")
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("Cán bộ đã có vai trò")));
        adminPost("/admin/reference/staff/" + username + "/roles", "unitCode", "KHONG.CO", "role", "SUPERUSER")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Không có cơ quan nào mang mã đơn vị KHONG.CO.")))
                .andExpect(content().string(containsString("Hãy chọn một vai trò trong danh sách.")))
                .andExpect(content().string(containsString(">Vai trò: Hãy chọn một vai trò trong danh sách.</a>")))
                .andExpect(content().string(containsString("aria-describedby=\"f-role-error\" aria-invalid=\"true\"")));
        assertThat(jdbc.sql("select count(*) from staff_role where username = ?").param(username).query(Long.class).single())
                .isEqualTo(1);

        // Deactivated: no roles count and no login (the directory no longer finds the account); reactivated: back.
        adminPost("/admin/reference/staff/" + username + "/active", "active", "false").andExpect(status().is3xxRedirection());
        assertThat(directory.staff(username)).isEmpty();
        assertThat(directory.rolesIn(username, agency)).isEmpty();
        assertThat(dossiers.queue(officer, QueueFilter.open(), 0)).isEmpty();
        adminPost("/admin/reference/staff/" + username + "/active", "active", "true").andExpect(status().is3xxRedirection());
        assertThat(directory.rolesIn(username, agency)).containsExactly("RECEIVER");

        adminPost("/admin/reference/staff/" + username + "/roles/remove", "agency", String.valueOf(agency), "role", "RECEIVER")
                .andExpect(status().is3xxRedirection());
        assertThat(directory.rolesIn(username, agency)).isEmpty();
        assertThat(lastAudit("staff", username).get("action")).isEqualTo("reference.staff.role.remove");
        // Removing it again: there is nothing to remove.
        adminPost("/admin/reference/staff/" + username + "/roles/remove", "agency", String.valueOf(agency), "role", "RECEIVER")
                .andExpect(status().isNotFound());
    }

    @Test
    void anAdminCannotDeactivateThemselvesNorDropTheirOwnAdminFlag() throws Exception {
        long before = auditCount("staff", DemoData.ADMIN);
        adminPost("/admin/reference/staff/" + DemoData.ADMIN + "/active", "active", "false")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Bạn không thể tự khóa tài khoản của chính mình.")));
        adminPost("/admin/reference/staff/" + DemoData.ADMIN, "fullName", "Quản trị hệ thống", "email", "quantri@example.vn")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("href=\"#f-admin\"")))
                .andExpect(content().string(containsString("Bạn không thể bỏ quyền quản trị của chính mình")));
        assertThat(jdbc.sql("select is_admin and active from staff where username = ?").param(DemoData.ADMIN)
                .query(Boolean.class).single()).isTrue();
        assertThat(auditCount("staff", DemoData.ADMIN)).isEqualTo(before);
        // Another admin's flag may go: it is not a lock-out.
        adminPost("/admin/reference/staff", "username", "tran.an.1652", "fullName", "Trần An", "admin", "true")
                .andExpect(status().is3xxRedirection());
        adminPost("/admin/reference/staff/tran.an.1652", "fullName", "Trần An", "email", "")
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select is_admin from staff where username = 'tran.an.1652'").query(Boolean.class).single()).isFalse();
        assertThat((String) lastAudit("staff", "tran.an.1652").get("details"))
                .contains("\"admin\": true").contains("\"admin\": false");
        // A session that began while the account was an admin no longer administers.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/admin/reference")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .authentication(login(officer("tran.an.1652"), true))))
                .andExpect(status().isForbidden());
    }

    @Test
    void badAccountInputIsRefusedAndUnknownAccountsAreNotFound() throws Exception {
        adminPost("/admin/reference/staff", "username", DemoData.ADMIN, "fullName", "", "email", "not-an-address")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Đã có tài khoản quantri.")))
                .andExpect(content().string(containsString("href=\"#f-fullName\"")))
                .andExpect(content().string(containsString("Thư điện tử không đúng dạng")));
        adminPost("/admin/reference/staff", "username", "Có Dấu", "fullName", "X", "lang", "en")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("lower-case letters without accents")));
        assertThat(jdbc.sql("select count(*) from staff where username = 'Có Dấu'").query(Long.class).single()).isZero();
        adminGet("/admin/reference/staff/khong.ton.tai").andExpect(status().isNotFound());
        adminPost("/admin/reference/staff/khong.ton.tai/active", "active", "false").andExpect(status().isNotFound());
        adminGet("/admin/reference/staff", "q", "tiep nhan ba dinh").andExpect(status().isOk())
                .andExpect(content().string(containsString("ca.00304.tiepnhan")));
    }
}
