package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierEvent;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.FieldProblem;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * Steps citizens take on a submitted dossier — the partner's confirmation of a marriage, paying a fine, withdrawing —
 * and what officers and other citizens may (not) do meanwhile.
 */
class CitizenStepsTest extends PortalIntegrationTest {

    /** A living person who may log in as a citizen and has no dossier yet, so that tests do not share people. */
    private static final List<String> OFFICER_ROLES = List.of("tiepnhan", "xuly", "lanhdao");

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

    // ---------------------------------------------------------------- marriage

    @Test
    void aMarriageWaitsForThePartnerOnlyThePartnerConfirmsAndApprovalMarriesBoth() {
        PortalUser filer = citizen(single("M", 400), 2);
        PortalUser partner = citizen(single("F", 400), 2);
        PortalUser stranger = citizen(freeAdult(480), 2);
        Dossier dossier = fileMarriage(filer, partner);
        assertThat(dossier.state()).isEqualTo("awaiting-partner");
        assertThat(dossier.partyIdNumber()).isEqualTo(partner.subject());
        assertThat(dossier.answers()).containsEntry("partnerName", partner.displayName());

        // The committee of the filer's commune cannot act while the partner has not confirmed: not received yet.
        String commune = permanent(filer.subject(), "commune_code");
        assertThat(dossier.agencyId()).isEqualTo(agencyOfCommune("COMMUNE_PEOPLES_COMMITTEE", commune));
        for (String role : OFFICER_ROLES) {
            assertThat(dossiers.actionsFor(officer("ub." + commune + "." + role), dossier)).isEmpty();
        }
        UUID id = dossier.id();
        int version = dossier.lockVersion();
        assertThatThrownBy(() -> decisions.decide(officer("ub." + commune + ".tiepnhan"), id, "receive", "", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("error.notFound");

        // The filer may withdraw but not confirm in the partner's place.
        assertThat(dossiers.actionsFor(filer, dossier)).extracting(Transition::event).containsExactly("withdraw");
        assertThatThrownBy(() -> decisions.act(filer, id, "confirm", "", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.roleMissing");

        // The partner sees the dossier and may confirm or decline; a third citizen sees nothing.
        assertThat(dossiers.ofCitizen(partner)).extracting(Dossier::id).contains(id);
        assertThat(dossiers.forCitizen(partner, id).id()).isEqualTo(id);
        assertThat(dossiers.actionsFor(partner, dossier)).extracting(Transition::event)
                .containsExactlyInAnyOrder("confirm", "decline");
        assertThat(dossiers.ofCitizen(stranger)).extracting(Dossier::id).doesNotContain(id);
        assertThatThrownBy(() -> dossiers.forCitizen(stranger, id))
                .isInstanceOf(UserFacingException.class).matches(e -> ((UserFacingException) e).isNotFound());
        assertThatThrownBy(() -> decisions.act(stranger, id, "confirm", "", version))
                .isInstanceOf(UserFacingException.class).matches(e -> ((UserFacingException) e).isNotFound());
        assertThat(state(id)).isEqualTo("awaiting-partner");

        dossier = decisions.act(partner, id, "confirm", "", version);
        assertThat(dossier.state()).isEqualTo("submitted");
        assertThat(dossiers.timeline(dossier)).last().satisfies(e -> {
            assertThat(e.event()).isEqualTo("confirm");
            assertThat(e.actor()).isEqualTo(partner.subject());
            assertThat(e.actorKind()).isEqualTo("CITIZEN");
        });
        assertThat(dossiers.actionsFor(officer("ub." + commune + ".tiepnhan"), dossier)).extracting(Transition::event)
                .contains("receive");
        assertThat(maritalStatus(filer)).isEqualTo("SINGLE");

        dossier = decisions.decide(officer("ub." + commune + ".tiepnhan"), id, "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ub." + commune + ".xuly"), id, "process", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ub." + commune + ".lanhdao"), id, "approve", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ub." + commune + ".tiepnhan"), id, "return-result", "", dossier.lockVersion());
        assertThat(dossier.state()).isEqualTo("returned");
        assertThat(dossier.statusCode()).isEqualTo(10);

        assertThat(maritalStatus(filer)).isEqualTo("MARRIED");
        assertThat(maritalStatus(partner)).isEqualTo("MARRIED");
        assertThat(spouseOf(filer)).isEqualTo(partner.subject());
        assertThat(spouseOf(partner)).isEqualTo(filer.subject());
    }

    @Test
    void overHttpThePartnerConfirmsWithTheActionsFormAndAStrangerGets404() throws Exception {
        PortalUser filer = citizen(single("M", 410), 2);
        PortalUser partner = citizen(single("F", 410), 2);
        PortalUser stranger = citizen(freeAdult(490), 2);
        Dossier dossier = fileMarriage(filer, partner);
        String path = "/my/dossiers/" + dossier.id();

        mvc.perform(get(path).with(authentication(login(partner)))).andExpect(status().isOk());
        mvc.perform(get(path).with(authentication(login(stranger)))).andExpect(status().isNotFound());
        mvc.perform(post(path + "/actions").with(csrf()).with(authentication(login(stranger)))
                        .param("event", "confirm").param("lockVersion", String.valueOf(dossier.lockVersion())))
                .andExpect(status().isNotFound());
        assertThat(state(dossier.id())).isEqualTo("awaiting-partner");

        mvc.perform(post(path + "/actions").with(csrf()).with(authentication(login(partner)))
                        .param("event", "confirm").param("lockVersion", String.valueOf(dossier.lockVersion())))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(path))
                .andExpect(result -> assertThat((Map<String, Object>) result.getFlashMap()).containsKey("notice").doesNotContainKey("problem"));
        assertThat(state(dossier.id())).isEqualTo("submitted");
        assertThat(dossiers.timeline(dossiers.forCitizen(partner, dossier.id()))).extracting(DossierEvent::event)
                .containsExactly("submit", "confirm");
    }

    /**
     * The partner must be someone else: otherwise the filer is also the PARTY, confirms their own marriage and
     * approval links them to themselves as SPOUSE.
     */
    @Test
    void aFilerCannotNameThemselvesAsTheirPartner() {
        PortalUser filer = citizen(single("M", 420), 2);
        Filing.Outcome outcome = filing.submit(filer, catalog.find("marriage-registration").orElseThrow(),
                UUID.randomUUID(), marriageAnswers(filer.subject()));
        assertThat(outcome).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) outcome).problems()).extracting(FieldProblem::field).contains("partner");
        assertThat(jdbc.sql("select count(*) from dossier where applicant_id_number = ? and state <> 'draft'")
                .param(filer.subject()).query(Long.class).single()).isZero();
    }

    private Dossier fileMarriage(PortalUser filer, PortalUser partner) {
        return ((Filing.Submitted) filing.submit(filer, catalog.find("marriage-registration").orElseThrow(),
                UUID.randomUUID(), marriageAnswers(partner.subject()))).dossier();
    }

    private static Map<String, String> marriageAnswers(String partner) {
        Map<String, String> answers = new HashMap<>();
        answers.put("phone", "0912345678");
        answers.put("partner", partner);
        answers.put(Filing.confirmationOf("partner"), partner);   // the form showed the partner's name
        answers.put("voluntaryDeclaration", "true");
        return answers;
    }

    // ---------------------------------------------------------------- traffic fine

    @Test
    void aTrafficFineAwaitsPaymentOnceTheTrafficPoliceConfirmItOnlyTheFilerPaysAndItEndsClosed() {
        ProcedureDefinition fine = catalog.find("traffic-fine-payment").orElseThrow();
        PortalUser filer = citizen(freeAdult(500), 2);
        PortalUser other = citizen(freeAdult(510), 2);
        Map<String, String> answers = new HashMap<>();
        answers.put("phone", "0912345678");
        answers.put("violationRecordNumber", "1234/QĐ-XPHC");
        answers.put("plateNumber", "30A-123.45");
        answers.put("fineAmount", "800000");
        Dossier dossier = ((Filing.Submitted) filing.submit(filer, fine, UUID.randomUUID(), answers)).dossier();
        // Nothing to pay before the traffic police checked the decision: the stated amount is not charged.
        assertThat(dossier.state()).isEqualTo("submitted");
        assertThat(dossier.statusCode()).isEqualTo(1);
        assertThat(dossiers.actionsFor(filer, dossier)).extracting(Transition::event).containsExactly("withdraw");

        String province = permanent(filer.subject(), "province_code");
        assertThat(dossier.agencyId()).isEqualTo(agencyOfProvince("PROVINCIAL_POLICE", province));
        assertThat(dossiers.actionsFor(officer("cat." + province + ".tiepnhan"), dossier)).extracting(Transition::event)
                .containsExactlyInAnyOrder("confirm-amount", "refuse");
        dossier = decisions.decide(officer("cat." + province + ".tiepnhan"), dossier.id(), "confirm-amount", "", null,
                "800000", dossier.lockVersion());
        assertThat(dossier.state()).isEqualTo("awaiting-payment");
        assertThat(dossier.statusCode()).isEqualTo(6);
        assertThat(dossier.amountDueVnd()).isEqualTo(800_000L);
        assertThat(dossier.closedAt()).isNull();
        assertThat(dossiers.timeline(dossier)).extracting(DossierEvent::event, DossierEvent::actorKind)
                .containsExactly(tuple("submit", "CITIZEN"),
                        tuple("confirm-amount", "STAFF"));
        for (String role : OFFICER_ROLES) {
            assertThat(dossiers.actionsFor(officer("cat." + province + "." + role), dossier)).isEmpty();
        }
        assertThat(dossiers.actionsFor(filer, dossier)).extracting(Transition::event)
                .containsExactlyInAnyOrder("pay", "withdraw");

        UUID id = dossier.id();
        int version = dossier.lockVersion();
        assertThatThrownBy(() -> decisions.act(other, id, "pay", "", version))
                .isInstanceOf(UserFacingException.class).matches(e -> ((UserFacingException) e).isNotFound());
        assertThat(state(id)).isEqualTo("awaiting-payment");
        assertThat(documents(id)).isEmpty();

        // Paying is no button the filer presses: only the gateway's confirmation moves the dossier on.
        assertThatThrownBy(() -> decisions.act(filer, id, "pay", "", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.paymentRequired");
        assertThatThrownBy(() -> payOnline(other, id))
                .isInstanceOf(UserFacingException.class).matches(e -> ((UserFacingException) e).isNotFound());
        assertThat(state(id)).isEqualTo("awaiting-payment");

        assertThat(payOnline(filer, id).paid()).isTrue();
        dossier = dossiers.forCitizen(filer, id);
        assertThat(dossier.state()).isEqualTo("closed");
        assertThat(dossier.statusCode()).isEqualTo(10);
        assertThat(fine.workflow().state("closed").orElseThrow().terminal()).isTrue();
        assertThat(dossier.closedAt()).isNotNull();
        assertThat(dossiers.timeline(dossier)).extracting(DossierEvent::event, DossierEvent::actorKind)
                .containsExactly(tuple("submit", "CITIZEN"), tuple("confirm-amount", "STAFF"),
                        tuple("pay", "PAYMENT"), tuple("close", "SYSTEM"));
        assertThat(dossiers.actionsFor(filer, dossier)).isEmpty();
        assertThat(documents(id)).containsExactly("TRAFFIC_FINE_RECEIPT " + filer.subject());
    }

    // ---------------------------------------------------------------- withdraw

    @Test
    void theFilerWithdrawsASubmittedDossierAndNobodyCanActOnItAnyMore() {
        ProcedureDefinition record = catalog.find("criminal-record-certificate").orElseThrow();
        PortalUser filer = citizen(freeAdult(520), 2);
        Map<String, String> answers = new HashMap<>();
        answers.put("phone", "0912345678");
        answers.put("certificateType", "NO1");
        answers.put("purpose", "Xin việc");
        answers.put("copies", "1");
        Dossier dossier = feePaid(filer, ((Filing.Submitted) filing.submit(filer, record, UUID.randomUUID(), answers)).dossier());
        String province = permanent(filer.subject(), "province_code");
        assertThat(dossier.agencyId()).isEqualTo(agencyOfProvince("PROVINCIAL_POLICE", province));
        assertThat(dossiers.actionsFor(officer("cat." + province + ".tiepnhan"), dossier)).extracting(Transition::event)
                .contains("receive");
        assertThat(dossiers.actionsFor(filer, dossier)).extracting(Transition::event).containsExactly("withdraw");
        UUID submitted = dossier.id();
        int submittedVersion = dossier.lockVersion();
        // Each side keeps to its own steps: the filer cannot receive, an officer cannot withdraw for the filer.
        assertThatThrownBy(() -> decisions.act(filer, submitted, "receive", "", submittedVersion))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.roleMissing");
        assertThatThrownBy(() -> decisions.decide(officer("cat." + province + ".tiepnhan"), submitted, "withdraw", "",
                submittedVersion)).isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.roleMissing");

        dossier = decisions.act(filer, dossier.id(), "withdraw", "", dossier.lockVersion());
        assertThat(dossier.state()).isEqualTo("withdrawn");
        assertThat(dossier.statusCode()).isEqualTo(7);
        assertThat(record.workflow().state(dossier.state()).orElseThrow().terminal()).isTrue();
        assertThat(dossier.closedAt()).isNotNull();

        for (String role : OFFICER_ROLES) {
            assertThat(dossiers.actionsFor(officer("cat." + province + "." + role), dossier)).isEmpty();
        }
        assertThat(dossiers.actionsFor(filer, dossier)).isEmpty();
        UUID id = dossier.id();
        int version = dossier.lockVersion();
        assertThatThrownBy(() -> decisions.decide(officer("cat." + province + ".tiepnhan"), id, "receive", "", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.notAllowedInState");
        assertThatThrownBy(() -> decisions.act(filer, id, "withdraw", "", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.notAllowedInState");
        assertThat(state(id)).isEqualTo("withdrawn");
        assertThat(dossiers.timeline(dossier)).extracting(DossierEvent::event).containsExactly("submit", "pay", "withdraw");
    }

    // ---------------------------------------------------------------- repeated sections

    @Test
    void theRowsOfARepeatedSectionAreToldApartInTheirLabelsAndErrors() throws Exception {
        PortalUser citizen = citizen(freeAdult(2614), 2);
        String page = "/procedures/criminal-record-certificate/apply?step=pastResidences";
        String form = mvc.perform(get(page).with(authentication(login(citizen)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(form).containsPattern("for=\"field-pastPeriod_2\">\\s*<span>Thời gian cư trú</span><span class=\"visually-hidden\"> \\(Lần 2\\)</span>");

        String refused = mvc.perform(post(page).with(csrf()).with(authentication(login(citizen)))
                        .param("formId", UUID.randomUUID().toString()).param("action", "next")
                        .param("pastPeriod_2", "2".repeat(51)).param("lang", "en"))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("href=\"#field-pastPeriod_2\">Period (Entry 2) must be 50 characters or fewer.</a>");
    }

    // ---------------------------------------------------------------- helpers

    private String single(String sex, int offset) {
        return handOut("""
                        select p.id_number from population.person p
                        where p.marital_status = 'SINGLE' and p.sex = ?
                          and p.birth_date between current_date - interval '40 years' and current_date - interval '22 years'
                          and not exists (select 1 from population.family_link s where s.id_number = p.id_number and s.relation = 'SPOUSE')
                          and """ + FREE + " order by p.id_number", offset, sex);
    }

    private String state(UUID id) {
        return jdbc.sql("select state from dossier where id = ?").param(id).query(String.class).single();
    }

    private List<String> documents(UUID dossierId) {
        return jdbc.sql("select kind || ' ' || id_number from population.person_document where dossier_id = ?")
                .param(dossierId).query(String.class).list();
    }

    private String maritalStatus(PortalUser citizen) {
        return jdbc.sql("select marital_status from population.person where id_number = ?").param(citizen.subject())
                .query(String.class).single();
    }

    private String spouseOf(PortalUser citizen) {
        return jdbc.sql("select related_id_number from population.family_link where id_number = ? and relation = 'SPOUSE'")
                .param(citizen.subject()).query(String.class).single();
    }
}
