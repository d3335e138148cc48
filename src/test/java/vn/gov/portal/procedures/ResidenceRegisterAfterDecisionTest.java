package vn.gov.portal.procedures;

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
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * Review findings: what the population register holds after a residence decision. Each test shows a register that
 * contradicts itself or the decision taken (failing on the code reviewed).
 */
class ResidenceRegisterAfterDecisionTest extends PortalIntegrationTest {

    private static final List<String[]> HAPPY_PATH = List.of(new String[] {"receive", "RECEIVER"},
            new String[] {"process", "HANDLER"}, new String[] {"approve", "APPROVER"});

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Dossiers dossiers;
    @Autowired
    MockMvc mvc;

    /**
     * A household head moves to a home of their own and the others stay. The household they left must not go on naming
     * them as its head: they now head another household, and the register would give the stayers a head who is not
     * one of them (CT01 items 7-9 prefill an empty name beside the mover's number).
     */
    @Test
    void theHouseholdAHeadLeavesNoLongerNamesThemItsHead() {
        String head = freeHeadOfHousehold(3, 310);
        long oldHousehold = householdOf(head);
        List<String> stayers = livingHouseholdMembers(head);
        assertThat(stayers).isNotEmpty();

        Dossier dossier = fileMove(head, Map.of("basis", "OWN_HOME", "newProvince", "01", "newCommune", "00308",
                "newAddressDetail", "Số 21, phố Hàng Bông"));
        decideAll(dossier);

        assertThat(householdOf(head)).as("the mover heads a new household").isNotEqualTo(oldHousehold);
        assertThat(headOf(oldHousehold)).as("the head of the household left behind, whose members are " + stayers)
                .isNotEqualTo(head)
                .as("no head until the members register a change of head").isEmpty();
        assertThat(stayers).allSatisfy(stayer -> assertThat(householdOf(stayer)).isEqualTo(oldHousehold));
        assertThat(headOf(householdOf(head))).isEqualTo(head);
        // CT01 items 7 and 9 for those left behind: no head, rather than a number without a name.
        Filing.FormState stayersForm = filing.open(citizen(stayers.get(0), 2),
                catalog.find("permanent-residence").orElseThrow());
        assertThat(stayersForm.values()).containsEntry("householdHead", "").containsEntry("householdHeadId", "");
    }

    /**
     * A household head dies: once the death is registered (the death group: death, then the end of the residence), the
     * household the head leaves behind no longer names them as its head.
     */
    @Test
    void theHouseholdOfAHeadWhoDiedNoLongerNamesThemItsHead() {
        String filerId = handOut("""
                        select p.id_number from population.person p join population.household h on h.id = p.household_id
                        join population.person head on head.id_number = h.head_id_number
                        where p.id_number <> h.head_id_number
                          and p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and (select count(*) from population.person m where m.household_id = h.id
                               and m.date_of_death is null) >= 3
                          and head.date_of_death is null
                          and not exists (select 1 from dossier d where d.applicant_id_number = head.id_number)
                          and""" + FREE + " order by p.id_number", 340);
        long household = householdOf(filerId);
        String head = headOf(household);
        PortalUser filer = citizen(filerId, 2);
        ProcedureDefinition group = catalog.find("death-residence-funeral-allowance").orElseThrow();
        Filing.Outcome outcome = filing.submit(filer, group, attachRequired(filer, group, UUID.randomUUID()),
                PrefillRelationsTest.deathAnswers(head));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        UUID groupId = ((Filing.Submitted) outcome).dossier().id();
        for (int index = 0; index < 2; index++) {
            Dossier step = decideAll(dossiers.steps(dossiers.forCitizen(filer, groupId)).get(index));
            // The result returned ends the step, and the group files the next one.
            decisions.decide(officer(staffWith(step, "RECEIVER")), step.id(), "return-result", "", step.lockVersion());
        }

        assertThat(jdbc.sql("select valid_to is not null from population.residence where id_number = ? and kind = 'PERMANENT'")
                .param(head).query(Boolean.class).single()).as("the deceased's residence ended").isTrue();
        assertThat(headOf(household)).as("the head of the household of " + filerId).isEmpty();
        assertThat(householdOf(filerId)).isEqualTo(household);
        List<String> left = livingHouseholdMembers(head);
        assertThat(relationsToHead(left)).as("the relations of " + left + " to the head who died").containsOnlyNulls();
    }

