package vn.gov.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PageChecks;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.DefinitionCheck;
import vn.gov.portal.catalog.DefinitionEdits;
import vn.gov.portal.catalog.DefinitionText;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.ProcedureStore;
import vn.gov.portal.catalog.ShippedDefinitions;
import vn.gov.portal.catalog.StoredVersion;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * Procedures edited in the browser: versions, publishing, rollback, import and export, and dossiers in flight that
 * finish on the version they were filed under. Tests work on copies of temporary-residence under codes of their
 * own, so the procedures other tests use stay as the files say.
 */
class ProcedureVersionsTest extends PortalIntegrationTest {

    private static final String ADMIN = "quantri";
    private static final AtomicInteger PEOPLE = new AtomicInteger(1500);

    @Autowired
    ProcedureEditor editor;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    ProcedureStore store;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    MockMvc mvc;

    private static OAuth2AuthenticationToken admin() {
        return login(officer(ADMIN), true);
    }

    private static String uniqueCode(String name) {
        return name + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** A copy of temporary-residence published as version 1 of a new code. */
    private String publishedCopy(String name) {
        String code = uniqueCode(name);
        editor.cloneAs(ADMIN, "temporary-residence", code);
        editor.editDraft(ADMIN, code, "metadata", text -> trial(text, code));
        editor.publish(ADMIN, code);
        return code;
    }

    /**
     * Published copies are in the citizens' catalogue for the rest of the run: with names and words of their own,
     * so that searches of other tests still find the real procedure first.
     */
    private static String trial(String yaml, String code) {
        return DefinitionEdits.metadata(new DefinitionText(yaml).without(List.of("keywords")).text(),
                new DefinitionEdits.Metadata("Thử nghiệm phiên bản " + code, "Version trial " + code,
                        "Bản sao dùng trong kiểm thử", "A copy used by tests", ""));
    }

    private Dossier file(String code) {
        PortalUser citizen = citizen(freeAdult(PEOPLE.getAndIncrement()), 2);
        return ((Filing.Submitted) filing.submit(citizen, catalog.find(code).orElseThrow(), UUID.randomUUID(),
                temporaryResidence("01", "00308"))).dossier();
    }

    private static String seededFile() throws Exception {
        return Files.readString(Path.of("workflows/temporary-residence.yaml"));
    }

    /**
     * An installation seeded by an earlier release keeps publishing its versions; the newer file an upgrade ships is
     * offered on the admins' list, imported as a draft with the file's number, and no longer offered once published.
     */
    @Test
    void aNewerVersionAnUpgradeShipsIsOfferedAndImportedAsADraftWithItsNumber(@TempDir Path release,
            @Autowired DefinitionCheck check, @Autowired vn.gov.portal.audit.AuditLog audit,
            @Autowired org.springframework.transaction.PlatformTransactionManager transactions) throws Exception {
        String code = publishedCopy("upgrade");
        String published = store.version(code, 1).orElseThrow().source();
        String shippedText = DefinitionEdits.version(published, 3).replace("Version trial " + code,
                "Version trial " + code + ", as the release ships it");
        Files.writeString(release.resolve(code + ".yaml"), shippedText);
        ShippedDefinitions shipped = new ShippedDefinitions(release.toUri().toString(), check, catalog);
        ProcedureEditor upgraded = new ProcedureEditor(store, catalog, shipped, audit);
        // Built here, not by Spring, so its methods run in transactions of the test's making.
        var inTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);

        assertThat(row(upgraded, code)).isEqualTo(new ProcedureEditor.Summary(code, "Thử nghiệm phiên bản " + code,
                1, null, 3));
        StoredVersion draft = inTransaction.execute(t -> upgraded.importShipped(ADMIN, code));
        assertThat(draft.version()).isEqualTo(3);
        assertThat(draft.isDraft()).isTrue();
        assertThat(draft.source()).isEqualTo(shippedText);
        assertThat(catalog.find(code).orElseThrow().version()).as("nothing published by the import").isEqualTo(1);
        // Not offered again while its draft is there; importing again would replace the draft's text, so it is refused.
        assertThat(row(upgraded, code).shippedVersion()).isNull();
        assertThat(row(upgraded, code).draftVersion()).isEqualTo(3);
        assertThatThrownBy(() -> inTransaction.execute(t -> upgraded.importShipped(ADMIN, code)))
                .isInstanceOf(UserFacingException.class)
                .extracting("code").isEqualTo("adminProcedures.error.draftBeforeShipped");

        inTransaction.execute(t -> upgraded.publish(ADMIN, code));
        assertThat(catalog.find(code).orElseThrow().version()).isEqualTo(3);
        assertThat(row(upgraded, code).shippedVersion()).isNull();
        assertThatThrownBy(() -> inTransaction.execute(t -> upgraded.importShipped(ADMIN, code)))
                .isInstanceOf(UserFacingException.class)
                .extracting("code").isEqualTo("adminProcedures.error.nothingShipped");
    }

