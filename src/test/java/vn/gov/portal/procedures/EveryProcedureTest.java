package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.IdNumber;

/**
 * Every definition in workflows/ is filed by a citizen and taken to its end through the service layer, along the
 * path where nothing is refused, by whoever each step needs — officers of the routed agency, the filer, the other
 * party, the portal — and its write-back is checked in the register.
 */
class EveryProcedureTest extends PortalIntegrationTest {

    /** Steps that end or interrupt a dossier; the path to completion avoids them. */
    private static final Set<Integer> NOT_COMPLETION = Set.of(3, 5, 7, 8);
    private static final AtomicInteger FILERS_USED = new AtomicInteger();

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    Dossiers dossiers;
    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    static Stream<String> procedures() {
        return Stream.of(new java.io.File("workflows").list((dir, name) -> name.endsWith(".yaml")))
                .map(name -> name.substring(0, name.length() - ".yaml".length())).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("procedures")
    void isFiledAndCompletedWithItsWriteBack(String code) throws Exception {
        ProcedureDefinition definition = catalog.find(code).orElseThrow();
        boolean needsPartner = definition.workflow().party() != null;
        PortalUser filer = citizen(needsPartner ? singleAdult("M", FILERS_USED.getAndIncrement())
                : familyHead(FILERS_USED.getAndIncrement()), 2);
        String partner = needsPartner ? singleAdult("F", FILERS_USED.getAndIncrement()) : null;

        // Every page of the procedure renders: its description, its form for this filer.
        mvc.perform(get("/procedures/" + code)).andExpect(status().isOk());
        mvc.perform(get("/procedures/" + code + "/apply").with(authentication(login(filer)))).andExpect(status().isOk());

        Map<String, String> answers = answers(definition, filer, partner);
        Filing.Outcome outcome = filing.submit(filer, definition, attachRequired(filer, definition, UUID.randomUUID()), answers);
        if (!(outcome instanceof Filing.Submitted submitted)) {
            fail(code + " was not submitted: " + outcome);
            return;
        }
        Dossier dossier = submitted.dossier();
        assertThat(dossier.receiptCode()).isNotBlank();
        mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(filer)))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(dossier.receiptCode())));
        if (definition.isGroup()) {
            completeGroup(definition, dossier, filer);
            return;
        }
        // The agency's page of the dossier, once it is the agency's: after the fee when that comes before intake.
        org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder officerPage = get("/officer/dossiers/" + dossier.id())
                .with(authentication(login(officer(staffWith(dossier, "RECEIVER")))));
        if (definition.collectsFeeBeforeIntake() && definition.workflow().awaitsFee(dossier.state())) {
            // (A birth registered on time owes nothing: it skips the fee and is the agency's at once.)
            mvc.perform(officerPage).andExpect(status().isNotFound());
            dossier = feePaid(filer, dossier);
        }
        // Nor while the other party has not confirmed (marriage: the happy path confirms first).
        mvc.perform(officerPage).andExpect(dossier.receivedByAgency() ? status().isOk() : status().isNotFound());
        dossier = completeHappyPath(definition, dossier, filer, partner);
        mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(filer)))).andExpect(status().isOk());

        WorkflowDefinition.State end = definition.workflow().state(dossier.state()).orElseThrow();
        assertThat(end.terminal()).as(code + " ends in a terminal state").isTrue();
        assertThat(NOT_COMPLETION).as(code + " ends completed").doesNotContain(end.status());
        // "Pay online" is said only where the portal takes a payment (not a contribution paid at the office).
        boolean paysOnline = definition.workflow().transitions().stream().anyMatch(WorkflowDefinition.Transition::payment);
        if (!paysOnline) {
            assertThat(jdbc.sql("select count(*) from notification where dossier_id = ? and kind = 'FEE_DUE'")
                    .param(dossier.id()).query(Long.class).single()).as(code + " tells no one to pay online").isZero();
        }
        if (definition.writeBack() != null) {
            assertThat(jdbc.sql("select count(*) from audit_log where action like 'population.%' and details->>'dossier' = ?")
                    .param(dossier.receiptCode()).query(Long.class).single())
                    .as(code + " wrote back to the register").isPositive();
            checkRegister(definition, dossier, filer);
        }
    }

    /** What each kind of write-back must have changed in the register. */
    private void checkRegister(ProcedureDefinition definition, Dossier dossier, PortalUser filer) {
        Map<String, String> a = dossier.answers();
        switch (definition.writeBack().handler()) {
            case "birth" -> {
                String child = a.get("childIdNumber");   // the number the register issued, kept with the dossier
                assertThat(jdbc.sql("select full_name from population.person where id_number = ?").param(child)
                        .query(String.class).single()).isEqualTo(a.get("childFullName"));
                assertThat(new IdNumber(child).matches(LocalDate.parse(a.get("childBirthDate")),
                        vn.gov.portal.population.Sex.valueOf(a.get("childSex")))).isTrue();
                assertThat(jdbc.sql("select count(*) from population.family_link where id_number = ?").param(child)
                        .query(Long.class).single()).isPositive();
            }
            case "death" -> assertThat(jdbc.sql("select date_of_death from population.person where id_number = ?")
                    .param(a.get("deceased")).query(LocalDate.class).single()).isEqualTo(a.get("dateOfDeath"));
            case "marriage" -> assertThat(jdbc.sql("select related_id_number from population.family_link where id_number = ? and relation = 'SPOUSE'")
                    .param(filer.subject()).query(String.class).single()).isEqualTo(a.get("partner"));
            case "permanent-residence" -> assertThat(jdbc.sql("select commune_code from population.residence where id_number = ? and kind = 'PERMANENT'")
                    .param(filer.subject()).query(String.class).single()).isEqualTo(a.get("newCommune"));
            case "temporary-absence" -> assertThat(jdbc.sql("select valid_to from population.temporary_absence where id_number = ?")
                    .param(filer.subject()).query(LocalDate.class).single()).isEqualTo(a.get("periodTo"));
            case "newborn-residence" -> assertThat(permanent(a.get("child"), "commune_code")).isNotBlank();
            case "deregister-residence" -> assertThat(jdbc.sql("select valid_to from population.residence where id_number = ? and kind = 'PERMANENT'")
                    .param(a.get("deceased")).query(LocalDate.class).single()).isNotNull();
            case "record-document", "id-card" -> assertThat(jdbc.sql("select kind from population.person_document where dossier_id = ?")
                    .param(dossier.id()).query(String.class).single())
                    .isEqualTo(definition.writeBack().params().getOrDefault("documentKind", "ID_CARD"));
            // the first choice of newHeadIs: the filer heads their household
            case "household-head" -> assertThat(jdbc.sql("""
                            select h.head_id_number from population.household h
                            join population.person p on p.household_id = h.id where p.id_number = ?""")
                    .param(filer.subject()).query(String.class).single()).isEqualTo(filer.subject());
            default -> { }
        }
    }

    /** Each step appears only when the one before it is done, in its own agency; the group completes after the last. */
    private void completeGroup(ProcedureDefinition group, Dossier dossier, PortalUser filer) throws Exception {
        for (int index = 1; index <= group.steps().size(); index++) {
            List<Dossier> steps = dossiers.steps(dossiers.forCitizen(filer, dossier.id()));
            assertThat(steps).as(group.code() + ": only the steps reached so far exist").hasSize(index);
            Dossier step = steps.get(index - 1);
            ProcedureDefinition stepDefinition = catalog.find(step.procedureCode()).orElseThrow();
            assertThat(step.procedureCode()).isEqualTo(group.steps().get(index - 1).procedure());
            String agencyStaff = staffWith(step, "RECEIVER");
            mvc.perform(get("/officer/dossiers/" + step.id()).with(authentication(login(officer(agencyStaff)))))
                    .andExpect(status().isOk());
            step = completeHappyPath(stepDefinition, step, filer, null);
            if (stepDefinition.writeBack() != null) {
                checkRegister(stepDefinition, dossiers.forCitizen(filer, step.id()), filer);
            }
        }
        Dossier done = dossiers.forCitizen(filer, dossier.id());
        assertThat(done.statusCode()).as(group.code() + " completed").isEqualTo(9);
        assertThat(dossiers.ofCitizen(filer)).extracting(Dossier::id).contains(done.id())
                .doesNotContainAnyElementsOf(dossiers.steps(done).stream().map(Dossier::id).toList());
    }

    private Dossier completeHappyPath(ProcedureDefinition definition, Dossier dossier, PortalUser filer, String partner) {
        Set<String> visited = new java.util.HashSet<>();
        for (int step = 0; step < 20; step++) {
            visited.add(dossier.state());
            WorkflowDefinition.State state = definition.workflow().state(dossier.state()).orElseThrow();
            if (state.terminal()) {
                return dossier;
            }
            Transition next = definition.workflow().transitionsFrom(dossier.state()).stream()
                    .filter(t -> !t.automatic())
                    .filter(t -> !NOT_COMPLETION.contains(definition.workflow().statusOf(t.to())))
                    // the receiver's way back to the fee answers an exemption ground not proved: not the happy path
                    .filter(t -> !definition.refusesExemption(t))
                    // new ground first: a loop such as processing → payment → processing is walked once
                    .sorted(java.util.Comparator.comparing(t -> visited.contains(t.to())))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(definition.code() + " is stuck in " + state.id()));
            String role = next.roles().iterator().next();
            if (WorkflowDefinition.OFFICER_ROLES.contains(role)) {
                // An officer confirming the amount due (a fine checked against its decision) gives one.
                dossier = decisions.decide(officer(staffWith(dossier, role)), dossier.id(), next.event(), "Ghi chú thử nghiệm",
                        null, next.setsAmount() ? "150000" : null, dossier.lockVersion());
            } else if (next.payment()) {
                // A payment step is fired by the gateway's confirmation, never by the citizen's action.
                assertThat(payOnline(filer, dossier.id()).paid()).as(definition.code() + " paid online").isTrue();
                dossier = dossiers.forCitizen(filer, dossier.id());
            } else {
                PortalUser citizen = role.equals(WorkflowDefinition.PARTY) ? citizen(partner, 2) : filer;
                dossier = decisions.act(citizen, dossier.id(), next.event(), "Ghi chú thử nghiệm", dossier.lockVersion());
            }
        }
        throw new AssertionError(definition.code() + " did not end within 20 steps");
    }

    /** Plausible answers for every field the citizen fills, from the field's type and rules. */
    private Map<String, String> answers(ProcedureDefinition definition, PortalUser filer, String partner) {
        Map<String, String> answers = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        for (ProcedureDefinition.FormSection section : definition.sections()) {
            for (FormField field : section.fields()) {
                if (field.locked()) {
                    continue;
                }
                String value = switch (field.type()) {
                    case TEXT, TEXTAREA -> field.pattern() == null ? "Nội dung thử nghiệm" : matching(field);
                    case PHONE -> "0912345678";
                    case EMAIL -> "cong.dan@example.vn";
                    case SELECT -> field.options().get(0).value();
                    case PROVINCE -> "01";
                    case COMMUNE -> "00308";
                    case NUMBER -> String.valueOf(field.min() == null ? 1 : field.min());
                    case CHECKBOX -> "true";
                    case DATE -> field.after() != null ? today.plusMonths(2).toString()
                            : "today".equals(field.notBefore()) ? today.plusDays(1).toString()
                            : today.minusDays(10).toString();
                    case PERSON -> switch (field.relation()) {
                        case ANY -> partner != null ? partner : familyHead(FILERS_USED.getAndIncrement());
                        case DECEASED -> recordedDeath(FILERS_USED.getAndIncrement());
                        default -> filing.candidates(filer, field).stream().map(c -> c.person().idNumber().value())
                                .filter(id -> !id.equals(filer.subject())).findFirst()
                                .orElse(filer.subject());
                    };
                };
                answers.put(section.answerIds(field).get(0), value);
                if (field.typedPerson()) {
                    answers.put(Filing.confirmationOf(section.answerIds(field).get(0)), value);   // the name was shown
                }
            }
        }
        return answers;
    }

    private static String matching(FormField field) {
        for (String candidate : List.of("08:30", "0912345678", "123456789012", "123456789", "12345", "29A12345", "29-A1 123.45",
                "A1234567", "B2", "AB-123", "1234567890", "2026", "Nội dung thử nghiệm")) {
            if (candidate.matches(field.pattern())) {
                return candidate;
            }
        }
        throw new AssertionError("no test value matches the pattern " + field.pattern() + " of " + field.id());
    }

    /** A married head of a household of three or more, with children, aged 25-60: every relation can be picked. */
    private String familyHead(int skip) {
        return jdbc.sql("""
                        select p.id_number from population.person p
                        where p.relation_to_head = 'Chủ hộ' and p.date_of_death is null and p.marital_status = 'MARRIED'
                          and p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and right(p.id_number, 1) <> '7'
                          and exists (select 1 from population.family_link c where c.related_id_number = p.id_number and c.relation in ('FATHER', 'MOTHER'))
                          and (select count(*) from population.person m where m.household_id = p.household_id) >= 3
                        order by p.id_number offset ? limit 1""")
                .param(200 + skip).query(String.class).single();
    }

    /** An elderly person whose death the register records, as the death registration's write-back leaves it. */
    private String recordedDeath(int skip) {
        String id = handOut("select p.id_number from population.person p where p.birth_date < current_date - interval '70 years' and "
                + FREE + " order by p.id_number", 300 + skip);
        jdbc.sql("update population.person set date_of_death = current_date - 10 where id_number = ?").param(id).update();
        return id;
    }

    private String singleAdult(String sex, int skip) {
        return jdbc.sql("""
                        select id_number from population.person
                        where marital_status = 'SINGLE' and sex = ? and date_of_death is null
                          and birth_date between current_date - interval '40 years' and current_date - interval '22 years'
                        order by id_number offset ? limit 1""")
                .params(sex, 200 + skip).query(String.class).single();
    }
}
