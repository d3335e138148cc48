package vn.gov.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.DefinitionEdits;
import vn.gov.portal.catalog.DefinitionProblem;
import vn.gov.portal.catalog.DefinitionText;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.ProcedureStore;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * Review finding: a new version of a procedure that is a step of an interconnected group was checked on its own only.
 * A change that the group cannot take (here an optional field whose id the group's own question already uses) was
 * published, and from then on every version of the group was "not served": the dossiers in flight could no longer
 * move to their next step, and the citizen's page of the group failed. Now such a version is refused, and a group
 * whose step changed under it anyway (a database from before the check) keeps the step versions it was published
 * with. Works on copies (of death-registration, residence-deregistration and the death group using them).
 */
class StepVersionAndGroupsTest extends PortalIntegrationTest {

    private static final String ADMIN = "quantri";
    private static final String CAUSE_OF_DEATH =
            "        - { id: causeOfDeath, type: text, required: true, maxLength: 200, label: { vi: Nguyên nhân mất, en: Cause of death } }";
    private static final String BANK_ACCOUNT = "\n        - { id: bankAccount, type: text, maxLength: 30,"
            + " label: { vi: Số tài khoản nhận hoàn trả lệ phí, en: Bank account for a refunded fee } }";
    private static final String DECEASED_NAME = "\n        - { id: deceasedName, type: text, prefill: deceased.fullName,"
            + " label: { vi: \"Họ, chữ đệm và tên\", en: Full name } }";
    private static final String NAME_INPUT = "\n    inputs: { deceasedName: deceasedName }";
    private static final List<List<String>> HAPPY_PATH = List.of(List.of("receive", "RECEIVER"),
            List.of("process", "HANDLER"), List.of("approve", "APPROVER"), List.of("return-result", "RECEIVER"));

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
    Dossiers dossiers;
    @Autowired
    MockMvc mvc;

    /** The copies a test works on: the group's first step, its second step and the group. */
    private record Copies(String death, String residence, String group) {}

    @Test
    void aStepVersionThatAPublishedGroupCannotTakeIsRefusedAndTheGroupsDossiersGoOn() {
        Copies copies = publishCopies("");
        PortalUser filer = citizen(freeAdultOfLargeHousehold(530), 2);
        Dossier filed = fileGroup(filer, copies.group());

        // The admin adds an optional field to the death registration whose id the group's own question has.
        editor.startDraft(ADMIN, copies.death());
        editor.editDraft(ADMIN, copies.death(), "text", text -> withBankAccount(text));
        assertThatThrownBy(() -> editor.publish(ADMIN, copies.death())).isInstanceOf(UserFacingException.class)
                .extracting("code").isEqualTo("adminProcedures.error.hasProblems");

        // The draft's page says which group, and why; nothing was published, the draft is kept to be changed.
        List<DefinitionProblem> problems = editor.review(editor.draft(copies.death()).orElseThrow()).problems();
        assertThat(problems).extracting(DefinitionProblem::key).containsExactly("breaksGroup", "groupFieldTwice");
        assertThat(problems.get(0).args()).containsExactly(copies.group(), "1");
        assertThat(problems.get(1).args()).containsExactly("bankAccount", copies.death());
        assertThat(problems.get(0).message()).contains(copies.group());
        assertThat(catalog.find(copies.death()).orElseThrow().version()).isEqualTo(1);
        assertThat(editor.draft(copies.death()).orElseThrow().version()).isEqualTo(2);

        // The group's dossier in flight moves on: the death step ends, the deregistration step starts.
        Dossier first = endFirstStep(filer, filed);
        assertThat(first.statusCode()).isEqualTo(10);
        assertThat(dossiers.steps(dossiers.forCitizen(filer, filed.id()))).hasSize(2);
        assertThat(catalog.find(copies.group())).as("the group is still offered").isPresent();
    }

    @Test
    void aGroupWhoseStepChangedUnderItKeepsTheStepVersionItWasPublishedWith() throws Exception {
        Copies copies = publishCopies("");
        PortalUser filer = citizen(freeAdultOfLargeHousehold(560), 2);
        Dossier filed = fileGroup(filer, copies.group());

        // A step version the group cannot take, published before the editor checked the groups (or by another
        // instance while the group was being published): the check is bypassed by writing to the store.
        editor.startDraft(ADMIN, copies.death());
        editor.editDraft(ADMIN, copies.death(), "text", text -> withBankAccount(text));
        store.publish(copies.death(), 2, ADMIN);
        catalog.refresh();
        assertThat(catalog.find(copies.death()).orElseThrow().version()).isEqualTo(2);

        // Still offered, with the death registration's form of version 1: bankAccount is the group's question only.
        ProcedureDefinition group = catalog.find(copies.group()).orElseThrow();
        assertThat(group.fields().filter(f -> f.id().equals("bankAccount")).count()).isEqualTo(1);

        // The citizen's page of the group opens, and the dossier in flight moves on to its second step.
        mvc.perform(get("/my/dossiers/" + filed.id()).with(authentication(login(filer)))).andExpect(status().isOk());
        assertThat(endFirstStep(filer, filed).statusCode()).isEqualTo(10);
        assertThat(dossiers.steps(dossiers.forCitizen(filer, filed.id()))).hasSize(2);

        // A new filing's first step is filed under the version whose form the citizen answered.
        PortalUser another = citizen(freeAdultOfLargeHousehold(590), 2);
        Dossier later = fileGroup(another, copies.group());
        Dossier laterFirst = dossiers.steps(dossiers.forCitizen(another, later.id())).get(0);
        assertThat(laterFirst.procedureCode()).isEqualTo(copies.death());
        assertThat(laterFirst.procedureVersion()).isEqualTo(1);
    }

    @Test
    void aLaterStepOfAnOlderGroupVersionIsFiledUnderAStepVersionThatGroupVersionTakes() {
        // Group version 1 fills the deregistration's deceasedName from the death registration's answer.
        Copies copies = publishCopies(NAME_INPUT);
        PortalUser filer = citizen(freeAdultOfLargeHousehold(620), 2);
        Dossier filed = fileGroup(filer, copies.group());
        assertThat(filed.procedureVersion()).isEqualTo(1);

        // Group version 2 no longer does; then the deregistration drops the field: group 2 takes it, group 1 does not.
        editor.startDraft(ADMIN, copies.group());
        editor.editDraft(ADMIN, copies.group(), "steps", text -> without(text, NAME_INPUT));
        editor.publish(ADMIN, copies.group());
        editor.startDraft(ADMIN, copies.residence());
        editor.editDraft(ADMIN, copies.residence(), "text", text -> without(text, DECEASED_NAME));
        editor.publish(ADMIN, copies.residence());
        assertThat(catalog.find(copies.residence()).orElseThrow().version()).isEqualTo(2);

        // The version 1 dossier's second step is filed under the deregistration's version 1, which group 1 was
        // checked against (the latest, 2, has no field for the answer group 1 gives the step).
        endFirstStep(filer, filed);
        Dossier second = dossiers.steps(dossiers.forCitizen(filer, filed.id())).get(1);
        assertThat(second.procedureCode()).isEqualTo(copies.residence());
        assertThat(second.procedureVersion()).isEqualTo(1);
    }

    /**
     * Review finding: a released group version took the latest step versions whenever it could, so a dossier filed
     * under an older group version showed the first step's newest form on its page (labels it was never asked), and
     * its later steps were filed under versions published after it. Now a group's dossier keeps the step versions it
     * was filed with (ProcedureCatalog.of): its page, its answers' labels and the steps filed later come from them.
     */
    @Test
    void aDossierOfAnOlderGroupVersionShowsAndFilesTheStepVersionsItWasFiledWith() throws Exception {
        Copies copies = publishCopies("");
        PortalUser filer = citizen(freeAdultOfLargeHousehold(650), 2);
        Dossier filed = fileGroup(filer, copies.group());

        // Group version 2 supersedes version 1; then both steps get a new version that every group version takes.
        editor.startDraft(ADMIN, copies.group());
        editor.editDraft(ADMIN, copies.group(), "text", text -> renamed(text, "Bản sao dùng trong kiểm thử",
                "Bản sao dùng trong kiểm thử, lần hai"));
        editor.publish(ADMIN, copies.group());
        editor.startDraft(ADMIN, copies.death());
        editor.editDraft(ADMIN, copies.death(), "text", text -> renamed(text, "Nguyên nhân mất", "Nguyên nhân tử vong"));
        editor.publish(ADMIN, copies.death());
        editor.startDraft(ADMIN, copies.residence());
        editor.editDraft(ADMIN, copies.residence(), "text", text -> renamed(text, "Thử nghiệm phiên bản ",
                "Phiên bản mới của "));
        editor.publish(ADMIN, copies.residence());
        assertThat(catalog.find(copies.group()).orElseThrow().field("causeOfDeath").orElseThrow().label().vi())
                .as("new filings get the new form").isEqualTo("Nguyên nhân tử vong");

        // The version 1 dossier shows the form its filer answered, and names its next step as it will be filed.
        Dossier mine = dossiers.forCitizen(filer, filed.id());
        assertThat(mine.stepVersions().subList(0, 2)).containsExactly(1, 1);
        assertThat(catalog.of(mine).field("causeOfDeath").orElseThrow().label().vi()).isEqualTo("Nguyên nhân mất");
        String page = mvc.perform(get("/my/dossiers/" + filed.id()).with(authentication(login(filer))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Nguyên nhân mất").doesNotContain("Nguyên nhân tử vong")
                .contains("Thử nghiệm phiên bản " + copies.residence()).doesNotContain("Phiên bản mới của ");

        // Its second step is filed under the deregistration's version it was filed with, not the one published since.
        endFirstStep(filer, filed);
        Dossier second = dossiers.steps(dossiers.forCitizen(filer, filed.id())).get(1);
        assertThat(second.procedureCode()).isEqualTo(copies.residence());
        assertThat(second.procedureVersion()).isEqualTo(1);

        // A dossier filed now takes the new versions.
        PortalUser another = citizen(freeAdultOfLargeHousehold(680), 2);
        Dossier later = dossiers.forCitizen(another, fileGroup(another, copies.group()).id());
        assertThat(later.stepVersions().subList(0, 2)).containsExactly(2, 2);
        assertThat(catalog.of(later).field("causeOfDeath").orElseThrow().label().vi()).isEqualTo("Nguyên nhân tử vong");
    }

    private static String renamed(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    /** Copies of the two first steps and of the death group using them (its second step with {@code secondInputs}). */
    private Copies publishCopies(String secondInputs) {
        String suffix = Long.toString(System.nanoTime(), 36);
        Copies copies = new Copies("khai-tu-" + suffix, "xoa-thuong-tru-" + suffix, "lien-thong-khai-tu-" + suffix);
        copy("death-registration", copies.death());
        copy("residence-deregistration", copies.residence());
        editor.cloneAs(ADMIN, "death-residence-funeral-allowance", copies.group());
        editor.editDraft(ADMIN, copies.group(), "steps", text -> trial(text, copies.group())
                .replace("- procedure: death-registration", "- procedure: " + copies.death())
                .replace("- procedure: residence-deregistration", "- procedure: " + copies.residence() + secondInputs));
        editor.publish(ADMIN, copies.group());
        return copies;
    }

    private void copy(String from, String code) {
        editor.cloneAs(ADMIN, from, code);
        editor.editDraft(ADMIN, code, "metadata", text -> trial(text, code));
        editor.publish(ADMIN, code);
    }

    private Dossier fileGroup(PortalUser filer, String group) {
        ProcedureDefinition definition = catalog.find(group).orElseThrow();
        Map<String, String> answers = deathAnswers(oldestOtherMember(filer.subject()));
        Filing.Outcome outcome = filing.submit(filer, definition, attachRequired(filer, definition, UUID.randomUUID()),
                answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        return ((Filing.Submitted) outcome).dossier();
    }

    /** The officers take the group's first step to its result. */
    private Dossier endFirstStep(PortalUser filer, Dossier group) {
        Dossier first = dossiers.steps(dossiers.forCitizen(filer, group.id())).get(0);
        for (List<String> move : HAPPY_PATH) {
            first = decisions.decide(officer(staffWith(first, move.get(1))), first.id(), move.get(0), "",
                    first.lockVersion());
        }
        return first;
    }

    private static String withBankAccount(String text) {
        assertThat(text).contains(CAUSE_OF_DEATH);
        return text.replace(CAUSE_OF_DEATH, CAUSE_OF_DEATH + BANK_ACCOUNT);
    }

    private static String without(String text, String part) {
        assertThat(text).contains(part);
        return text.replace(part, "");
    }

    private static Map<String, String> deathAnswers(String deceased) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        Map<String, String> answers = new HashMap<>();
        answers.put("relationToDeceased", "RELATIVE");
        answers.put("phone", "0912345678");
        answers.put("deceased", deceased);
        answers.put("dateOfDeath", today.minusDays(3).toString());
        answers.put("timeOfDeath", "14:30");
        answers.put("placeOfDeath", "Tại nhà");
        answers.put("causeOfDeath", "Tuổi cao");
        answers.put("deathNoticeNumber", "55/GBT");
        answers.put("deathNoticeDate", today.minusDays(2).toString());
        answers.put("deathNoticeIssuer", "Trạm y tế phường");
        return answers;
    }

    /** Copies in the citizens' catalogue get names of their own (as ProcedureVersionsTest's). */
    private static String trial(String yaml, String code) {
        return DefinitionEdits.metadata(new DefinitionText(yaml).without(List.of("keywords")).text(),
                new DefinitionEdits.Metadata("Thử nghiệm phiên bản " + code, "Version trial " + code,
                        "Bản sao dùng trong kiểm thử", "A copy used by tests", ""));
    }
}
