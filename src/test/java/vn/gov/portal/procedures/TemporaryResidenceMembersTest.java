package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.FieldProblem;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * Temporary residence as form CT01 has it (version 2): the consent of the household head or owner of the home (or of
 * a parent or guardian) must be ticked, and household members may register at the same time — each of them gets the
 * temporary residence when the dossier is approved.
 */
class TemporaryResidenceMembersTest extends PortalIntegrationTest {

    /** Police of Phường Hoàn Kiếm, where the tests' citizens will stay. */
    private static final String HOAN_KIEM = "00308";

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    MockMvc mvc;

    /** The published version: 2 or later, the first with the consent and the members. */
    private ProcedureDefinition procedure() {
        ProcedureDefinition definition = catalog.find("temporary-residence").orElseThrow();
        assertThat(definition.version()).isGreaterThanOrEqualTo(2);
        return definition;
    }

    /** The whole form posted at once (no page), as "Nộp hồ sơ" on a one-page form sends it. */
    private MockHttpServletRequestBuilder submitWhole(PortalUser citizen, Map<String, String> answers, String lang) {
        MockHttpServletRequestBuilder request = post("/procedures/temporary-residence/apply").with(csrf())
                .with(authentication(login(citizen))).param("formId", UUID.randomUUID().toString())
                .param("action", "submit").param("lang", lang);
        answers.forEach(request::param);
        return request;
    }

