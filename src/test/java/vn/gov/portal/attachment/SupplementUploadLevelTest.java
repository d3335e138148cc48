package vn.gov.portal.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * Review finding: the e-ID level the procedure requires is checked at every citizen action (Decisions.act), but a
 * supplement file goes onto the dossier the agency holds from a level-1 login too: the officer sees it at once.
 */
class SupplementUploadLevelTest extends PortalIntegrationTest {

    private static final String CODE = "electricity-new-connection";

    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;

    private static Map<String, String> answers() {
        return Map.of("phone", "0912345678", "connectionProvince", "01", "connectionCommune", "00304",
                "connectionAddress", "Số 12, phố Hàng Bạc", "purpose", "DOMESTIC", "expectedLoad", "5", "phases", "1");
    }

    @Test
    void aLevelOneLoginCannotAddPapersToADossierInSupplementation() throws Exception {
        ProcedureDefinition procedure = catalog.find(CODE).orElseThrow();
        assertThat(procedure.eidLevel()).isEqualTo(2);
        String idNumber = freeAdult(1090);
        PortalUser atLevelTwo = citizen(idNumber, 2);
        UUID formId = attachRequired(atLevelTwo, procedure, UUID.randomUUID());
        Dossier dossier = ((Filing.Submitted) filing.submit(atLevelTwo, procedure, formId, answers())).dossier();
        dossier = decisions.decide(officer("dl.01.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("dl.01.xuly"), dossier.id(), "request-supplement",
                "Bổ sung sơ đồ vị trí đặt công tơ", dossier.lockVersion());
        assertThat(dossier.statusCode()).isEqualTo(5);
        PortalUser atLevelOne = citizen(idNumber, 1);

        // Sending the supplement from a level-1 login is refused (the action checks the level) ...
        Dossier waiting = dossier;
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(UserFacingException.class,
                () -> decisions.act(atLevelOne, waiting.id(), "resubmit", "", waiting.lockVersion())).code())
                .isEqualTo("filing.levelTooLowToAct");

        // ... so adding a paper to the dossier the agency holds must be refused too, storing nothing.
        long before = files(dossier.id());
        MvcResult upload = mvc.perform(multipart("/my/dossiers/" + dossier.id() + "/attachments")
                        .file(new MockMultipartFile("file", "so-do.jpg", "image/jpeg", TestFiles.jpeg()))
                        .param("documentId", Attachments.SUPPLEMENT).param("uploadId", UUID.randomUUID().toString())
                        .with(csrf()).with(authentication(login(atLevelOne))))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(files(dossier.id())).as("files on the dossier after a level-1 upload").isEqualTo(before);
        assertThat((String) upload.getFlashMap().get("problem")).contains("mức độ 2");
    }

    /**
     * Review finding (a retry): the supplement form posted twice (double click, a retry after a lost answer) sends it
     * once, but the second post answers 404 "not found", the page the citizen's browser then shows.
     */
    @Test
    void theSupplementFormPostedTwiceAnswersTheSecondPostAsTheFirst() throws Exception {
        ProcedureDefinition procedure = catalog.find(CODE).orElseThrow();
        PortalUser citizen = citizen(freeAdult(1091), 2);
        UUID formId = attachRequired(citizen, procedure, UUID.randomUUID());
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, procedure, formId, answers())).dossier();
        dossier = decisions.decide(officer("dl.01.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("dl.01.xuly"), dossier.id(), "request-supplement",
                "Bổ sung sơ đồ vị trí đặt công tơ", dossier.lockVersion());
        var post = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/my/dossiers/" + dossier.id() + "/supplement").with(csrf()).with(authentication(login(citizen)))
                .param("lockVersion", String.valueOf(dossier.lockVersion())).param("message", "Đã bổ sung");
        answers().forEach(post::param);

        mvc.perform(post).andExpect(status().is3xxRedirection());
        long events = jdbc.sql("select count(*) from dossier_event where dossier_id = ?").param(dossier.id())
                .query(Long.class).single();
        mvc.perform(post).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from dossier_event where dossier_id = ?").param(dossier.id())
                .query(Long.class).single()).isEqualTo(events);
    }

    private long files(UUID dossierId) {
        return jdbc.sql("select count(*) from attachment where dossier_id = ?").param(dossierId).query(Long.class).single();
    }
}
