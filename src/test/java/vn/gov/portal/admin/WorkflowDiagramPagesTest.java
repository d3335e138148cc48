package vn.gov.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/** The workflow drawing on the officer's dossier page (current state marked) and as an SVG for admins. */
class WorkflowDiagramPagesTest extends PortalIntegrationTest {

    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    MockMvc mvc;

    @Test
    void theOfficerSeesTheWorkflowWithTheDossiersStateMarked() throws Exception {
        PortalUser citizen = citizen(freeAdult(1600), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), temporaryResidence("01", "00308"))).dossier();
        String page = mvc.perform(get("/officer/dossiers/" + dossier.id())
                        .with(authentication(login(officer("ca.00308.tiepnhan")))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String details = page.substring(page.indexOf("<details"), page.indexOf("</details>"));
        assertThat(details).contains("id=\"workflow-diagram\"", "<summary>Quy trình xử lý</summary>", "role=\"img\"",
                "data-state=\"" + dossier.state() + "\" data-current=\"true\"", "Đang ở đây",
                "Hồ sơ đang ở trạng thái: Mới nộp", "Tiếp nhận hồ sơ");
        assertThat(details).doesNotContain("style=", "<script");
        // Only the current state is marked, and the text list names its way out.
        assertThat(details.split("data-current=\"true\"", -1)).hasSize(2);
        assertThat(details).containsPattern("Mới nộp → Đã tiếp nhận</span>:\\s*<strong>Tiếp nhận hồ sơ</strong>");

        String english = mvc.perform(get("/officer/dossiers/" + dossier.id() + "?lang=en")
                        .with(authentication(login(officer("ca.00308.tiepnhan")))))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("<summary>Processing workflow</summary>", "You are here");
    }

    @Test
    void adminsGetTheLatestVersionsDiagramAsSvgAndNobodyElseDoes() throws Exception {
        MvcResult svg = mvc.perform(get("/admin/procedures/marriage-registration/diagram.svg")
                        .with(authentication(login(officer("quantri"), true))))
                .andExpect(status().isOk()).andReturn();
        assertThat(svg.getResponse().getContentType()).startsWith("image/svg+xml");
        String body = svg.getResponse().getContentAsString(StandardCharsets.UTF_8);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getAttribute("role")).isEqualTo("img");
        catalog.find("marriage-registration").orElseThrow().workflow().transitions()
                .forEach(t -> assertThat(doc.getElementsByTagName("desc").item(0).getTextContent())
                        .contains(t.label().vi()));

        // The editor's page shows the same drawing.
        mvc.perform(get("/admin/procedures/marriage-registration").with(authentication(login(officer("quantri"), true))))
                .andExpect(status().isOk())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
                        .contains("id=\"workflow-diagram\"", "<svg", catalog.find("marriage-registration")
                                .orElseThrow().workflow().transitions().get(0).label().vi()));

        mvc.perform(get("/admin/procedures/no-such-procedure/diagram.svg")
                .with(authentication(login(officer("quantri"), true)))).andExpect(status().isNotFound());
        mvc.perform(get("/admin/procedures/marriage-registration/diagram.svg")
                .with(authentication(login(officer("ca.00308.lanhdao"))))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/procedures/marriage-registration/diagram.svg")
                .with(authentication(login(citizen(freeAdult(1601), 2))))).andExpect(status().isForbidden());
    }
}