    @Test
    void withoutTheConsentTheDossierIsRefusedWithTheFieldsMessageInVietnameseAndEnglishAndNothingIsFiled(
            @Autowired Filing filing) throws Exception {
        var consent = procedure().field("ownerConsent").orElseThrow();
        assertThat(consent.required()).isTrue();
        PortalUser citizen = citizen(freeAdult(2310), 2);
        Map<String, String> answers = new HashMap<>(temporaryResidence("01", HOAN_KIEM));
        answers.remove("ownerConsent");   // an unticked box sends nothing

        Filing.Outcome outcome = filing.submit(citizen, procedure(), UUID.randomUUID(), answers);
        assertThat(outcome).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) outcome).problems()).extracting(FieldProblem::field).containsExactly("ownerConsent");

        String vietnamese = mvc.perform(submitWhole(citizen, answers, "vi")).andExpect(status().is(422))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(vietnamese).contains(consent.label().vi() + ": vui lòng nhập hoặc chọn thông tin này.")
                .contains("#field-ownerConsent");
        String english = mvc.perform(submitWhole(citizen, answers, "en")).andExpect(status().is(422))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(english).contains(consent.label().en() + ": please enter or choose a value.");

        // Nothing filed: the answers stay a draft, with no receipt code, no agency work and no register change.
        assertThat(jdbc.sql("""
                        select count(*) from dossier where applicant_id_number = ?
                          and (state <> 'draft' or receipt_code is not null)""")
                .param(citizen.subject()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where actor = ? and action = 'dossier.submitted'")
                .param(citizen.subject()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from population.residence where id_number = ? and kind = 'TEMPORARY'"
                        + " and detail = ?").params(citizen.subject(), answers.get("newAddressDetail"))
                .query(Long.class).single()).isZero();

        // Ticked, the same answers go through.
        answers.put("ownerConsent", "true");
        assertThat(filing.submit(citizen, procedure(), UUID.randomUUID(), answers)).isInstanceOf(Filing.Submitted.class);
    }

    @Test
    void aHouseholdMemberRegisteringAlongGetsTheTemporaryResidenceTooWhenTheDossierIsApproved(
            @Autowired Filing filing, @Autowired Decisions decisions) throws Exception {
        String filerId = freeHeadOfHousehold(3, 320);
        PortalUser filer = citizen(filerId, 2);
        List<String> household = livingHouseholdMembers(filerId);
        String member = household.get(0);
        Map<String, Object> memberFacts = jdbc.sql("select full_name, birth_date, sex from population.person where id_number = ?")
                .param(member).query().singleRow();

        String address = "Số 7, ngõ Tạm Trú " + filerId.substring(8);
        LocalDate from = LocalDate.now().plusDays(1);
        LocalDate to = LocalDate.now().plusMonths(6);
        Map<String, String> answers = new HashMap<>(temporaryResidence("01", HOAN_KIEM));
        answers.putAll(Map.of("newAddressDetail", address, "periodFrom", from.toString(), "periodTo", to.toString(),
                "stayingMember_1", member, "stayingMemberRelation_1", "Con"));
        // The member's row is filled from the register once the member is picked.
        Filing.FormState saved = ((Filing.Saved) filing.save(filer, procedure(), UUID.randomUUID(), answers)).form();
        assertThat(saved.values()).containsEntry("stayingMemberName_1", (String) memberFacts.get("full_name"))
                .containsEntry("stayingMemberBirthDate_1", memberFacts.get("birth_date").toString())
                .containsEntry("stayingMemberSex_1", String.valueOf(memberFacts.get("sex")))
                .containsEntry("stayingMemberIdNumber_1", member);
        assertThat(saved.prefilled()).contains("stayingMemberName_1", "stayingMemberIdNumber_1");

        Filing.Outcome outcome = filing.submit(filer, procedure(), saved.formId(), saved.values());
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        assertThat(dossier.procedureVersion()).isEqualTo(procedure().version());
        // The dossier stores the row filled in, not the five rows left empty (nor any other empty answer).
        assertThat(dossier.answers()).containsKey("stayingMemberName_1")
                .doesNotContainKeys("stayingMember_2", "stayingMemberName_2", "stayingMemberRelation_6")
                .doesNotContainValue("");

        // The officer's dossier page shows the consent and the member with the other answers.
        String page = mvc.perform(get("/officer/dossiers/" + dossier.id())
                        .with(authentication(login(officer("ca.00308.tiepnhan")))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer(page, "ownerConsent")).contains(procedure().field("ownerConsent").orElseThrow().label().vi())
                .contains("<dd class=\"answer-value\">Có</dd>");
        assertThat(answer(page, "stayingMemberName_1")).contains((String) memberFacts.get("full_name"));
        assertThat(answer(page, "stayingMemberIdNumber_1")).contains(member);
        assertThat(answer(page, "stayingMemberRelation_1")).contains("Con");
        assertThat(page).contains("id=\"answers-stayingMembers\"");
        String english = mvc.perform(get("/officer/dossiers/" + dossier.id()).param("lang", "en")
                        .with(authentication(login(officer("ca.00308.tiepnhan")))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer(english, "ownerConsent")).contains("<dd class=\"answer-value\">Yes</dd>");

        for (String[] step : new String[][] {{"tiepnhan", "receive"}, {"xuly", "process"}, {"lanhdao", "approve"}}) {
            dossier = decisions.decide(officer("ca.00308." + step[0]), dossier.id(), step[1], "", dossier.lockVersion());
        }
        assertThat(dossier.statusCode()).isEqualTo(9);

        for (String person : List.of(filerId, member)) {
            Map<String, Object> row = jdbc.sql("""
                            select commune_code, detail, valid_from, valid_to from population.residence
                            where id_number = ? and kind = 'TEMPORARY'""").param(person).query().singleRow();
            assertThat(row.get("commune_code")).as(person).isEqualTo(HOAN_KIEM);
            assertThat(row.get("detail")).as(person).isEqualTo(address);
            assertThat(row.get("valid_from").toString()).as(person).isEqualTo(from.toString());
            assertThat(row.get("valid_to").toString()).as(person).isEqualTo(to.toString());
        }
        // Members not named on the form stay where they are.
        for (String other : household.subList(1, household.size())) {
            assertThat(jdbc.sql("select count(*) from population.residence where id_number = ? and detail = ?")
                    .params(other, address).query(Long.class).single()).as(other).isZero();
        }
        // One audit entry per person registered, each naming the dossier.
        assertThat(jdbc.sql("""
                        select subject_id from audit_log where action = 'population.temporary-residence.registered'
                          and details ->> 'dossier' = ? order by id""")
                .param(dossier.receiptCode()).query(String.class).list()).containsExactly(filerId, member);
    }

    /** Nobody need register along; a row begun must be complete (the member and the relation), in any row. */
    @Test
    void aMemberRowBegunMustBeCompleteWhileNoRowIsNeeded(@Autowired Filing filing) throws Exception {
        String filerId = freeHeadOfHousehold(3, 330);
        PortalUser filer = citizen(filerId, 2);
        String member = livingHouseholdMembers(filerId).get(0);
        Map<String, String> answers = new HashMap<>(temporaryResidence("01", HOAN_KIEM));
        answers.putAll(Map.of("stayingMember_1", member, "stayingMemberRelation_2", "Con"));

        Filing.Outcome outcome = filing.submit(filer, procedure(), UUID.randomUUID(), answers);
        assertThat(outcome).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) outcome).problems()).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("stayingMemberRelation_1", "stayingMember_2");
        assertThat(jdbc.sql("select count(*) from dossier where applicant_id_number = ? and state <> 'draft'")
                .param(filerId).query(Long.class).single()).isZero();
        String page = mvc.perform(submitWhole(filer, answers, "vi")).andExpect(status().is(422))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("#field-stayingMemberRelation_1", "#field-stayingMember_2", "(Lần 2)");

        // The rows not begun are not asked for; with both rows complete (or none at all) the dossier goes.
        answers.put("stayingMemberRelation_1", "Vợ");
        answers.remove("stayingMemberRelation_2");
        assertThat(filing.submit(filer, procedure(), UUID.randomUUID(), answers)).isInstanceOf(Filing.Submitted.class);
    }

    @Test
    void anAnswerTheCitizenEmptiedOverTheRegistersValueStaysEmptyInTheDraft(@Autowired Filing filing) {
        // A free adult the register has a phone for: not everyone has one, and which person an offset picks shifts
        // with the dossiers other tests filed before.
        PortalUser citizen = citizen(handOut("""
                        select p.id_number from population.person p
                        where p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and p.phone <> '' and """ + FREE + " order by p.id_number", 2311), 2);
        String phone = jdbc.sql("select phone from population.person where id_number = ?").param(citizen.subject())
                .query(String.class).single();
        assertThat(phone).as("the register's phone of the test's citizen").isNotBlank();
        assertThat(filing.open(citizen, procedure()).values()).containsEntry("phone", phone);

        // The first page posted with the phone emptied (the citizen does not want to give it), then the next page.
        UUID formId = UUID.randomUUID();
        Map<String, String> applicant = new HashMap<>(Map.of("phone", "", "email", "cong.dan@example.vn"));
        filing.save(citizen, procedure(), formId, vn.gov.portal.dossier.PostedAnswers.section("applicant", applicant), true);
        Map<String, String> stay = new HashMap<>(temporaryResidence("01", HOAN_KIEM));
        stay.keySet().retainAll(List.of("newProvince", "newCommune", "newAddressDetail", "periodFrom", "periodTo",
                "reason", "ownerConsent"));
        filing.save(citizen, procedure(), formId, vn.gov.portal.dossier.PostedAnswers.section("stay", stay), true);

        // The draft keeps the emptied answer (else the register's phone would come back) and leaves out the rest.
        Map<String, Object> draft = jdbc.sql("""
                        select answers ->> 'phone' as phone, answers ->> 'email' as email,
                               answers -> 'stayingMember_1' is null and answers -> 'stayingMemberName_1' is null as no_row
                        from dossier where id = ? and state = 'draft'""").param(formId).query().singleRow();
        assertThat(draft).containsEntry("phone", "").containsEntry("email", "cong.dan@example.vn")
                .containsEntry("no_row", true);
        assertThat(filing.open(citizen, procedure()).values()).containsEntry("phone", "")
                .containsEntry("stayingMember_1", "");
    }

    /** The row of one answer on a dossier page (fragments/dossier.html, "answers"). */
    private static String answer(String page, String answerId) {
        int start = page.indexOf("id=\"answer-" + answerId + "\"");
        assertThat(start).as("answer " + answerId + " on the page").isPositive();
        return page.substring(start, page.indexOf("</div>", start));
    }
}
