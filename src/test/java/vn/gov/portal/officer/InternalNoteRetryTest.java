package vn.gov.portal.officer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.identity.PortalUser;

/**
 * An officer's internal note posted twice from the same form — a double click, a browser retry after a lost answer —
 * is written and audited once, and the second post tells the officer the same as the first.
 */
class InternalNoteRetryTest extends PortalIntegrationTest {

    private static final Pattern FORM_ID = Pattern.compile(
            "name=\"formId\" value=\"([0-9a-f-]{36})\"");
    private static final String SAVED = "Đã lưu ghi chú nội bộ.";

    @Autowired
    MockMvc mvc;

    private final PortalUser receiver = officer("ca.00308.tiepnhan");

    private MvcResult postNote(Dossier dossier, String formId, String note) throws Exception {
        return mvc.perform(post("/officer/dossiers/" + dossier.id() + "/notes").with(csrf())
                        .with(authentication(login(receiver))).param("formId", formId).param("note", note))
                .andReturn();
    }

    /** The note form's hidden id, as the officer's page rendered it this time. */
    private String renderedFormId(Dossier dossier) throws Exception {
        String page = mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(receiver))))
                .andReturn().getResponse().getContentAsString();
        String form = page.substring(page.indexOf("id=\"internal-notes\""));
        Matcher m = FORM_ID.matcher(form.substring(0, form.indexOf("</form>")));
        assertThat(m.find()).as("the note form carries its rendering's id").isTrue();
        return m.group(1);
    }

    private long notes(Dossier dossier, String text) {
        return jdbc.sql("select count(*) from dossier_event where dossier_id = ? and event = 'internal-note' and note = ?")
                .params(dossier.id(), text).query(Long.class).single();
    }

    private long audited(Dossier dossier) {
        return jdbc.sql("select count(*) from audit_log where action = 'dossier.internal-note' and subject_id = ?")
                .param(dossier.id().toString()).query(Long.class).single();
    }

    @Test
    void theSameNotePostedTwiceFromOneFormIsWrittenOnceAndBothPostsSaySaved() throws Exception {
        Dossier dossier = submitTemporaryResidence(citizen(freeAdult(809), 2));
        String text = "Gọi điện xác minh chủ nhà trước khi tiếp nhận";
        String formId = renderedFormId(dossier);

        MvcResult first = postNote(dossier, formId, text);
        MvcResult again = postNote(dossier, formId, "  " + text + "\n");   // the same text, as the browser resends it
        for (MvcResult result : List.of(first, again)) {
            assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/officer/dossiers/" + dossier.id());
            assertThat(result.getFlashMap().get("notice")).isEqualTo(SAVED);
            assertThat(result.getFlashMap().get("problem")).isNull();
        }
        assertThat(notes(dossier, text)).isEqualTo(1);
        assertThat(audited(dossier)).isEqualTo(1);

        // Edited after a post that seemed to fail, the text is a note of its own: nothing the officer wrote is lost.
        assertThat(postNote(dossier, formId, text + " (đã gọi)").getFlashMap().get("notice")).isEqualTo(SAVED);
        assertThat(notes(dossier, text + " (đã gọi)")).isEqualTo(1);
        // A new rendering is a new form: the same words written again on purpose are a second note.
        String next = renderedFormId(dossier);
        assertThat(next).isNotEqualTo(formId);
        postNote(dossier, next, text);
        assertThat(notes(dossier, text)).isEqualTo(2);
        assertThat(audited(dossier)).isEqualTo(3);
    }

    @Test
    void aNotePostedWithoutItsFormsIdIsRefusedAndTheFormComesBackWithOne() throws Exception {
        Dossier dossier = submitTemporaryResidence(citizen(freeAdult(1159), 2));
        String text = "Chủ nhà hẹn đến xác minh chiều thứ Sáu";
        MvcResult refused = mvc.perform(post("/officer/dossiers/" + dossier.id() + "/notes").with(csrf())
                        .with(authentication(login(receiver))).param("note", text))
                .andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        String page = refused.getResponse().getContentAsString();
        assertThat(page).contains("Ghi chú chưa được lưu vì biểu mẫu không có mã nhận diện", "href=\"#internal-note\"");
        assertThat(notes(dossier, text)).isZero();
        assertThat(audited(dossier)).isZero();

        // What was typed is still there, with an id of its own: posted from it (twice), the note is written once.
        String form = page.substring(page.indexOf("id=\"internal-notes\""));
        form = form.substring(0, form.indexOf("</form>"));
        assertThat(form).contains(text);
        Matcher m = FORM_ID.matcher(form);
        assertThat(m.find()).isTrue();
        for (int post = 0; post < 2; post++) {
            assertThat(postNote(dossier, m.group(1), text).getFlashMap().get("notice")).isEqualTo(SAVED);
        }
        assertThat(notes(dossier, text)).isOne();
        assertThat(audited(dossier)).isOne();
    }

    @Test
    void twoPostsOfTheSameFormAtOnceWriteOneNote() throws Exception {
        Dossier dossier = submitTemporaryResidence(citizen(freeAdult(810), 2));
        String formId = UUID.randomUUID().toString();
        String text = "Hồ sơ có dấu hiệu trùng địa chỉ, kiểm tra lại";
        assertThat(twiceAtOnce(() -> postNote(dossier, formId, text).getFlashMap().get("notice")))
                .containsExactly(SAVED, SAVED);
        assertThat(notes(dossier, text)).isEqualTo(1);
        assertThat(audited(dossier)).isEqualTo(1);
    }
}
