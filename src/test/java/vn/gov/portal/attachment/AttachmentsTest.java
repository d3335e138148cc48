package vn.gov.portal.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.web.Messages;

/**
 * Attachments through the real pages and services: required documents hold the submission back, bad files are
 * refused with a message and leave nothing behind, downloads are for the dossier's people only, and a supplement may
 * be sent only while the agency asks for one.
 */
class AttachmentsTest extends PortalIntegrationTest {

    private static final String CODE = "electricity-new-connection";
    private static final String APPLY = "/procedures/" + CODE + "/apply";

    @Autowired
    TransactionTemplate transactions;
    @Autowired
    private vn.gov.portal.limits.RateLimits limits;
    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    AttachmentRepository repository;
    @Autowired
    AttachmentStore store;
    @Autowired
    vn.gov.portal.dossier.Dossiers dossierReads;
    @Autowired
    vn.gov.portal.audit.AuditLog audit;
    @Autowired
    vn.gov.portal.dossier.ActingLevel actingLevel;

    private ProcedureDefinition procedure() {
        return catalog.find(CODE).orElseThrow();
    }

    /** A new power connection in Hà Nội: one paper to upload (proof of the premises), the ID card checked in the register. */
    private static Map<String, String> answers() {
        return Map.of("phone", "0912345678", "connectionProvince", "01", "connectionCommune", "00304",
                "connectionAddress", "Số 12, phố Hàng Bạc", "purpose", "DOMESTIC", "expectedLoad", "5", "phases", "1");
    }

    private MockHttpServletRequestBuilder submit(PortalUser citizen, UUID formId) {
        MockHttpServletRequestBuilder request = post(APPLY).with(csrf()).with(authentication(login(citizen)))
                .param("formId", formId.toString()).param("action", "submit");
        answers().forEach((k, v) -> request.param(k, v));
        return request;
    }

    private MvcResult upload(PortalUser citizen, UUID formId, String documentId, String name, byte[] content)
            throws Exception {
        return mvc.perform(multipart(APPLY + "/attachments")
                        .file(new MockMultipartFile("file", name, "application/pdf", content))
                        .param("formId", formId.toString()).param("documentId", documentId)
                        .with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(APPLY + "?step=documents")).andReturn();
    }

    private UUID draftOf(PortalUser citizen) {
        return jdbc.sql("select id from dossier where applicant_id_number = ? and procedure_code = ? and state = 'draft'")
                .params(citizen.subject(), CODE).query(UUID.class).single();
    }

    /** The citizen's draft, saved with valid answers and no file yet. */
    private UUID savedDraft(PortalUser citizen) {
        filing.save(citizen, procedure(), UUID.randomUUID(), answers());
        return draftOf(citizen);
    }

    private long filesOf(UUID dossierId) {
        return jdbc.sql("select count(*) from attachment where dossier_id = ?").param(dossierId).query(Long.class).single();
    }

    private Dossier submitted(PortalUser citizen) {
        UUID formId = attachRequired(citizen, procedure(), UUID.randomUUID());
        return ((Filing.Submitted) filing.submit(citizen, procedure(), formId, answers())).dossier();
    }