    /**
     * A household head moves out: the members left behind no longer hold a relation ("Vợ", "Con") to them, which
     * the register would go on showing (CT01 item 8) towards a head the household no longer has. They are to be
     * declared anew with the change of head.
     */
    @Test
    void theMembersAHeadLeavesHoldNoRelationToTheHeadGone() {
        String head = freeHeadOfHousehold(3, 410);
        List<String> stayers = livingHouseholdMembers(head);
        assertThat(relationsToHead(stayers)).as("before the move").doesNotContainNull();

        decideAll(fileMove(head, Map.of("basis", "OWN_HOME", "newProvince", "01", "newCommune", "00308",
                "newAddressDetail", "Số 23, phố Hàng Bông")));

        assertThat(relationsToHead(stayers)).as("the relations of " + stayers + " to the head who left")
                .containsOnlyNulls();
        assertThat(relationsToHead(List.of(head))).containsExactly("Chủ hộ");
        Filing.FormState stayersForm = filing.open(citizen(stayers.get(0), 2),
                catalog.find("permanent-residence").orElseThrow());
        assertThat(stayersForm.values()).containsEntry("relationToHead", "");
    }

    /**
     * Permanent residence at someone else's home (a rented flat, the owner consenting): the dossier names the new address
     * and goes to the police of that commune, who decide on it. The register must record that address, not the
     * address of the owner's own household somewhere else, where that police has no competence.
     */
    @Test
    void aMoveToSomeoneElsesHomeRegistersTheAddressTheDossierNamed() {
        String filer = freeHeadOfHousehold(2, 320);
        String owner = ownerLivingOutside("00308", filer, 263);
        Dossier dossier = fileMove(filer, Map.of("basis", "OTHERS_HOME", "newProvince", "01", "newCommune", "00308",
                "newAddressDetail", "Căn hộ 1203, số 8 phố Hàng Bông", "newHead", owner,
                "newHeadConfirmed", owner, "relationToNewHead", "Người thuê nhà", "ownerConsent", "true"));
        assertThat(dossier.agencyId()).isEqualTo(agencyOfCommune("COMMUNE_POLICE", "00308"));
        decideAll(dossier);

        assertThat(permanent(filer, "commune_code"))
                .as("decided by the police of 00308 for an address in 00308").isEqualTo("00308");
        assertThat(permanent(filer, "detail")).isEqualTo("Căn hộ 1203, số 8 phố Hàng Bông");
        // The owner lives elsewhere: the filer heads a household of their own at the flat, the owner's is untouched.
        long household = householdOf(filer);
        assertThat(household).isNotEqualTo(householdOf(owner));
        assertThat(headOf(household)).isEqualTo(filer);
        assertThat(jdbc.sql("select commune_code || ' ' || address_detail from population.household where id = ?")
                .param(household).query(String.class).single()).isEqualTo("00308 Căn hộ 1203, số 8 phố Hàng Bông");
    }

    /**
     * Moving in with a household registered at the address the dossier names (typed with other spaces and case), with
     * a member moving along: both join that household, with the relations given, at its address.
     */
    @Test
    void aMoveToTheAddressOfTheNamedHeadsHouseholdJoinsIt() throws Exception {
        String filer = freeHeadOfHousehold(2, 350);
        String member = livingHouseholdMembers(filer).get(0);
        String receivingHead = handOut("""
                        select p.id_number from population.person p join population.household h on h.head_id_number = p.id_number
                        where h.province_code = '01' and p.household_id = h.id and p.id_number <> ? and""" + FREE + " order by p.id_number", 20, filer);
        long receiving = householdOf(receivingHead);
        Map<String, String> address = jdbc.sql(
                        "select province_code, commune_code, address_detail from population.household where id = ?")
                .param(receiving).query((rs, n) -> Map.of("province", rs.getString(1), "commune", rs.getString(2),
                        "detail", rs.getString(3))).single();
        Map<String, String> answers = new HashMap<>(Map.of("basis", "OTHERS_HOME",
                "newProvince", address.get("province"), "newCommune", address.get("commune"),
                "newAddressDetail", "  " + address.get("detail").toUpperCase().replace(" ", "  ") + " ",
                "newHead", receivingHead, "newHeadConfirmed", receivingHead, "relationToNewHead", "Em",
                "ownerConsent", "true"));
        answers.putAll(Map.of("movingMember_1", member, "movingMemberRelation_1", "Cháu"));
        Dossier dossier = fileMove(filer, answers);
        assertThat(outlookOnTheOfficersPage(dossier)).contains("— người được nêu trong hồ sơ");
        decideAll(dossier);

        for (String mover : List.of(filer, member)) {
            assertThat(householdOf(mover)).as(mover).isEqualTo(receiving);
            assertThat(permanent(mover, "detail")).isEqualTo(address.get("detail"));
            assertThat(permanent(mover, "commune_code")).isEqualTo(address.get("commune"));
        }
        assertThat(headOf(receiving)).isEqualTo(receivingHead);
        assertThat(jdbc.sql("select relation_to_head from population.person where id_number in (?, ?) order by id_number = ?")
                .params(filer, member, member).query(String.class).list()).containsExactly("Em", "Cháu");
    }

