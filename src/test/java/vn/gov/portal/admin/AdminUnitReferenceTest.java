package vn.gov.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.population.PopulationRegister;

/** Administrative units: a commune added and renamed is what the register answers; bad codes are refused. */
class AdminUnitReferenceTest extends ReferenceTestSupport {

    @Autowired
    PopulationRegister register;

    @Test
    void aCommuneAddedAndRenamedIsWhatTheRegisterAnswers() throws Exception {
        adminPost("/admin/reference/units", "province", "04", "code", "01292", "name", "Xã Thử Nghiệm")
                .andExpect(status().is3xxRedirection());
        adminPost("/admin/reference/units/01292", "name", "Xã Thử Nghiệm Mới").andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select name || '|' || name_ascii || '|' || parent_code from population.admin_unit where code = '01292'")
                .query(String.class).single()).isEqualTo("Xã Thử Nghiệm Mới|Xa Thu Nghiem Moi|04");
        assertThat(register.communes()).anySatisfy(u -> assertThat(u.code() + u.name()).isEqualTo("01292Xã Thử Nghiệm Mới"));
        String details = (String) lastAudit("admin_unit", "01292").get("details");
        assertThat(details).contains("\"before\": {\"name\": \"Xã Thử Nghiệm\"}").contains("\"after\": {\"name\": \"Xã Thử Nghiệm Mới\"}");
        adminGet("/admin/reference/units", "province", "04").andExpect(status().isOk())
                .andExpect(content().string(containsString("Xã Thử Nghiệm Mới")));
    }

    @Test
    void badCodesUnknownProvincesAndEmptyNamesChangeNothing() throws Exception {
        long units = jdbc.sql("select count(*) from population.admin_unit").query(Long.class).single();
        adminPost("/admin/reference/units", "province", "00", "code", "123", "name", "")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("href=\"#f-province\"")))
                .andExpect(content().string(containsString("Mã xã, phường gồm đúng 5 chữ số.")))
                .andExpect(content().string(containsString("href=\"#f-name\"")))
                // The summary names each field; the select with the error says so.
                .andExpect(content().string(containsString(">Tên: Hãy nhập hoặc chọn thông tin này.</a>")))
                .andExpect(content().string(containsString(">Mã đơn vị: Mã xã, phường gồm đúng 5 chữ số.</a>")))
                .andExpect(content().string(containsString(
                        "id=\"f-province\" name=\"province\" class=\"input select\" aria-describedby=\"f-province-error\" aria-invalid=\"true\"")));
        adminPost("/admin/reference/units", "province", "01", "code", "00304", "name", "Trùng mã")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Đã có đơn vị mang mã 00304.")));
        // A commune is not a province: it cannot be the parent of another.
        adminPost("/admin/reference/units", "province", "00304", "code", "00393", "name", "Xã Con", "lang", "en")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose a province or city from the list.")));
        adminPost("/admin/reference/units/00304", "name", "   ").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("href=\"#f-newName\"")))
                .andExpect(content().string(containsString("aria-invalid=\"true\" aria-describedby=\"f-newName-error\"")))
                .andExpect(content().string(containsString("id=\"f-newName-error\"")));
        assertThat(jdbc.sql("select name from population.admin_unit where code = '00304'").query(String.class).single())
                .isEqualTo("Phường Ba Đình");
        assertThat(jdbc.sql("select count(*) from population.admin_unit").query(Long.class).single()).isEqualTo(units);
        adminPost("/admin/reference/units/99999", "name", "X").andExpect(status().isNotFound());
        adminGet("/admin/reference/units", "province", "99").andExpect(status().isNotFound());
    }
}