    @Test
    void theListOffersNoImportWhenTheReleaseShipsNothingNewerAndAPostChangesNothing() throws Exception {
        String page = mvc.perform(get("/admin/procedures").with(authentication(admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Phiên bản mới trong bản cập nhật").doesNotContain("id=\"import-shipped-");
        int before = store.lock("passport").size();
        String problem = (String) mvc.perform(post("/admin/procedures/passport/shipped").with(csrf())
                        .with(authentication(admin())))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("problem");
        assertThat(problem).contains("không có phiên bản nào mới hơn");
        assertThat(store.lock("passport")).hasSize(before);
    }

    private static ProcedureEditor.Summary row(ProcedureEditor editor, String code) {
        return editor.overview().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aDossierInFlightKeepsItsVersionWhileNewDossiersGetTheNewOne() {
        String code = publishedCopy("in-flight");
        Dossier filedUnderV1 = file(code);
        assertThat(filedUnderV1.procedureVersion()).isEqualTo(1);

        editor.startDraft(ADMIN, code);
        editor.editDraft(ADMIN, code, "deadline", text -> DefinitionEdits.deadline(text, 10));
        editor.editDraft(ADMIN, code, "step", text -> DefinitionEdits.addStep(text, new DefinitionEdits.NewStep(
                "checked", 4, "Đã kiểm tra", "Checked", "received", "processing", "check", "Kiểm tra hồ sơ", "Check",
                List.of("HANDLER"), List.of(), true)));
        StoredVersion v2 = editor.publish(ADMIN, code);
        assertThat(v2.version()).isEqualTo(2);
        // At once, without a restart: new dossiers get version 2.
        assertThat(catalog.find(code).orElseThrow().version()).isEqualTo(2);
        assertThat(catalog.find(code).orElseThrow().deadline().workingDays()).isEqualTo(10);

        Dossier filedUnderV2 = file(code);
        assertThat(filedUnderV2.procedureVersion()).isEqualTo(2);
        assertThat(filedUnderV2.appointmentDate()).isAfter(filedUnderV1.appointmentDate());

        // The old dossier still decides with version 1: no "check" step, straight to processing.
        PortalUser receiver = officer("ca.00308.tiepnhan");
        PortalUser handler = officer("ca.00308.xuly");
        Dossier old = decisions.decide(receiver, filedUnderV1.id(), "receive", "", filedUnderV1.lockVersion());
        Dossier oldOne = old;
        assertThatThrownBy(() -> decisions.decide(handler, oldOne.id(), "check", "", oldOne.lockVersion()))
                .isInstanceOf(UserFacingException.class);
        old = decisions.decide(handler, old.id(), "process", "", old.lockVersion());
        assertThat(old.state()).isEqualTo("processing");
        assertThat(old.procedureVersion()).isEqualTo(1);

        // The new dossier must pass through the new step.
        Dossier fresh = decisions.decide(receiver, filedUnderV2.id(), "receive", "", filedUnderV2.lockVersion());
        Dossier received = fresh;
        assertThatThrownBy(() -> decisions.decide(handler, received.id(), "process", "", received.lockVersion()))
                .isInstanceOf(UserFacingException.class);
        fresh = decisions.decide(handler, fresh.id(), "check", "", fresh.lockVersion());
        assertThat(fresh.state()).isEqualTo("checked");
        assertThat(fresh.statusCode()).isEqualTo(4);
        fresh = decisions.decide(handler, fresh.id(), "process", "", fresh.lockVersion());
        assertThat(fresh.state()).isEqualTo("processing");
    }

    @Test
    void theTimelineNamesAStepAnAdminAddedByItsLabelInTheReadersLanguage() throws Exception {
        String code = publishedCopy("timeline");
        editor.startDraft(ADMIN, code);
        editor.editDraft(ADMIN, code, "step", text -> DefinitionEdits.addStep(text, new DefinitionEdits.NewStep(
                "checked", 4, "Đã kiểm tra", "Checked", "received", "processing", "check", "Kiểm tra hồ sơ",
                "Check the papers", List.of("HANDLER"), List.of(), true)));
        editor.publish(ADMIN, code);
        PortalUser citizen = citizen(freeAdult(PEOPLE.getAndIncrement()), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, catalog.find(code).orElseThrow(), UUID.randomUUID(),
                temporaryResidence("01", "00308"))).dossier();
        dossier = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        decisions.decide(officer("ca.00308.xuly"), dossier.id(), "check", "", dossier.lockVersion());

        assertThat(timelineStep("/my/dossiers/" + dossier.id(), login(citizen), "check")).isEqualTo("Kiểm tra hồ sơ");
        assertThat(timelineStep("/my/dossiers/" + dossier.id() + "?lang=en", login(citizen), "check"))
                .isEqualTo("Check the papers");
        assertThat(timelineStep("/officer/dossiers/" + dossier.id(), login(officer("ca.00308.xuly")), "check"))
                .isEqualTo("Kiểm tra hồ sơ");
    }

    /** What the page's timeline calls the step of the event. */
    private String timelineStep(String page, OAuth2AuthenticationToken who, String event) throws Exception {
        String html = mvc.perform(get(page).with(authentication(who))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        java.util.regex.Matcher step = java.util.regex.Pattern.compile("class=\"timeline-item\" data-event=\"" + event
                + "\">[\\s\\S]*?<strong class=\"timeline-event\"[^>]*>([^<]*)</strong>").matcher(html);
        assertThat(step.find()).as("the step " + event + " in the timeline of " + page).isTrue();
        return step.group(1).strip();
    }

    @Test
    void aVersionPublishedByAnotherInstanceIsFoundForItsDossiers() {
        String code = publishedCopy("other-instance");
        String v2 = DefinitionEdits.deadline(DefinitionEdits.version(store.version(code, 1).orElseThrow().source(), 2), 8);
        // What another instance's publication leaves in the database (this instance is not told).
        store.insertDraft(code, 2, v2, ADMIN);
        store.publish(code, 2, ADMIN);
        assertThat(catalog.get(code, 2).deadline().workingDays()).isEqualTo(8);
        assertThat(catalog.find(code).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aDraftWithProblemsCannotBePublishedEvenByAForgedRequest() throws Exception {
        String code = publishedCopy("broken");
        mvc.perform(post("/admin/procedures/" + code + "/draft").with(csrf()).with(authentication(admin())))
                .andExpect(status().is3xxRedirection());
        String broken = store.version(code, 2).orElseThrow().source().replace("workingDays: 3", "workingDays: three");
        mvc.perform(post("/admin/procedures/" + code + "/source").param("source", broken).with(csrf())
                .with(authentication(admin()))).andExpect(status().is3xxRedirection());

        String page = mvc.perform(get("/admin/procedures/" + code).with(authentication(admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        int line = (int) broken.substring(0, broken.indexOf("workingDays: three")).lines().count(); // the last, partial line is the one
        assertThat(page).contains("id=\"problems\"", "Dòng " + line, "workingDays")
                .containsPattern("id=\"publish\"[^>]*disabled");
        PageChecks.headingsSkipNoLevel(page);
        // The problem in the editor's language: Vietnamese by default, English on request.
        assertThat(page).contains("&#39;workingDays&#39; phải là số nguyên, giá trị hiện tại là &#39;three&#39;")
                .doesNotContain("must be a whole number");
        String english = mvc.perform(get("/admin/procedures/" + code).param("lang", "en").with(authentication(admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(english).contains("&#39;workingDays&#39; must be a whole number, found &#39;three&#39;",
                "The definition has 1 problem and cannot be published yet");

        mvc.perform(post("/admin/procedures/" + code + "/publish").with(csrf()).with(authentication(admin())))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat((String) result.getFlashMap().get("problem")).contains("1 lỗi"));
        assertThat(store.version(code, 2).orElseThrow().status()).isEqualTo(StoredVersion.Status.DRAFT);
        assertThat(catalog.find(code).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void rollbackPublishesAnOldTextAsTheNextVersion() throws Exception {
        String code = publishedCopy("rollback");
        editor.startDraft(ADMIN, code);
        editor.editDraft(ADMIN, code, "deadline", text -> DefinitionEdits.deadline(text, 9));
        editor.publish(ADMIN, code);
        assertThat(catalog.find(code).orElseThrow().deadline().workingDays()).isEqualTo(9);

        mvc.perform(post("/admin/procedures/" + code + "/versions/1/republish").with(csrf()).with(authentication(admin())))
                .andExpect(status().is3xxRedirection());

        assertThat(catalog.find(code).orElseThrow().version()).isEqualTo(3);
        assertThat(catalog.find(code).orElseThrow().deadline().workingDays()).isEqualTo(3);
        List<StoredVersion> versions = editor.versions(code);
        assertThat(versions).extracting(StoredVersion::version, StoredVersion::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, StoredVersion.Status.PUBLISHED),
                org.assertj.core.groups.Tuple.tuple(2, StoredVersion.Status.SUPERSEDED),
                org.assertj.core.groups.Tuple.tuple(1, StoredVersion.Status.SUPERSEDED));
        assertThat(versions.get(0).source()).isEqualTo(DefinitionEdits.version(versions.get(2).source(), 3));
        assertThat(versions.get(0).publishedBy()).isEqualTo(ADMIN);
        // Dossiers filed under any version still find their definition.
        assertThat(catalog.get(code, 2).deadline().workingDays()).isEqualTo(9);

        String details = jdbc.sql("""
                        select details::text from audit_log where action = 'procedure.rollback' and subject_id = ?""")
                .param(code).query(String.class).single();
        assertThat(details).contains("\"version\": 2", "\"version\": 3", versions.get(1).hash(), versions.get(0).hash());

        String history = mvc.perform(get("/admin/procedures/" + code + "/history").param("from", "2").param("to", "3")
                        .with(authentication(admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(history).contains("workingDays: 9", "workingDays: 3", "diff-removed", "diff-added", "republish-1",
                "aria-labelledby=\"diff-caption\"");
        PageChecks.scrollingTablesAreNamedRegions(history);
    }

    @Test
    void exportGivesTheFileAndAnImportedFileComesBackUnchanged() throws Exception {
        String file = seededFile();
        int seeded = catalog.find("temporary-residence").orElseThrow().version();   // the file's own version
        byte[] exported = mvc.perform(get("/admin/procedures/temporary-residence/versions/" + seeded + "/export")
                        .with(authentication(admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(exported, StandardCharsets.UTF_8)).isEqualTo(file);

        // As the first version of a new procedure, the file comes back byte for byte.
        String code = uniqueCode("imported");
        byte[] upload = trial(DefinitionEdits.version(file.replace("code: temporary-residence", "code: " + code), 1),
                code).getBytes(StandardCharsets.UTF_8);
        mvc.perform(multipart("/admin/procedures/import")
                        .file(new MockMultipartFile("file", code + ".yaml", "application/yaml", upload))
                        .with(csrf()).with(authentication(admin())))
                .andExpect(status().is3xxRedirection());
        StoredVersion draft = store.version(code, 1).orElseThrow();
        assertThat(draft.status()).isEqualTo(StoredVersion.Status.DRAFT); // never published by itself
        assertThat(catalog.find(code)).isEmpty();
        byte[] back = mvc.perform(get("/admin/procedures/" + code + "/versions/1/export").with(authentication(admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(back).isEqualTo(upload);

        // A file imported over a procedure with versions becomes the next version: only its version line changes.
        editor.publish(ADMIN, code);
        mvc.perform(multipart("/admin/procedures/import")
                        .file(new MockMultipartFile("file", code + ".yaml", "application/yaml", upload))
                        .with(csrf()).with(authentication(admin())))
                .andExpect(status().is3xxRedirection());
        List<String> lines = List.of(new String(upload, StandardCharsets.UTF_8).split("\n", -1));
        int versionLine = lines.indexOf("version: 1");
        assertThat(LineDiff.changes(store.version(code, 1).orElseThrow().source(),
                store.version(code, 2).orElseThrow().source(), 0))
                .extracting(LineDiff.Line::kind, LineDiff.Line::text).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LineDiff.Kind.GAP, Integer.toString(versionLine)),
                        org.assertj.core.groups.Tuple.tuple(LineDiff.Kind.REMOVED, "version: 1"),
                        org.assertj.core.groups.Tuple.tuple(LineDiff.Kind.ADDED, "version: 2"),
                        org.assertj.core.groups.Tuple.tuple(LineDiff.Kind.GAP,
                                Integer.toString(lines.size() - versionLine - 1)));
    }

    @Test
    void theStructuredFormsWriteYamlThatReadsAsTheIntendedDefinition() throws Exception {
        String code = publishedCopy("forms");
        mvc.perform(post("/admin/procedures/" + code + "/draft").with(csrf()).with(authentication(admin())));
        mvc.perform(post("/admin/procedures/" + code + "/metadata").with(csrf()).with(authentication(admin()))
                .param("nameVi", "Đăng ký tạm trú (thử: mẫu mới)").param("nameEn", "Temporary residence, trial")
                .param("summaryVi", "Tóm tắt").param("summaryEn", "Summary").param("nationalCode", "1.004194"));
        mvc.perform(post("/admin/procedures/" + code + "/fees").with(csrf()).with(authentication(admin()))
                .param("counter", "20.000").param("online", "10000"));
        mvc.perform(post("/admin/procedures/" + code + "/deadline").with(csrf()).with(authentication(admin()))
                .param("workingDays", "4"));
        mvc.perform(post("/admin/procedures/" + code + "/eid-level").with(csrf()).with(authentication(admin()))
                .param("eidLevel", "1"));
        mvc.perform(post("/admin/procedures/" + code + "/steps").with(csrf()).with(authentication(admin()))
                .param("stateId", "approved-once").param("status", "4").param("labelVi", "Đã duyệt lần 1")
                .param("labelEn", "First approval").param("after", "processing").param("before", "approved")
                .param("inEvent", "first-approval").param("inLabelVi", "Duyệt lần 1").param("inLabelEn", "First approval")
                .param("inRoles", "HANDLER").param("outRoles", "APPROVER"));
        // Bad input is refused with a message and changes nothing.
        String before = store.version(code, 2).orElseThrow().source();
        mvc.perform(post("/admin/procedures/" + code + "/fees").with(csrf()).with(authentication(admin()))
                        .param("counter", "mười nghìn").param("online", "0"))
                .andExpect(status().is(422))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).contains("mười nghìn"));
        assertThat(store.version(code, 2).orElseThrow().source()).isEqualTo(before);

        ProcedureDefinition d = editor.review(store.version(code, 2).orElseThrow()).definition();
        assertThat(d).isNotNull();
        assertThat(d.name().vi()).isEqualTo("Đăng ký tạm trú (thử: mẫu mới)");
        assertThat(d.name().en()).isEqualTo("Temporary residence, trial");
        assertThat(d.nationalCode()).isEqualTo("1.004194");
        assertThat(d.fees().counter()).isEqualTo(20000);
        assertThat(d.fees().online()).isEqualTo(10000);
        assertThat(d.deadline().workingDays()).isEqualTo(4);
        assertThat(d.eidLevel()).isEqualTo(1);
        assertThat(d.workflow().transition("processing", "first-approval").orElseThrow().to()).isEqualTo("approved-once");
        assertThat(d.workflow().transition("approved-once", "approve").orElseThrow().writeBack()).isTrue();
        assertThat(d.workflow().transition("processing", "approve")).isEmpty();
        // Each change is audited with the text's hash before and after.
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'procedure.edit' and subject_id = ?")
                .param(code).query(Long.class).single()).isEqualTo(6); // the copy's own name, then five forms
        String last = jdbc.sql("""
                        select details::text from audit_log where action = 'procedure.edit' and subject_id = ?
                        order by id desc limit 1""").param(code).query(String.class).single();
        assertThat(last).contains(StoredVersion.hash(before), "\"what\": \"step\"");
    }

    @Test
    void onlyAdminsReachTheProcedureEditor() throws Exception {
        OAuth2AuthenticationToken officer = login(officer("ca.00308.lanhdao"));
        OAuth2AuthenticationToken citizen = login(citizen(freeAdult(1590), 2));
        for (OAuth2AuthenticationToken who : List.of(officer, citizen)) {
            mvc.perform(get("/admin/procedures").with(authentication(who))).andExpect(status().isForbidden());
            mvc.perform(get("/admin/procedures/temporary-residence/history").with(authentication(who)))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/admin/procedures/temporary-residence/versions/1/export").with(authentication(who)))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/procedures/temporary-residence/draft").with(csrf()).with(authentication(who)))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/procedures/temporary-residence/publish").with(csrf()).with(authentication(who)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/admin/procedures").with(authentication(admin()))).andExpect(status().isOk())
                .andExpect(result -> PageChecks.scrollingTablesAreNamedRegions(result.getResponse().getContentAsString()));
        mvc.perform(get("/admin/procedures/no-such-procedure").with(authentication(admin())))
                .andExpect(status().isNotFound());
    }
}