    /**
     * A move to a rented home whose owner lives elsewhere, with the filer's child moving along: the filer starts a
     * household there and heads it, so the child's relation is to the filer (the register's link: "Con"), not the one
     * typed towards the owner. The officer deciding is told, before approving, that the filer starts a new household.
     */
    @Test
    void aMemberMovingAlongIntoTheHouseholdTheFilerStartsIsRecordedWithTheirRelationToTheFiler() throws Exception {
        String filer = handOut("""
                        select p.id_number from population.person p
                        where p.relation_to_head = 'Chủ hộ' and exists (select 1 from population.person c
                              join population.family_link l on l.id_number = c.id_number and l.relation in ('FATHER', 'MOTHER')
                              where l.related_id_number = p.id_number and c.household_id = p.household_id
                                and c.date_of_death is null)
                          and p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and""" + FREE + " order by p.id_number", 420);
        String child = jdbc.sql("""
                        select c.id_number from population.person c join population.family_link l on l.id_number = c.id_number
                        join population.person p on p.id_number = l.related_id_number and p.household_id = c.household_id
                        where p.id_number = ? and l.relation in ('FATHER', 'MOTHER') and c.date_of_death is null
                        order by c.id_number limit 1""")
                .param(filer).query(String.class).single();
        String owner = ownerLivingOutside("00308", filer, 421);
        Map<String, String> answers = new HashMap<>(Map.of("basis", "OTHERS_HOME", "newProvince", "01",
                "newCommune", "00308", "newAddressDetail", "Căn hộ 504, số 10 phố Hàng Bông", "newHead", owner,
                "newHeadConfirmed", owner, "relationToNewHead", "Người thuê nhà", "ownerConsent", "true"));
        answers.putAll(Map.of("movingMember_1", child, "movingMemberRelation_1", "Người ở cùng"));
        Dossier dossier = fileMove(filer, answers);
        dossier = decisions.decide(officer(staffWith(dossier, "RECEIVER")), dossier.id(), "receive", "",
                dossier.lockVersion());

        assertThat(outlookOnTheOfficersPage(dossier)).as("the officer's page says which household the movers join")
                .contains("người đăng ký lập hộ mới và là chủ hộ");
        for (String[] move : HAPPY_PATH.subList(1, 3)) {
            dossier = decisions.decide(officer(staffWith(dossier, move[1])), dossier.id(), move[0], "",
                    dossier.lockVersion());
        }

        assertThat(headOf(householdOf(filer))).isEqualTo(filer);
        assertThat(householdOf(child)).isEqualTo(householdOf(filer));
        assertThat(relationsToHead(List.of(child))).as("the relation of the filer's child to the filer, who heads")
                .containsExactly("Con");
    }

