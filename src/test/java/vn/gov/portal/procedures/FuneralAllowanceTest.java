package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.FieldProblem;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * The funeral allowance, third step of the death group and a procedure of its own: in the group it is filed only when
 * the citizen claims it, with the deceased's identity from the death registration, and its refusal leaves the death
 * extract and the deregistration standing; filed alone, the deceased is typed by number and must be recorded as dead.
 */
class FuneralAllowanceTest extends PortalIntegrationTest {

    private static final String GROUP = "death-residence-funeral-allowance";
    private static final List<List<String>> HAPPY_PATH = List.of(List.of("receive", "RECEIVER"),
            List.of("process", "HANDLER"), List.of("approve", "APPROVER"), List.of("return-result", "RECEIVER"));

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    Dossiers dossiers;
    @Autowired
    MockMvc mvc;

    private record Filed(PortalUser citizen, String deceased, Map<String, String> answers, Dossier group) {}

    @Test
    void theAllowanceStepCarriesTheDeceasedFromTheDeathRegistration() throws Exception {
        Filed filed = fileGroup(510, true);
        Dossier group = completeDeathAndDeregistration(filed);

        List<Dossier> steps = dossiers.steps(group);
        assertThat(steps).extracting(Dossier::procedureCode)
                .containsExactly("death-registration", "residence-deregistration", "funeral-allowance");
        assertThat(group.statusCode()).as("the allowance is still open").isEqualTo(4);
        assertThat(steps.get(2).answers())
                .containsEntry("deceased", filed.deceased())
                .containsEntry("deceasedIdNumber", filed.deceased())
                .containsEntry("deceasedName", nameOf(filed.deceased()))
                .containsEntry("dateOfDeath", filed.answers().get("dateOfDeath"))
                .containsEntry("claimantName", nameOf(filed.citizen().subject()))
                .containsEntry("bankAccount", "123456789012")
                .doesNotContainKeys("claimFuneralAllowance", "causeOfDeath");   // only what its own form asks
        mvc.perform(get("/officer/dossiers/" + steps.get(2).id())
                        .with(authentication(login(officer(staffWith(steps.get(2), "HANDLER"))))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(nameOf(filed.deceased()))));
    }