    @Test
    void theFormAsksOnlyForWhatTheRegisterCannotProveAndSubmissionWaitsForIt() throws Exception {
        PortalUser citizen = citizen(freeAdult(1000), 2);
        // The papers have a page of their own in the form, with an upload form per paper.
        String form = mvc.perform(get(APPLY).param("step", "documents").with(authentication(login(citizen))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("id=\"field-attachment-premisesProof\"", "enctype=\"multipart/form-data\"")
                .doesNotContain("id=\"field-attachment-idCard\"")
                .contains("cơ quan giải quyết tự kiểm tra giấy tờ này trong Cơ sở dữ liệu quốc gia về dân cư");
        // the upload forms are not inside the application form (which only carries the buttons on this page)
        assertThat(form.indexOf("id=\"field-attachment-premisesProof\"")).isLessThan(form.indexOf("id=\"apply-form\""));
        assertThat(mvc.perform(get(APPLY).with(authentication(login(citizen)))).andReturn().getResponse()
                .getContentAsString()).doesNotContain("id=\"field-attachment-premisesProof\"");

        UUID formId = UUID.randomUUID();
        String refused = mvc.perform(submit(citizen, formId)).andExpect(status().is(422))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("href=\"#field-attachment-premisesProof\"",
                "vui lòng đính kèm bản chụp hoặc bản scan của giấy tờ này trước khi nộp hồ sơ");
        UUID draft = draftOf(citizen);
        assertThat(draft).isEqualTo(formId);

        byte[] pdf = TestFiles.pdf("Hợp đồng thuê nhà số 5 Hàng Bạc");
        MvcResult uploaded = upload(citizen, draft, "premisesProof", "C:\\Tài liệu\\Hợp đồng thuê nhà.pdf", pdf);
        assertThat(uploaded.getFlashMap().get("notice")).isEqualTo("Đã đính kèm tệp “Hợp đồng thuê nhà.pdf”.");
        Map<String, Object> row = jdbc.sql("""
                        select document_id, file_name, content_type, size_bytes, sha256, uploaded_by, supplement
                        from attachment where dossier_id = ?""").param(draft).query().singleRow();
        assertThat(row).containsEntry("document_id", "premisesProof").containsEntry("file_name", "Hợp đồng thuê nhà.pdf")
                .containsEntry("content_type", "application/pdf").containsEntry("size_bytes", pdf.length)
                .containsEntry("sha256", TestFiles.sha256(pdf)).containsEntry("uploaded_by", citizen.subject())
                .containsEntry("supplement", false);
        assertThat(jdbc.sql("select content from attachment_content c join attachment a on a.id = c.attachment_id where a.dossier_id = ?")
                .param(draft).query((rs, n) -> rs.getBytes(1)).single()).isEqualTo(pdf);

        String redirect = mvc.perform(submit(citizen, draft)).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(redirect).isEqualTo("/my/dossiers/" + draft + "/submitted");
        assertThat(jdbc.sql("select status_code from dossier where id = ?").param(draft).query(Integer.class).single())
                .isEqualTo(1);

        // Submitted papers are evidence: the remove button of the draft no longer works.
        UUID attachment = jdbc.sql("select id from attachment where dossier_id = ?").param(draft).query(UUID.class).single();
        mvc.perform(post(APPLY + "/attachments/" + attachment + "/delete").with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().isNotFound());
        assertThat(filesOf(draft)).isEqualTo(1);
    }

    @Test
    void wrongTypeTooBigAndEmptyFilesAreRefusedWithAMessageAndNothingIsStored() throws Exception {
        PortalUser citizen = citizen(freeAdult(1001), 2);
        UUID draft = savedDraft(citizen);

        byte[] text = "Đây là một tệp văn bản".getBytes(StandardCharsets.UTF_8);
        byte[] pdf = TestFiles.pdf("to");
        byte[] tooBig = Arrays.copyOf(pdf, Attachments.MAX_BYTES + 1);
        System.arraycopy("%%EOF".getBytes(StandardCharsets.US_ASCII), 0, tooBig, tooBig.length - 5, 5);
        byte[] exe = Arrays.copyOf(new byte[] {'M', 'Z', (byte) 0x90, 0}, 4096);

        assertThat(problemOf(upload(citizen, draft, "premisesProof", "hop-dong.pdf", text)))
                .contains("chỉ nhận tệp PDF, JPG hoặc PNG");
        assertThat(problemOf(upload(citizen, draft, "premisesProof", "anh.png", exe)))
                .contains("chỉ nhận tệp PDF, JPG hoặc PNG");
        assertThat(problemOf(upload(citizen, draft, "premisesProof", "scan.pdf", tooBig)))
                .contains("tệp quá lớn", "10 MB");
        assertThat(problemOf(upload(citizen, draft, "premisesProof", "", new byte[0])))
                .contains("bạn chưa chọn tệp");
        assertThat(filesOf(draft)).isZero();
        assertThat(jdbc.sql("select count(*) from attachment_content c join attachment a on a.id = c.attachment_id where a.dossier_id = ?")
                .param(draft).query(Long.class).single()).isZero();

        // In English when the citizen chose English.
        MvcResult english = mvc.perform(multipart(APPLY + "/attachments").param("lang", "en")
                        .file(new MockMultipartFile("file", "x.pdf", "application/pdf", text))
                        .param("formId", draft.toString()).param("documentId", "premisesProof")
                        .with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(problemOf(english)).contains("only PDF, JPG or PNG files are accepted");

        // A document the register proves cannot be uploaded at all.
        mvc.perform(multipart(APPLY + "/attachments").file(new MockMultipartFile("file", "cccd.pdf", "application/pdf", pdf))
                        .param("formId", draft.toString()).param("documentId", "idCard")
                        .with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection());
        assertThat(filesOf(draft)).isZero();
    }

    @SuppressWarnings("unchecked")
    private static String problemOf(MvcResult result) {
        List<Messages.FieldMessage> errors = (List<Messages.FieldMessage>) result.getFlashMap().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo("attachment-premisesProof");
        return errors.get(0).text();
    }

    @Test
    void aDossierTakesAtMostTwentyFilesAndADraftsFileCanBeRemoved() throws Exception {
        PortalUser citizen = citizen(freeAdult(1002), 2);
        UUID formId = UUID.randomUUID();
        byte[] png = TestFiles.png();
        Attachment first = attachments.attachToDraft(citizen, procedure(), formId, "premisesProof",
                new Attachments.Upload("trang-1.png", png));
        for (int page = 2; page <= Attachments.MAX_FILES; page++) {
            attachments.attachToDraft(citizen, procedure(), formId, "premisesProof",
                    new Attachments.Upload("trang-" + page + ".png", png));
        }
        assertThatThrownBy(() -> attachments.attachToDraft(citizen, procedure(), formId, "premisesProof",
                new Attachments.Upload("trang-21.png", png)))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("attachment.tooMany");
        assertThat(filesOf(formId)).isEqualTo(Attachments.MAX_FILES);

        // another citizen cannot remove it
        mvc.perform(post(APPLY + "/attachments/" + first.id() + "/delete").with(csrf())
                        .with(authentication(login(citizen(freeAdult(1003), 2)))))
                .andExpect(status().isNotFound());
        mvc.perform(post(APPLY + "/attachments/" + first.id() + "/delete").with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(APPLY + "?step=documents"));
        assertThat(filesOf(formId)).isEqualTo(Attachments.MAX_FILES - 1);
        assertThat(jdbc.sql("select count(*) from attachment_content where attachment_id = ?").param(first.id())
                .query(Long.class).single()).isZero();

        // A draft's files go with the draft.
        jdbc.sql("delete from dossier where id = ?").param(formId).update();
        assertThat(filesOf(formId)).isZero();
    }

    @Test
    void downloadsAreForTheDossiersCitizenAndItsAgencyAndOfficersAreAudited() throws Exception {
        PortalUser citizen = citizen(freeAdult(1004), 2);
        Dossier dossier = submitted(citizen);
        Attachment file = attachments.ofDossier(dossier).stream().flatMap(s -> s.files().stream()).findFirst().orElseThrow();
        String citizenUrl = "/my/dossiers/" + dossier.id() + "/attachments/" + file.id();
        String officerUrl = "/officer/dossiers/" + dossier.id() + "/attachments/" + file.id();

        byte[] body = mvc.perform(get(citizenUrl).with(authentication(login(citizen))))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"premisesProof.pdf\"; filename*=UTF-8''premisesProof.pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(TestFiles.sha256(body)).isEqualTo(file.sha256());

        mvc.perform(get(citizenUrl).with(authentication(login(citizen(freeAdult(1005), 2))))).andExpect(status().isNotFound());
        String otherProvince = jdbc.sql("""
                        select sr.username from staff_role sr join agency a on a.id = sr.agency_id
                        where a.kind = 'POWER_COMPANY' and a.id <> ? order by sr.username limit 1""")
                .param(dossier.agencyId()).query(String.class).single();
        mvc.perform(get(officerUrl).with(authentication(login(officer(otherProvince))))).andExpect(status().isNotFound());
        mvc.perform(get(officerUrl).with(authentication(login(officer("ca.00304.tiepnhan"))))).andExpect(status().isNotFound());
        // the right agency, but the file id of another dossier
        Dossier other = submitted(citizen(freeAdult(1006), 2));
        mvc.perform(get("/officer/dossiers/" + other.id() + "/attachments/" + file.id())
                .with(authentication(login(officer("dl.01.tiepnhan"))))).andExpect(status().isNotFound());
        assertThat(audited(dossier)).isZero();

        byte[] officersCopy = mvc.perform(get(officerUrl).with(authentication(login(officer("dl.01.xuly")))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(officersCopy).isEqualTo(body);
        assertThat(audited(dossier)).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select actor from audit_log where action = 'attachment.downloaded' and subject_type = 'person'
                          and subject_id = ? and details ->> 'dossier' = ? and details ->> 'purpose' = ?""")
                .params(citizen.subject(), dossier.receiptCode(), CODE).query(String.class).single()).isEqualTo("dl.01.xuly");

        // The officer's page lists the file with its checksum.
        String page = mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(officer("dl.01.xuly")))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"" + officerUrl + "\"", file.sha256());
    }

    private long audited(Dossier dossier) {
        return jdbc.sql("select count(*) from audit_log where action = 'attachment.downloaded' and details ->> 'dossier' = ?")
                .param(dossier.receiptCode()).query(Long.class).single();
    }

    @Test
    void aSupplementMayBeSentOnlyWhileTheAgencyAsksForIt() throws Exception {
        PortalUser citizen = citizen(freeAdult(1007), 2);
        Dossier dossier = submitted(citizen);
        String url = "/my/dossiers/" + dossier.id() + "/attachments";
        byte[] jpeg = TestFiles.jpeg();

        MvcResult early = mvc.perform(multipart(url).file(new MockMultipartFile("file", "so-do.jpg", "image/jpeg", jpeg))
                        .param("documentId", Attachments.SUPPLEMENT).with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/my/dossiers/" + dossier.id())).andReturn();
        assertThat((String) early.getFlashMap().get("problem")).contains("khi cơ quan giải quyết yêu cầu bổ sung");
        assertThat(filesOf(dossier.id())).isEqualTo(1);

        dossier = decisions.decide(officer("dl.01.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("dl.01.xuly"), dossier.id(), "request-supplement",
                "Bổ sung sơ đồ vị trí đặt công tơ", dossier.lockVersion());
        assertThat(dossier.statusCode()).isEqualTo(5);
        String page = mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(citizen))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"supplement-upload\"", "id=\"supplement-file\"");

        // another citizen's upload onto this dossier is "not found"
        mvc.perform(multipart(url).file(new MockMultipartFile("file", "x.jpg", "image/jpeg", jpeg))
                        .param("documentId", Attachments.SUPPLEMENT).with(csrf())
                        .with(authentication(login(citizen(freeAdult(1008), 2)))))
                .andExpect(status().isNotFound());

        MvcResult sent = mvc.perform(multipart(url).file(new MockMultipartFile("file", "so-do.jpg", "image/jpeg", jpeg))
                        .param("documentId", Attachments.SUPPLEMENT).with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat((String) sent.getFlashMap().get("notice")).contains("so-do.jpg");
        assertThat(jdbc.sql("select supplement from attachment where dossier_id = ? and document_id = ?")
                .params(dossier.id(), Attachments.SUPPLEMENT).query(Boolean.class).single()).isTrue();

        dossier = decisions.act(citizen, dossier.id(), "resubmit", "Đã gửi sơ đồ", dossier.lockVersion());
        MvcResult late = mvc.perform(multipart(url).file(new MockMultipartFile("file", "them.jpg", "image/jpeg", jpeg))
                        .param("documentId", Attachments.SUPPLEMENT).with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat((String) late.getFlashMap().get("problem")).isNotBlank();
        assertThat(filesOf(dossier.id())).isEqualTo(2);

        // A withdrawn or refused dossier keeps its papers: here the agency refuses one at intake.
        Dossier refused = submitted(citizen(freeAdult(1009), 2));
        decisions.decide(officer("dl.01.tiepnhan"), refused.id(), "refuse", "Địa điểm không thuộc khu vực cấp điện",
                refused.lockVersion());
        assertThat(filesOf(refused.id())).isEqualTo(1);
    }

    private static final java.util.regex.Pattern UPLOAD_ID =
            java.util.regex.Pattern.compile("name=\"uploadId\" value=\"([0-9a-f-]{36})\"");

    /** The hidden id of the first upload form after {@code marker} on the page, as this rendering made it. */
    private static String uploadIdAfter(String page, String marker) {
        String rest = page.substring(page.indexOf(marker));
        rest = rest.substring(rest.indexOf("class=\"attachment-upload\""));
        java.util.regex.Matcher m = UPLOAD_ID.matcher(rest.substring(0, rest.indexOf("</form>")));
        assertThat(m.find()).as("the upload form carries its rendering's id").isTrue();
        return m.group(1);
    }

    private MvcResult sendSupplement(PortalUser citizen, Dossier dossier, String uploadId, String name, byte[] jpeg)
            throws Exception {
        return mvc.perform(multipart("/my/dossiers/" + dossier.id() + "/attachments")
                        .file(new MockMultipartFile("file", name, "image/jpeg", jpeg))
                        .param("documentId", Attachments.SUPPLEMENT).param("uploadId", uploadId)
                        .with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/my/dossiers/" + dossier.id()))
                .andReturn();
    }

    private Dossier awaitingSupplement(PortalUser citizen) {
        Dossier dossier = submitted(citizen);
        dossier = decisions.decide(officer("dl.01.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        return decisions.decide(officer("dl.01.xuly"), dossier.id(), "request-supplement",
                "Bổ sung sơ đồ vị trí đặt công tơ", dossier.lockVersion());
    }

    private long supplements(Dossier dossier) {
        return jdbc.sql("select count(*) from attachment where dossier_id = ? and supplement").param(dossier.id())
                .query(Long.class).single();
    }

    /** The supplement files on the dossier, each with its one audit entry. */
    private void assertSupplementsSent(Dossier dossier, long files) {
        assertThat(supplements(dossier)).isEqualTo(files);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'attachment.added' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single()).isEqualTo(files);
    }

    @Test
    void aSupplementUploadPostedTwiceFromOneFormIsStoredOnceAndBothPostsSayAdded() throws Exception {
        PortalUser citizen = citizen(freeAdult(1012), 2);
        Dossier dossier = awaitingSupplement(citizen);
        int counted = limits.recent(citizen.subject(), vn.gov.portal.limits.LimitedAction.UPLOAD);
        String page = mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(citizen))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String uploadId = uploadIdAfter(page, "id=\"supplement-upload\"");
        byte[] jpeg = TestFiles.jpeg();

        MvcResult first = sendSupplement(citizen, dossier, uploadId, "so-do.jpg", jpeg);
        MvcResult again = sendSupplement(citizen, dossier, uploadId, "so-do.jpg", jpeg);
        for (MvcResult result : List.of(first, again)) {
            assertThat(result.getFlashMap().get("notice")).isEqualTo("Đã đính kèm tệp “so-do.jpg”.");
            assertThat(result.getFlashMap().get("problem")).isNull();
        }
        assertSupplementsSent(dossier, 1);
        assertThat(jdbc.sql("select count(*) from attachment_content c join attachment a on a.id = c.attachment_id "
                + "where a.dossier_id = ? and a.supplement").param(dossier.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(limits.recent(citizen.subject(), vn.gov.portal.limits.LimitedAction.UPLOAD)).isEqualTo(counted + 1);

        // Another file chosen in the same form (after a post that seemed to fail) is an upload of its own.
        byte[] other = TestFiles.pdf("Sơ đồ vị trí đặt công tơ, bản vẽ lại");
        mvc.perform(multipart("/my/dossiers/" + dossier.id() + "/attachments")
                        .file(new MockMultipartFile("file", "so-do-moi.pdf", "application/pdf", other))
                        .param("documentId", Attachments.SUPPLEMENT).param("uploadId", uploadId)
                        .with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection());
        assertThat(supplements(dossier)).isEqualTo(2);
        // A new rendering is a new form: the same file sent again on purpose is stored again.
        String next = uploadIdAfter(mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString(), "id=\"supplement-upload\"");
        assertThat(next).isNotEqualTo(uploadId);
        sendSupplement(citizen, dossier, next, "so-do.jpg", jpeg);
        assertSupplementsSent(dossier, 3);
    }

    @Test
    void twoPostsOfTheSameSupplementUploadAtOnceStoreOneFile() throws Exception {
        PortalUser citizen = citizen(freeAdult(1013), 2);
        Dossier dossier = awaitingSupplement(citizen);
        String uploadId = UUID.randomUUID().toString();
        assertThat(twiceAtOnce(() -> sendSupplement(citizen, dossier, uploadId, "so-do.jpg", TestFiles.jpeg())
                .getFlashMap().get("notice"))).containsExactly("Đã đính kèm tệp “so-do.jpg”.", "Đã đính kèm tệp “so-do.jpg”.");
        assertSupplementsSent(dossier, 1);
    }

    @Test
    void aDraftUploadPostedTwiceFromOneFormIsStoredOnce() throws Exception {
        PortalUser citizen = citizen(freeAdult(1014), 2);
        UUID draft = savedDraft(citizen);
        String uploadId = UUID.randomUUID().toString();
        byte[] pdf = TestFiles.pdf("Hợp đồng thuê nhà số 7 Hàng Bạc");
        for (int post = 0; post < 2; post++) {
            MvcResult result = mvc.perform(multipart(APPLY + "/attachments")
                            .file(new MockMultipartFile("file", "hop-dong.pdf", "application/pdf", pdf))
                            .param("formId", draft.toString()).param("documentId", "premisesProof")
                            .param("uploadId", uploadId).with(csrf()).with(authentication(login(citizen))))
                    .andExpect(redirectedUrl(APPLY + "?step=documents")).andReturn();
            assertThat(result.getFlashMap().get("notice")).isEqualTo("Đã đính kèm tệp “hop-dong.pdf”.");
        }
        assertThat(filesOf(draft)).isEqualTo(1);

        // The page gives each rendering's upload forms an id of their own.
        List<String> rendered = new java.util.ArrayList<>();
        for (int render = 0; render < 2; render++) {
            String page = mvc.perform(get(APPLY).param("step", "documents").with(authentication(login(citizen))))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            rendered.add(uploadIdAfter(page, "id=\"field-attachment-premisesProof-group\""));
        }
        assertThat(rendered.get(0)).isNotEqualTo(rendered.get(1));
    }

    @Test
    void whatTheVirusScannerFindsOrCannotCheckIsNotStored() {
        PortalUser citizen = citizen(freeAdult(1010), 2);
        UUID formId = UUID.randomUUID();
        // The scan runs outside any transaction: a slow scanner holds no database connection.
        java.util.List<Boolean> scannedInTransaction = new java.util.concurrent.CopyOnWriteArrayList<>();
        Attachments infected = new Attachments(repository, store, content -> {
            scannedInTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
            return VirusScanner.Verdict.infected("Eicar-Signature");
        }, filing, dossierReads, catalog, audit, java.time.Clock.systemUTC(), limits, transactions,
                actingLevel);
        Attachments unreachable = new Attachments(repository, store, content -> {
            scannedInTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
            throw new VirusScanner.ScannerUnavailableException("clamd down", null);
        }, filing, dossierReads, catalog, audit, java.time.Clock.systemUTC(), limits, transactions,
                actingLevel);
        Attachments.Upload pdf = new Attachments.Upload("hop-dong.pdf", TestFiles.pdf("hợp đồng"));

        assertThatThrownBy(() -> infected.attachToDraft(citizen, procedure(), formId, "premisesProof", pdf))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("attachment.infected");
        assertThatThrownBy(() -> unreachable.attachToDraft(citizen, procedure(), formId, "premisesProof", pdf))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("attachment.scannerUnavailable");
        assertThat(filesOf(formId)).isZero();
        assertThat(scannedInTransaction).containsExactly(false, false);
    }

    @Test
    void aStepOfAGroupGetsItsSupplementFromTheGroupPageAndItsAgencySeesTheGroupsPapers() throws Exception {
        Map<String, Object> parent = jdbc.sql("""
                        select p.id_number, p.sex from population.person p
                        where p.birth_date between current_date - interval '45 years' and current_date - interval '25 years'
                          and exists (select 1 from population.family_link s where s.id_number = p.id_number and s.relation = 'SPOUSE')
                          and """ + FREE + " order by p.id_number offset 1011 limit 1").query().singleRow();
        PortalUser citizen = citizen((String) parent.get("id_number"), 2);
        String commune = permanent(citizen.subject(), "commune_code");
        String province = permanent(citizen.subject(), "province_code");
        java.time.LocalDate born = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(4);
        Map<String, String> answers = new java.util.HashMap<>(Map.of("filerIs", "F".equals(parent.get("sex")) ? "MOTHER" : "FATHER",
                "childFullName", "Lê Gia Hân", "childSex", "F", "childBirthDate", born.toString(),
                "childPlaceOfBirth", "Bệnh viện huyện", "childEthnicity", "Kinh", "childNationality", "Việt Nam",
                "childHomeTown", "Hà Nội", "birthCertificateNumber", "GCS-2"));
        answers.putAll(Map.of("birthCertificateDate", born.toString(), "registrationProvince", province,
                "registrationCommune", commune, "phone", "0912345678"));
        ProcedureDefinition groupDefinition = catalog.find("birth-residence-health-insurance").orElseThrow();
        Filing.Outcome outcome = filing.submit(citizen, groupDefinition,
                attachRequired(citizen, groupDefinition, UUID.randomUUID()), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier group = ((Filing.Submitted) outcome).dossier();
        Dossier step = dossierReads.steps(group).get(0);

        // The People's Committee handles the birth step with the certificate filed with the group.
        String receiver = "ub." + commune + ".tiepnhan";
        String officerPage = mvc.perform(get("/officer/dossiers/" + step.id()).with(authentication(login(officer(receiver)))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(officerPage).contains("birthCertificate.pdf");

        step = decisions.decide(officer(receiver), step.id(), "receive", "", step.lockVersion());
        step = decisions.decide(officer("ub." + commune + ".xuly"), step.id(), "request-supplement",
                "Bổ sung bản chụp giấy chứng sinh rõ nét", step.lockVersion());
        String groupPage = mvc.perform(get("/my/dossiers/" + group.id()).with(authentication(login(citizen))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(groupPage).contains("id=\"supplement-file-1\"");

        byte[] clearer = TestFiles.jpeg();
        mvc.perform(multipart("/my/dossiers/" + step.id() + "/attachments")
                        .file(new MockMultipartFile("file", "giay-chung-sinh-ro.jpg", "image/jpeg", clearer))
                        .param("documentId", "birthCertificate").with(csrf()).with(authentication(login(citizen))))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/my/dossiers/" + group.id()));
        UUID sent = jdbc.sql("select id from attachment where dossier_id = ? and supplement").param(step.id())
                .query(UUID.class).single();
        // listed and downloadable on the group's page, and on the step's page for its agency
        mvc.perform(get("/my/dossiers/" + group.id() + "/attachments/" + sent).with(authentication(login(citizen))))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "image/jpeg"));
        mvc.perform(get("/officer/dossiers/" + step.id() + "/attachments/" + sent).with(authentication(login(officer(receiver)))))
                .andExpect(status().isOk());
    }
}
