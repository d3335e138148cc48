package vn.gov.portal.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.FieldProblem;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.limits.LimitedAction;
import vn.gov.portal.limits.RateLimits;

/**
 * Looking other people up by typing their numbers in person fields (relation ANY or DECEASED): at most 20 distinct
 * numbers an hour per citizen, each counted once however often it is saved, and no stranger's name for an account
 * below the procedure's e-ID level. A refusal keeps the draft as typed and says why at the field.
 */
class LookingPeopleUpTest extends PortalIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    RateLimits limits;

    /** Living people other than the filer, as many as asked, from the end of the register (tests mostly start it). */
    private List<String> livingOthers(String filer, int count) {
        return jdbc.sql("""
                        select id_number from population.person where date_of_death is null and id_number <> ?
                        order by id_number desc limit ?""")
                .params(filer, count).query(String.class).list().stream().map(String::strip).toList();
    }

    private String nameOf(String idNumber) {
        return jdbc.sql("select full_name from population.person where id_number = ?").param(idNumber)
                .query(String.class).single();
    }

    private long lookedUp(PortalUser citizen, String number) {
        return jdbc.sql("select count(*) from audit_log where actor = ? and action = 'person.looked-up' and subject_id = ?")
                .params(citizen.subject(), number).query(Long.class).single();
    }

    /** "Lưu nháp" on the marriage form's page of the partner. */
    private String savePartner(PortalUser citizen, String number, Locale locale) throws Exception {
        return mvc.perform(post("/procedures/marriage-registration/apply").with(csrf()).with(authentication(login(citizen)))
                        .param("lang", locale.getLanguage()).param("formId", UUID.randomUUID().toString()).param("step", "partnerSection")
                        .param("action", "save").param("partner", number))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theTwentyFirstDistinctNumberInAnHourIsNotLookedUpTheFormSaysSoAndTheDraftKeepsIt() throws Exception {
        PortalUser citizen = citizen(freeAdult(3151), 2);
        ProcedureDefinition marriage = catalog.find("marriage-registration").orElseThrow();
        List<String> people = livingOthers(citizen.subject(), 21);
        assertThat(limits.limitOf(LimitedAction.PERSON_LOOKUP)).isEqualTo(20);

        // An honest citizen: each number saved, autosaved and opened again, one retyped later: counted once each.
        UUID formId = UUID.randomUUID();
        for (String person : people.subList(0, 20)) {
            for (int save = 0; save < 2; save++) {
                Filing.FormState form = ((Filing.Saved) filing.save(citizen, marriage, formId, Map.of("partner", person)))
                        .form();
                assertThat(form.values()).containsEntry("partnerName", nameOf(person));
                assertThat(form.lookupRefusals()).isEmpty();
            }
            assertThat(filing.open(citizen, marriage).values()).containsEntry("partnerName", nameOf(person));
        }
        assertThat(((Filing.Saved) filing.save(citizen, marriage, formId, Map.of("partner", people.get(3)))).form()
                .values()).containsEntry("partnerName", nameOf(people.get(3)));
        assertThat(limits.recent(citizen.subject(), LimitedAction.PERSON_LOOKUP)).isEqualTo(20);
        // Counted by keyed hashes: the table does not tell whom the citizen looked up.
        String counted = jdbc.sql("select string_agg(r::text, ';') from rate_limit r where subject = ?")
                .param(citizen.subject()).query(String.class).single();
        people.subList(0, 20).forEach(person -> assertThat(counted).doesNotContain(person));

        // The 21st number: no name, the reason at the field and in the error summary, in the user's language.
        String stranger = people.get(20);
        String page = savePartner(citizen, stranger, Locale.forLanguageTag("vi"));
        assertThat(page).contains("id=\"error-summary\"").contains("href=\"#field-partner\"")
                .contains("bạn đã tra cứu 20 số định danh cá nhân khác nhau trong 60 phút vừa qua")
                .contains("value=\"" + stranger + "\"").doesNotContain(nameOf(stranger))
                .as("no name shown, so nothing to confirm").doesNotContain("name=\"partnerConfirmed\"");
        assertThat(savePartner(citizen, stranger, Locale.ENGLISH))
                .contains("you have looked up 20 different ID numbers in the last 60 minutes");

        // The draft keeps the number as typed; the name is not there, nor audited as looked up, nor counted.
        Filing.FormState draft = filing.open(citizen, marriage);
        assertThat(draft.values()).containsEntry("partner", stranger).containsEntry("partnerName", "");
        assertThat(draft.lookupRefusals()).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("partner", "limits.lookups"));
        assertThat(lookedUp(citizen, stranger)).isZero();
        assertThat(lookedUp(citizen, people.get(0))).isEqualTo(1);
        assertThat(limits.recent(citizen.subject(), LimitedAction.PERSON_LOOKUP)).isEqualTo(20);

        // Submitting says the same, not that nobody has that number.
        Filing.Outcome submitted = filing.submit(citizen, marriage, formId, Map.of("partner", stranger));
        assertThat(submitted).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) submitted).problems()).filteredOn(p -> p.field().equals("partner"))
                .extracting(FieldProblem::code).containsExactly("limits.lookups");

        // With the window full, whether someone has died is not revealed either: a dead and a living person's number
        // get the same refusal on the funeral-allowance form.
        String dead = jdbc.sql("""
                        select id_number from population.person
                        where birth_date < current_date - interval '80 years' and date_of_death is null
                        order by id_number desc limit 1""").query(String.class).single().strip();
        jdbc.sql("update population.person set date_of_death = current_date - 3 where id_number = ?").param(dead).update();
        ProcedureDefinition funeral = catalog.find("funeral-allowance").orElseThrow();
        for (String number : List.of(dead, stranger)) {
            Filing.FormState form = ((Filing.Saved) filing.save(citizen, funeral, UUID.randomUUID(),
                    Map.of("deceased", number))).form();
            assertThat(form.values()).containsEntry("deceasedName", "");
            assertThat(form.lookupRefusals()).extracting(FieldProblem::code).containsExactly("limits.lookups");
        }
        assertThat(lookedUp(citizen, dead)).isZero();
    }

    @Test
    void aLevelOneAccountSeesNoStrangersNameAndTheFormSaysWhy() throws Exception {
        PortalUser citizen = citizen(freeAdult(3152), 1);
        String partner = livingOthers(citizen.subject(), 1).get(0);

        assertThat(mvc.perform(get("/procedures/marriage-registration/apply").with(authentication(login(citizen))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("id=\"level-info-lookups\"")
                .contains("Họ tên của người bạn nhập số định danh cá nhân chỉ được tra cứu");

        String page = savePartner(citizen, partner, Locale.forLanguageTag("vi"));
        assertThat(page).contains("href=\"#field-partner\"")
                .contains("chưa được tra cứu vì tài khoản định danh điện tử của bạn chưa đạt mức độ 2")
                .contains("value=\"" + partner + "\"").doesNotContain(nameOf(partner));

        Filing.FormState draft = filing.open(citizen, catalog.find("marriage-registration").orElseThrow());
        assertThat(draft.values()).containsEntry("partner", partner).containsEntry("partnerName", "");
        assertThat(lookedUp(citizen, partner)).isZero();
        assertThat(limits.recent(citizen.subject(), LimitedAction.PERSON_LOOKUP)).isZero();
    }
}