    @Test
    void withoutTheClaimTheGroupCompletesAfterTheDeregistrationWithNoAllowanceDossier() throws Exception {
        Filed filed = fileGroup(520, false);
        Dossier group = completeDeathAndDeregistration(filed);

        assertThat(dossiers.steps(group)).extracting(Dossier::procedureCode)
                .containsExactly("death-registration", "residence-deregistration");
        assertThat(group.state()).isEqualTo("completed");
        assertThat(group.statusCode()).isEqualTo(9);
        assertThat(jdbc.sql("select count(*) from dossier where procedure_code = 'funeral-allowance' and applicant_id_number = ?")
                .param(filed.citizen().subject()).query(Long.class).single()).isZero();
        mvc.perform(get("/my/dossiers/" + group.id()).with(authentication(login(filed.citizen()))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-status=\"not-claimed\"")));
    }

    @Test
    void onlyTheOptionalAllowanceLeavesTheGroupCompletedWhenRefused() {
        Filed filed = fileGroup(530, true);
        Dossier group = completeDeathAndDeregistration(filed);
        Dossier allowance = dossiers.steps(group).get(2);
        decisions.decide(officer(staffWith(allowance, "RECEIVER")), allowance.id(), "refuse",
                "Người mất không thuộc diện hưởng trợ cấp mai táng", allowance.lockVersion());

        group = dossiers.forCitizen(filed.citizen(), group.id());
        assertThat(group.state()).isEqualTo("completed");
        assertThat(group.statusCode()).isEqualTo(9);
        assertThat(dossiers.steps(group)).extracting(Dossier::procedureCode, Dossier::statusCode).containsExactly(
                tuple("death-registration", 10), tuple("residence-deregistration", 10), tuple("funeral-allowance", 3));

        // A step every group needs still stops it.
        Filed other = fileGroup(540, true);
        Dossier death = dossiers.steps(other.group()).get(0);
        decisions.decide(officer(staffWith(death, "RECEIVER")), death.id(), "refuse", "Thiếu giấy báo tử",
                death.lockVersion());
        Dossier stopped = dossiers.forCitizen(other.citizen(), other.group().id());
        assertThat(stopped.statusCode()).isEqualTo(8);
        assertThat(dossiers.steps(stopped)).hasSize(1);
    }

    @Test
    void filedOnItsOwnTheDeceasedIsTypedByNumberAndMustBeRecordedAsDead() {
        ProcedureDefinition allowance = catalog.find("funeral-allowance").orElseThrow();
        PortalUser filer = citizen(freeAdult(550), 2);
        String living = freeAdult(551);
        UUID form = attachRequired(filer, allowance, UUID.randomUUID());

        Filing.Outcome refused = filing.submit(filer, allowance, form, standaloneAnswers(living, true));
        assertThat(refused).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) refused).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .contains(tuple("deceased", "validation.deceasedUnknown"));

        String dead = handOut("select p.id_number from population.person p where p.birth_date < current_date - interval '70 years' and "
                + FREE + " order by p.id_number", 560);
        jdbc.sql("update population.person set date_of_death = current_date - 5 where id_number = ?").param(dead).update();
        Filing.Outcome unconfirmed = filing.submit(filer, allowance, form, standaloneAnswers(dead, false));
        assertThat(unconfirmed).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) unconfirmed).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(tuple("deceased", "validation.confirmPerson"));
        assertThat(((Filing.Invalid) unconfirmed).form().personNames()).containsEntry("deceased", nameOf(dead));

        Filing.Outcome submitted = filing.submit(filer, allowance, form, standaloneAnswers(dead, true));
        assertThat(submitted).as(submitted.toString()).isInstanceOf(Filing.Submitted.class);
        assertThat(((Filing.Submitted) submitted).dossier().answers()).containsEntry("deceased", dead)
                .containsEntry("deceasedIdNumber", dead).containsEntry("deceasedName", nameOf(dead));
        // Decided only while the register records the death: a death registration corrected meanwhile stops approval.
        Dossier claim = ((Filing.Submitted) submitted).dossier();
        for (List<String> move : HAPPY_PATH.subList(0, 2)) {
            claim = decisions.decide(officer(staffWith(claim, move.get(1))), claim.id(), move.get(0), "",
                    claim.lockVersion());
        }
        jdbc.sql("update population.person set date_of_death = null where id_number = ?").param(dead).update();
        Dossier processing = claim;
        assertThatThrownBy(() -> decisions.decide(officer(staffWith(processing, "APPROVER")), processing.id(),
                "approve", "", processing.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("guard.deathRecorded");
        assertThat(dossiers.forCitizen(filer, claim.id()).state()).isEqualTo("processing");
        jdbc.sql("update population.person set date_of_death = current_date - 5 where id_number = ?").param(dead).update();
        assertThat(decisions.decide(officer(staffWith(claim, "APPROVER")), claim.id(), "approve", "",
                claim.lockVersion()).state()).isEqualTo("approved");
        // Showing the deceased's name to the filer is a look at the register, audited once like any typed person.
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'person.looked-up' and actor = ? and subject_id = ?")
                .params(filer.subject(), dead).query(Long.class).single()).isEqualTo(1);
    }

    private static Map<String, String> standaloneAnswers(String deceased, boolean nameShown) {
        Map<String, String> answers = new HashMap<>(Map.of("deceased", deceased,
                "dateOfDeath", LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(5).toString(),
                "category", "PENSIONER"));
        if (nameShown) {
            answers.put(Filing.confirmationOf("deceased"), deceased);
        }
        return answers;
    }

    /** The death group filed by a member of a household of three or more, for its oldest other member. */
    private Filed fileGroup(int offset, boolean claim) {
        String filerId = freeAdultOfLargeHousehold(offset);
        String deceased = oldestOtherMember(filerId);
        PortalUser filer = citizen(filerId, 2);
        ProcedureDefinition definition = catalog.find(GROUP).orElseThrow();
        Map<String, String> answers = new HashMap<>(PrefillRelationsTest.deathAnswers(deceased));
        if (claim) {
            answers.put("claimFuneralAllowance", "true");
            answers.put("bankAccount", "123456789012");
        }
        Filing.Outcome outcome = filing.submit(filer, definition, attachRequired(filer, definition, UUID.randomUUID()),
                answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        return new Filed(filer, deceased, answers, ((Filing.Submitted) outcome).dossier());
    }

    /** The officers of each agency take the first two steps to their result; the group as it then is. */
    private Dossier completeDeathAndDeregistration(Filed filed) {
        for (int index = 0; index < 2; index++) {
            Dossier step = dossiers.steps(dossiers.forCitizen(filed.citizen(), filed.group().id())).get(index);
            for (List<String> move : HAPPY_PATH) {
                step = decisions.decide(officer(staffWith(step, move.get(1))), step.id(), move.get(0), "",
                        step.lockVersion());
            }
            assertThat(step.statusCode()).isEqualTo(10);
        }
        return dossiers.forCitizen(filed.citizen(), filed.group().id());
    }

    private String nameOf(String idNumber) {
        return jdbc.sql("select full_name from population.person where id_number = ?").param(idNumber)
                .query(String.class).single();
    }
}