    /**
     * Moving in with a household through a member of it who is not its head: the relation typed is towards that
     * member, so it is not recorded as the relation to the head; with no family link to the head it is left to be
     * declared. The officer is told whose household it is.
     */
    @Test
    void aMoverNamingAMemberWhoIsNotTheHeadGetsNoRelationTypedTowardsThatMember() throws Exception {
        String filer = freeAdult(430);
        String member = handOut("""
                        select p.id_number from population.person p join population.household h on h.id = p.household_id
                        where h.head_id_number is not null and h.head_id_number <> p.id_number and h.province_code = '01'
                          and p.birth_date < current_date - interval '25 years' and p.id_number <> ?
                          and not exists (select 1 from population.family_link l where l.id_number = ?
                                          and l.related_id_number = h.head_id_number)
                          and""" + FREE + " order by p.id_number", 31, filer, filer);
        long receiving = householdOf(member);
        String receivingHead = headOf(receiving);
        String headName = jdbc.sql("select full_name from population.person where id_number = ?").param(receivingHead)
                .query(String.class).single();
        Map<String, String> address = jdbc.sql(
                        "select province_code, commune_code, address_detail from population.household where id = ?")
                .param(receiving).query((rs, n) -> Map.of("province", rs.getString(1), "commune", rs.getString(2),
                        "detail", rs.getString(3))).single();
        Dossier dossier = fileMove(filer, Map.of("basis", "OTHERS_HOME", "newProvince", address.get("province"),
                "newCommune", address.get("commune"), "newAddressDetail", address.get("detail"), "newHead", member,
                "newHeadConfirmed", member, "relationToNewHead", "Em", "ownerConsent", "true"));
        dossier = decisions.decide(officer(staffWith(dossier, "RECEIVER")), dossier.id(), "receive", "",
                dossier.lockVersion());

        assertThat(outlookOnTheOfficersPage(dossier)).contains("nhưng chủ hộ là " + headName + " (số định danh "
                + receivingHead + ")");
        assertThat(jdbc.sql("""
                        select count(*) from audit_log where action = 'population.viewed' and subject_id = ?
                          and details->>'dossier' = ?""").params(receivingHead, dossier.receiptCode())
                .query(Long.class).single()).as("showing the head's name is recorded as a reading").isPositive();
        for (String[] move : HAPPY_PATH.subList(1, 3)) {
            dossier = decisions.decide(officer(staffWith(dossier, move[1])), dossier.id(), move[0], "",
                    dossier.lockVersion());
        }

        assertThat(householdOf(filer)).isEqualTo(receiving);
        assertThat(headOf(receiving)).isEqualTo(receivingHead);
        assertThat(relationsToHead(List.of(filer))).as("typed towards " + member + ", not the head " + receivingHead)
                .containsOnlyNulls();
    }

    /**
     * "Xóa đăng ký thường trú (người đã chết)", filed on its own: the death extract is marked as verifiable in the
     * register, so nothing is uploaded, and nothing checked that the register records the death. A household head could
     * have a living member's permanent residence ended. Now the filing names only a person whose death is recorded,
     * and the approval is refused while the person is alive.
     */
    @Test
    void theResidenceOfALivingMemberIsNotDeregisteredAsThatOfADeceasedPerson() {
        String head = freeHeadOfHousehold(3, 330);
        String living = livingHouseholdMembers(head).get(0);
        assertThat(jdbc.sql("select date_of_death from population.person where id_number = ?").param(living)
                .query(java.time.LocalDate.class).optional()).isEmpty();
        PortalUser filer = citizen(head, 2);
        ProcedureDefinition deregistration = catalog.find("residence-deregistration").orElseThrow();
        Filing.Outcome outcome = filing.submit(filer, deregistration,
                attachRequired(filer, deregistration, UUID.randomUUID()), Map.of("deceased", living));
        assertThat(outcome).as("refused at filing: the register does not record the death")
                .isInstanceOfSatisfying(Filing.Invalid.class, invalid -> assertThat(invalid.problems())
                        .extracting(p -> p.field()).contains("deceased"));
        if (outcome instanceof Filing.Submitted submitted) {
            Dossier dossier = submitted.dossier();
            try {
                decideAll(dossier);
            } catch (UserFacingException refused) {
                // refused at a decision: what the fix may do
            }
        }
        assertThat(jdbc.sql("""
                        select valid_to is null from population.residence where id_number = ? and kind = 'PERMANENT'""")
                .param(living).query(Boolean.class).single())
                .as("the permanent residence of " + living + ", who is alive").isTrue();
    }

