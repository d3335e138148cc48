package vn.gov.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.DefinitionEdits;
import vn.gov.portal.catalog.DefinitionText;
import vn.gov.portal.catalog.LocalizedText;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * Review finding: the citizen's list of dossiers and the officers' queue named each dossier by its procedure's newest
 * version, while the dossier's own pages name it by the version it was filed under. After a renaming version the
 * lists named older dossiers by a name their filer never saw. Works on a copy of temporary-residence.
 */
class DossierListsNameFiledVersionTest extends PortalIntegrationTest {

    private static final String ADMIN = "quantri";

    @Autowired
    ProcedureEditor editor;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Filing filing;
    @Autowired
    MockMvc mvc;

    @Test
    void theCitizensListAndTheQueueNameEachDossierByTheVersionItWasFiledUnder() throws Exception {
        String code = "tam-tru-" + Long.toString(System.nanoTime(), 36);
        String first = "Thử nghiệm tên cũ " + code;
        String second = "Thử nghiệm tên mới " + code;
        editor.cloneAs(ADMIN, "temporary-residence", code);
        editor.editDraft(ADMIN, code, "metadata", text -> named(text, first));
        editor.publish(ADMIN, code);
        PortalUser early = citizen(freeAdult(1240), 2);
        Dossier filedUnderFirst = file(early, code);

        editor.startDraft(ADMIN, code);
        editor.editDraft(ADMIN, code, "metadata", text -> named(text, second));
        editor.publish(ADMIN, code);
        PortalUser late = citizen(freeAdult(1241), 2);
        Dossier filedUnderSecond = file(late, code);
        assertThat(filedUnderFirst.procedureVersion()).isEqualTo(1);
        assertThat(filedUnderSecond.procedureVersion()).isEqualTo(2);

        assertThat(row(page("/my/dossiers", early), filedUnderFirst)).contains(first).doesNotContain(second);
        assertThat(row(page("/my/dossiers", late), filedUnderSecond)).contains(second).doesNotContain(first);
        String queue = page("/officer/queue?procedure=" + code, officer("ca.00308.tiepnhan"));
        assertThat(row(queue, filedUnderFirst)).contains(first).doesNotContain(second);
        assertThat(row(queue, filedUnderSecond)).contains(second).doesNotContain(first);
    }

    @Test
    void aVersionNotServedHereIsNamedAsTheNewestAndAnUnknownProcedureNotAtAll() {
        LocalizedText newest = catalog.find("temporary-residence").orElseThrow().name();
        assertThat(catalog.nameOf(filedUnder("temporary-residence", 999))).contains(newest);
        assertThat(catalog.nameOf(filedUnder("no-such-procedure", 1))).isEmpty();
    }

    private static ProcedureCatalog.FiledUnder filedUnder(String code, int version) {
        return new ProcedureCatalog.FiledUnder() {
            @Override
            public String procedureCode() {
                return code;
            }

            @Override
            public int procedureVersion() {
                return version;
            }

            @Override
            public List<Integer> stepVersions() {
                return List.of();
            }
        };
    }

    private Dossier file(PortalUser citizen, String code) {
        Filing.Outcome outcome = filing.submit(citizen, catalog.find(code).orElseThrow(), UUID.randomUUID(),
                temporaryResidence("01", "00308"));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        return ((Filing.Submitted) outcome).dossier();
    }

    private String page(String path, PortalUser user) throws Exception {
        return mvc.perform(get(path).locale(Locale.forLanguageTag("vi")).with(authentication(login(user))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The dossier's row of a list page. */
    private static String row(String html, Dossier dossier) {
        Matcher row = Pattern.compile("<tr[^>]*id=\"dossier-" + dossier.id() + "\".*?</tr>", Pattern.DOTALL).matcher(html);
        assertThat(row.find()).as("row of " + dossier.id()).isTrue();
        return row.group();
    }

    /** The copy gets names of its own in the citizens' catalogue (as StepVersionAndGroupsTest's copies). */
    private static String named(String yaml, String name) {
        return DefinitionEdits.metadata(new DefinitionText(yaml).without(List.of("keywords")).text(),
                new DefinitionEdits.Metadata(name, name, "Bản sao dùng trong kiểm thử", "A copy used by tests", ""));
    }
}
