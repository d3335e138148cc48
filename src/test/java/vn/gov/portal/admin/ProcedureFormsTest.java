package vn.gov.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.portal.PageChecks;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureStore;

/**
 * The procedure editor's forms, refused, come back on their page with the error summary linking to the field, the
 * field marked, and everything the admin typed; the draft (or the list of procedures) is as it was.
 */
class ProcedureFormsTest extends PortalIntegrationTest {

    private static final String ADMIN = "quantri";

    @Autowired
    ProcedureEditor editor;
    @Autowired
    ProcedureStore store;
    @Autowired
    MockMvc mvc;

    /** A draft (version 1, never published) of a copy of temporary-residence under a code of its own. */
    private String draft() {
        String code = "forms-" + Long.toString(System.nanoTime(), 36);
        editor.cloneAs(ADMIN, "temporary-residence", code);
        return code;
    }

    private String source(String code) {
        return store.version(code, 1).orElseThrow().source();
    }

    private MvcResult send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(login(officer(ADMIN), true)))).andReturn();
    }

    @Test
    void namesWithoutTheVietnameseNameKeepTheTypedSummaries() throws Exception {
        String code = draft();
        String before = source(code);
        String page = PageChecks.shownAgainWithProblemAt(send(post("/admin/procedures/" + code + "/metadata")
                .param("nameVi", " ").param("nameEn", "Residence, trial").param("summaryVi", "Tóm tắt mới gõ")
                .param("summaryEn", "A summary just typed").param("nationalCode", "1.009999")), "meta-name-vi");
        assertThat(page).contains(">Tóm tắt mới gõ</textarea>", ">A summary just typed</textarea>",
                "value=\"Residence, trial\"", "value=\"1.009999\"");
        assertThat(source(code)).isEqualTo(before);
    }

    @Test
    void aFeeThatIsNoNumberIsMarkedAndKeptInBothLanguages() throws Exception {
        String code = draft();
        String before = source(code);
        String page = PageChecks.shownAgainWithProblemAt(send(post("/admin/procedures/" + code + "/fees")
                .param("counter", "20.000").param("online", "mười nghìn")), "fee-online");
        assertThat(page).contains("value=\"mười nghìn\"", "value=\"20.000\"", "Có lỗi cần sửa");
        String english = PageChecks.shownAgainWithProblemAt(send(post("/admin/procedures/" + code + "/deadline")
                .param("workingDays", "400").param("lang", "en")), "deadline-days");
        assertThat(english).contains("There is a problem", "value=\"400\"");
        assertThat(source(code)).isEqualTo(before);
    }

    @Test
    void aStepWithABadIdKeepsItsLabelsAndTickedRoles() throws Exception {
        String code = draft();
        String before = source(code);
        String page = PageChecks.shownAgainWithProblemAt(send(post("/admin/procedures/" + code + "/steps")
                .param("stateId", "Bước mới").param("status", "6").param("labelVi", "Đã kiểm tra lần hai")
                .param("labelEn", "Checked twice").param("after", "received").param("before", "processing")
                .param("inEvent", "check-again").param("inLabelVi", "Kiểm tra lại").param("inLabelEn", "Check again")
                .param("inRoles", "HANDLER")), "step-id");
        assertThat(page).contains("value=\"Bước mới\"", "value=\"Đã kiểm tra lần hai\"", "value=\"Checked twice\"",
                "value=\"check-again\"", "value=\"Kiểm tra lại\"");
        assertThat(page).containsPattern("value=\"6\"\\s+selected").containsPattern("value=\"received\"\\s+selected");
        String handler = page.substring(page.indexOf("id=\"step-in-role-HANDLER\"") - 80);
        assertThat(handler.substring(0, handler.indexOf('>', 80))).contains("checked");
        String sameExits = page.substring(page.indexOf("id=\"step-same-exits\""));
        assertThat(sameExits.substring(0, sameExits.indexOf('>'))).as("left unticked").doesNotContain("checked");

        PageChecks.shownAgainWithProblemAt(send(post("/admin/procedures/" + code + "/steps").param("stateId", "checked-twice")
                .param("status", "4").param("labelVi", "Đã kiểm tra").param("after", "received")
                .param("before", "processing").param("inEvent", "check-twice").param("inLabelVi", "Kiểm tra")),
                "step-in-role-RECEIVER");
        assertThat(source(code)).isEqualTo(before);
    }

    @Test
    void aNewProcedureWithABadCodeKeepsItsNamesAndIsNotCreated() throws Exception {
        String page = PageChecks.shownAgainWithProblemAt(send(post("/admin/procedures").param("code", "Thủ Tục Mới")
                .param("nameVi", "Thủ tục thử nghiệm mới").param("nameEn", "A new trial")), "new-code");
        assertThat(page).contains("value=\"Thủ Tục Mới\"", "value=\"Thủ tục thử nghiệm mới\"", "value=\"A new trial\"");
        assertThat(jdbc.sql("select count(*) from procedure_version where code like 'Thủ%'")
                .query(Long.class).single()).isZero();

        String taken = PageChecks.shownAgainWithProblemAt(send(post("/admin/procedures/clone").param("from", "temporary-residence")
                .param("code", "birth-registration")), "clone-code");
        assertThat(taken).contains("value=\"birth-registration\"")
                .containsPattern("value=\"temporary-residence\"\\s+selected");
    }
}