    /**
     * A death recorded at filing and corrected before the decision (a death registration can be): the approval is
     * refused with the guard's message and the residence stays.
     */
    @Test
    void aDeregistrationIsNotApprovedOnceTheDeathIsNoLongerRecorded() {
        String head = freeHeadOfHousehold(3, 360);
        String member = livingHouseholdMembers(head).get(0);
        jdbc.sql("update population.person set date_of_death = current_date - 3 where id_number = ?").param(member)
                .update();
        PortalUser filer = citizen(head, 2);
        ProcedureDefinition deregistration = catalog.find("residence-deregistration").orElseThrow();
        Filing.Outcome outcome = filing.submit(filer, deregistration,
                attachRequired(filer, deregistration, UUID.randomUUID()),
                Map.of("deceased", member, Filing.confirmationOf("deceased"), member));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        for (String[] move : HAPPY_PATH.subList(0, 2)) {
            dossier = decisions.decide(officer(staffWith(dossier, move[1])), dossier.id(), move[0], "",
                    dossier.lockVersion());
        }
        jdbc.sql("update population.person set date_of_death = null where id_number = ?").param(member).update();
        Dossier processing = dossier;

        assertThatThrownBy(() -> decisions.decide(officer(staffWith(processing, "APPROVER")), processing.id(),
                "approve", "", processing.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("guard.deathRecorded");
        assertThat(jdbc.sql("select valid_to is null from population.residence where id_number = ? and kind = 'PERMANENT'")
                .param(member).query(Boolean.class).single()).isTrue();
    }

    private List<String> relationsToHead(List<String> people) {
        return jdbc.sql("select relation_to_head from population.person where id_number = any(?) order by id_number")
                .param(people.toArray(String[]::new)).query(String.class).list();
    }

    /** A living adult with a permanent residence outside this commune: the owner of a home rented there. */
    private String ownerLivingOutside(String commune, String filer, int offset) {
        return handOut("""
                        select p.id_number from population.person p
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        where r.commune_code <> ? and p.id_number <> ?
                          and p.birth_date < current_date - interval '30 years' and""" + FREE + " order by p.id_number",
                offset, commune, filer);
    }

    /** The text of the officer's panel saying what the approval will write ("" when the page has none). */
    private String outlookOnTheOfficersPage(Dossier dossier) throws Exception {
        String page = mvc.perform(get("/officer/dossiers/" + dossier.id())
                        .with(authentication(login(officer(staffWith(dossier, "RECEIVER"))))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        int panel = page.indexOf("id=\"approval-outlook\"");
        return panel < 0 ? "" : page.substring(panel, page.indexOf("</section>", panel));
    }

    private String headOf(long household) {
        return jdbc.sql("select coalesce(head_id_number, '') from population.household where id = ?").param(household)
                .query(String.class).single().strip();
    }

    private Dossier fileMove(String filerId, Map<String, String> specific) {
        PortalUser filer = citizen(filerId, 2);
        ProcedureDefinition move = catalog.find("permanent-residence").orElseThrow();
        Map<String, String> answers = new HashMap<>();
        move.fields().filter(f -> !f.locked() && f.type() == FormField.FieldType.SELECT)
                .forEach(f -> answers.put(f.id(), f.options().get(0).value()));
        answers.put("phone", "0912345678");
        answers.put("request", "Đăng ký thường trú tại chỗ ở mới");
        answers.putAll(specific);
        Filing.FormState saved = ((Filing.Saved) filing.save(filer, move, UUID.randomUUID(), answers)).form();
        Map<String, String> posted = new HashMap<>(saved.values());
        posted.putAll(specific);
        Filing.Outcome outcome = filing.submit(filer, move, saved.formId(), posted);
        if (outcome instanceof Filing.Invalid invalid) {
            invalid.problems().forEach(p -> posted.putIfAbsent(p.field(), fill(move, p.field())));
            invalid.problems().stream().filter(p -> !specific.containsKey(p.field()))
                    .forEach(p -> posted.put(p.field(), fill(move, p.field())));
            outcome = filing.submit(filer, move, saved.formId(), posted);
        }
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        return feePaid(filer, ((Filing.Submitted) outcome).dossier());
    }

    private Dossier decideAll(Dossier dossier) {
        for (String[] move : HAPPY_PATH) {
            dossier = decisions.decide(officer(staffWith(dossier, move[1])), dossier.id(), move[0], "",
                    dossier.lockVersion());
        }
        return dossier;
    }

    private long householdOf(String idNumber) {
        return jdbc.sql("select household_id from population.person where id_number = ?").param(idNumber)
                .query(Long.class).single();
    }

    private static String fill(ProcedureDefinition definition, String answerId) {
        var field = definition.field(answerId.replaceAll("_\\d+$", "")).orElseThrow();
        return switch (field.type()) {
            case CHECKBOX -> "true";
            case SELECT -> field.options().get(0).value();
            case PHONE -> "0912345678";
            case DATE -> java.time.LocalDate.now().plusDays(1).toString();
            default -> "Nội dung thử nghiệm";
        };
    }
}
