package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/**
 * The change of household head (Residence Law 2020 art. 26): the members of a household whose head died register a
 * new head and their relations to them; an approval the register now contradicts is refused and changes nothing.
 */
class HouseholdHeadChangeTest extends PortalIntegrationTest {

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    PopulationRegister register;
    @Autowired
    List<WriteBackHandler> writeBacks;
    @Autowired
    PlatformTransactionManager transactions;

    /** A household whose head has just died: the surviving spouse, two adult children of theirs, the head. */
    private record Bereaved(long household, String head, String spouse, String firstChild, String secondChild) {}

    @Test
    void theDefinitionIsACommunePoliceProcedureOfTheResidenceLawWithItsWriteBack() {
        ProcedureDefinition definition = catalog.find("household-head-change").orElseThrow();
        assertThat(definition.routing().agencyKind()).isEqualTo("COMMUNE_POLICE");
        assertThat(definition.routing().place()).isEqualTo("applicant");
        assertThat(definition.deadline().workingDays()).isEqualTo(3);
        assertThat(definition.eidLevel()).isEqualTo(2);
        assertThat(definition.lifeEvent()).isEqualTo("residence");
        assertThat(definition.writeBack().handler()).isEqualTo("household-head");
        assertThat(definition.field("newHead").orElseThrow().relation())
                .as("the new head is picked among the filer's household, never typed").hasToString("HOUSEHOLD_MEMBER");
        assertThat(definition.documents()).allSatisfy(d -> assertThat(d.required()).isFalse());
    }

    /**
     * The surviving spouse registers themselves as head: the household names them, one child's relation is the one
     * declared, the other child's (not listed) is the register's family link to the new head, and the CT01 prefill of
     * the members gives the new head again.
     */
    @Test
    void theSurvivingSpouseRegistersThemselvesAsHeadWithTheMembersRelations() {
        Bereaved family = bereaved(0);
        assertThat(headOf(family.household())).as("no head once the head died").isNull();

        Dossier dossier = file(family.spouse(), Map.of("newHeadIs", "SELF", "member_1", family.firstChild(),
                "memberRelation_1", "Con trai"));
        approve(dossier);

        assertThat(headOf(family.household())).isEqualTo(family.spouse());
        assertThat(relationOf(family.spouse())).isEqualTo("Chủ hộ");
        assertThat(relationOf(family.firstChild())).as("declared").isEqualTo("Con trai");
        assertThat(relationOf(family.secondChild())).as("from the family link to the new head").isEqualTo("Con");
        assertThat(relationOf(family.head())).as("the deceased former head").isNull();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'population.household-head.registered' "
                + "and subject_id = ? and details->>'dossier' = ?").params(family.spouse(), dossier.receiptCode())
                .query(Long.class).single()).isOne();
        Filing.FormState childsForm = filing.open(citizen(family.secondChild(), 2),
                catalog.find("permanent-residence").orElseThrow());
        assertThat(childsForm.values()).containsEntry("householdHeadId", family.spouse())
                .containsEntry("relationToHead", "Con");
    }

    /** A member names another member as head and declares their own relation to them. */
    @Test
    void aMemberRegistersAnotherMemberAsHead() {
        Bereaved family = bereaved(1);
        Dossier dossier = file(family.spouse(), Map.of("newHeadIs", "MEMBER", "newHead", family.firstChild(),
                "relationToNewHead", "Mẹ", "newHeadConsent", "true"));
        approve(dossier);

        assertThat(headOf(family.household())).isEqualTo(family.firstChild());
        assertThat(relationOf(family.firstChild())).isEqualTo("Chủ hộ");
        assertThat(relationOf(family.spouse())).isEqualTo("Mẹ");
    }

    @Test
    void theApprovalIsRefusedAndChangesNothingWhenTheNewHeadLeftTheHousehold() {
        Bereaved family = bereaved(2);
        Dossier dossier = fileNamingTheFirstChild(family);
        long elsewhere = jdbc.sql("select id from population.household where id <> ? order by id limit 1")
                .param(family.household()).query(Long.class).single();
        jdbc.sql("update population.person set household_id = ? where id_number = ?")
                .params(elsewhere, family.firstChild()).update();

        assertRefusedChangingNothing(family, dossier, "register.householdHead.notMember");
    }

    @Test
    void theApprovalIsRefusedAndChangesNothingWhenTheNewHeadDied() {
        Bereaved family = bereaved(3);
        Dossier dossier = fileNamingTheFirstChild(family);
        jdbc.sql("update population.person set date_of_death = current_date - 1 where id_number = ?")
                .param(family.firstChild()).update();

        assertRefusedChangingNothing(family, dossier, "register.householdHead.deceased");
    }

    @Test
    void theApprovalIsRefusedAndChangesNothingWhenTheFilerIsNoLongerAMember() {
        Bereaved family = bereaved(4);
        Dossier dossier = fileNamingTheFirstChild(family);
        jdbc.sql("update population.person set household_id = null where id_number = ?").param(family.spouse()).update();

        assertRefusedChangingNothing(family, dossier, "register.householdHead.filerNotMember");
    }

    /** Someone of another household cannot be named: the filing is refused on the field, nothing is filed. */
    @Test
    void aFilingNamingSomeoneOutsideTheHouseholdIsRefused() {
        Bereaved family = bereaved(5);
        String stranger = freeAdult(440);
        PortalUser filer = citizen(family.spouse(), 2);
        ProcedureDefinition definition = catalog.find("household-head-change").orElseThrow();
        Filing.Outcome outcome = filing.submit(filer, definition, attachRequired(filer, definition, UUID.randomUUID()),
                answers(Map.of("newHeadIs", "MEMBER", "newHead", stranger, "relationToNewHead", "Bạn",
                        "newHeadConsent", "true")));

        assertThat(outcome).isInstanceOfSatisfying(Filing.Invalid.class, invalid -> assertThat(invalid.problems())
                .extracting(p -> p.field()).contains("newHead"));
        assertThat(headOf(family.household())).isNull();
    }

    /** A filer who belongs to no household is told at once, on the choice of the head. */
    @Test
    void aFilerOfNoHouseholdIsRefusedAtFiling() {
        Bereaved family = bereaved(6);
        jdbc.sql("update population.person set household_id = null where id_number = ?").param(family.spouse()).update();
        PortalUser filer = citizen(family.spouse(), 2);
        ProcedureDefinition definition = catalog.find("household-head-change").orElseThrow();
        Filing.Outcome outcome = filing.submit(filer, definition, attachRequired(filer, definition, UUID.randomUUID()),
                answers(Map.of("newHeadIs", "SELF")));

        assertThat(outcome).isInstanceOfSatisfying(Filing.Invalid.class, invalid -> assertThat(invalid.problems())
                .anySatisfy(p -> {
                    assertThat(p.field()).isEqualTo("newHeadIs");
                    assertThat(p.code()).isEqualTo("filing.householdHead.noHousehold");
                }));
    }

    /**
     * A child born into a household whose head died (the mother is a member, not the head): until the members
     * register a new head the child has no relation to one, rather than "Cháu" towards a head the household lacks.
     */
    @Test
    void aChildBornIntoAHouseholdWithoutAHeadHasNoRelationToOneYet() {
        String mother = handOut("""
                        select p.id_number from population.person p join population.household h on h.id = p.household_id
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        join population.person head on head.id_number = h.head_id_number
                        where p.sex = 'F' and head.id_number <> p.id_number and head.date_of_death is null
                          and p.birth_date between current_date - interval '40 years' and current_date - interval '22 years'
                          and not exists (select 1 from dossier d where d.applicant_id_number = head.id_number)
                          and""" + FREE + " order by p.id_number", 470);
        long household = jdbc.sql("select household_id from population.person where id_number = ?").param(mother)
                .query(Long.class).single();
        register.recordDeath(new IdNumber(headOf(household)), LocalDate.now().minusDays(20));
        LocalDate born = LocalDate.now().minusDays(1);
        Map<String, String> answers = Map.of("filerIs", "MOTHER", "childFullName", "Trần Thị Thu Hà", "childSex", "F",
                "childBirthDate", born.toString(), "childPlaceOfBirth", "Bệnh viện huyện", "childEthnicity", "Kinh",
                "childNationality", "Việt Nam", "childHomeTown", "Hà Nội");
        WriteBackHandler birth = writeBacks.stream().filter(h -> h.name().equals("birth")).findFirst().orElseThrow();
        CompletedDossier dossier = new CompletedDossier(UUID.randomUUID(), "TEST-HEADLESS-" + mother,
                "birth-registration", new IdNumber(mother), answers, Map.of(), "UBND xã thử nghiệm",
                permanent(mother, "province_code"), "test", born, new HashMap<>());
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            birth.apply(dossier);
            String child = dossier.outputs().get("childIdNumber");
            assertThat(jdbc.sql("select household_id from population.person where id_number = ?").param(child)
                    .query(Long.class).single()).isEqualTo(household);
            assertThat(relationOf(child)).as("the newborn's relation in a household without a head").isNull();
            status.setRollbackOnly();
        });
    }

    /**
     * The dossier is about the household the filer belonged to when filing (routed to its commune's
     * police). If the filer moved into another household before the approval, approving it must not make them head of
     * that other household, demoting its living head: the write-back only looks at the filer's household of today.
     */
    @Test
    void theApprovalDoesNotMakeTheFilerHeadOfAHouseholdTheyJoinedAfterFiling() {
        Bereaved family = bereaved(7);
        Dossier dossier = file(family.spouse(), Map.of("newHeadIs", "SELF"));
        assertThat(dossier.answers()).as("the household filed about, locked")
                .containsEntry("householdNumber", String.valueOf(family.household()));
        assertThat(dossier.prefilled()).contains("householdNumber");
        String otherHead = freeHeadOfHousehold(2, 490);
        long other = jdbc.sql("select household_id from population.person where id_number = ?").param(otherHead)
                .query(Long.class).single();
        assertThat(other).isNotEqualTo(family.household());
        // Meanwhile the filer's move into the other household was registered (another dossier, another police).
        jdbc.sql("update population.person set household_id = ?, relation_to_head = 'Vợ' where id_number = ?")
                .params(other, family.spouse()).update();
        Dossier processing = decide(decide(dossier, "receive", "RECEIVER"), "process", "HANDLER");

        assertThatThrownBy(() -> decide(processing, "approve", "APPROVER"))
                .as("approving a head change for a household the dossier was not about")
                .isInstanceOf(UserFacingException.class).extracting("code")
                .isEqualTo("register.householdHead.otherHousehold");
        assertThat(headOf(other)).as("the other household's living head stays its head").isEqualTo(otherHead);
        assertThat(relationOf(otherHead)).isEqualTo("Chủ hộ");
    }

    /**
     * registerHouseholdHead locks the filer and the new head so that "a move or a death of either
     * recorded at the same moment waits, and the checks below see it". The permanent-residence write-back of the new
     * head, started while the change is being written, does wait, but only after it looked whether they head a
     * household (leaveHeadOfHousehold, unlocked): once the change commits, the move goes on and the household is left
     * headed by someone who lives in another one.
     */
    @Test
    void aMoveOfTheNewHeadRecordedWhileTheChangeIsWrittenLeavesNoHeadLivingElsewhere() throws Exception {
        Bereaved family = bereaved(8);
        IdNumber newHead = new IdNumber(family.firstChild());
        String province = permanent(family.firstChild(), "province_code");
        String commune = permanent(family.firstChild(), "commune_code");
        String elsewhere = "Số 99 ngõ Thử nghiệm " + UUID.randomUUID().toString().substring(0, 8);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<?> move = new TransactionTemplate(transactions).execute(status -> {
                register.registerHouseholdHead(new IdNumber(family.spouse()), family.household(), newHead, Map.of());
                // The new head's move to a new home of their own is approved by another police at the same moment.
                java.util.concurrent.Future<?> started = pool.submit(() -> new TransactionTemplate(transactions)
                        .executeWithoutResult(s -> register.registerPermanentResidence(newHead, null, null, province,
                                commune, elsewhere, LocalDate.now())));
                waitUntilAnotherTransactionWaitsForALock();
                return started;
            });
            move.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        String head = headOf(family.household());
        Long headsHousehold = head == null ? null : jdbc.sql("select household_id from population.person where id_number = ?")
                .param(head).query(Long.class).single();
        assertThat(head == null || headsHousehold == family.household())
                .as("household %s is headed by %s, who now lives in household %s", family.household(), head,
                        headsHousehold)
                .isTrue();
    }

    /** Polls (up to half a minute) until some other session waits for a row lock; returns either way. */
    private void waitUntilAnotherTransactionWaitsForALock() {
        for (int i = 0; i < 300; i++) {
            if (jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()")
                    .query(Long.class).single() > 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void assertRefusedChangingNothing(Bereaved family, Dossier dossier, String code) {
        List<String> before = relations(family);
        Dossier processing = decide(decide(dossier, "receive", "RECEIVER"), "process", "HANDLER");

        assertThatThrownBy(() -> decide(processing, "approve", "APPROVER"))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo(code);
        assertThat(headOf(family.household())).isNull();
        assertThat(relations(family)).isEqualTo(before);
        assertThat(jdbc.sql("select state from dossier where id = ?").param(dossier.id()).query(String.class).single())
                .isEqualTo("processing");
    }

    private Dossier fileNamingTheFirstChild(Bereaved family) {
        return file(family.spouse(), Map.of("newHeadIs", "MEMBER", "newHead", family.firstChild(),
                "relationToNewHead", "Mẹ", "newHeadConsent", "true", "member_1", family.secondChild(),
                "memberRelation_1", "Em"));
    }

    /**
     * The spouse of a living head of a household with two living adult children of the spouse's; the head's death
     * is recorded, as the death registration's write-back records it.
     */
    private Bereaved bereaved(int skip) {
        String spouse = handOut("""
                        select p.id_number from population.person p join population.household h on h.id = p.household_id
                        join population.family_link s on s.id_number = p.id_number and s.relation = 'SPOUSE'
                             and s.related_id_number = h.head_id_number
                        join population.person head on head.id_number = h.head_id_number
                        where head.date_of_death is null
                          and not exists (select 1 from dossier d where d.applicant_id_number = head.id_number)
                          and (select count(*) from population.person c join population.family_link l
                               on l.id_number = c.id_number and l.relation in ('FATHER', 'MOTHER')
                               where l.related_id_number = p.id_number and c.household_id = h.id
                                 and c.date_of_death is null and c.birth_date < current_date - interval '18 years') >= 2
                          and""" + FREE + " order by p.id_number", 450 + skip * 3);
        long household = jdbc.sql("select household_id from population.person where id_number = ?").param(spouse)
                .query(Long.class).single();
        String head = headOf(household);
        List<String> children = jdbc.sql("""
                        select c.id_number from population.person c join population.family_link l
                        on l.id_number = c.id_number and l.relation in ('FATHER', 'MOTHER')
                        where l.related_id_number = ? and c.household_id = ? and c.date_of_death is null
                          and c.birth_date < current_date - interval '18 years'
                        order by c.birth_date, c.id_number""")
                .params(spouse, household).query(String.class).list();
        register.recordDeath(new IdNumber(head), LocalDate.now().minusDays(5));
        return new Bereaved(household, head, spouse, children.get(0), children.get(1));
    }

    private Dossier file(String filerId, Map<String, String> specific) {
        PortalUser filer = citizen(filerId, 2);
        ProcedureDefinition definition = catalog.find("household-head-change").orElseThrow();
        Filing.Outcome outcome = filing.submit(filer, definition, attachRequired(filer, definition, UUID.randomUUID()),
                answers(specific));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        return ((Filing.Submitted) outcome).dossier();
    }

    private static Map<String, String> answers(Map<String, String> specific) {
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678"));
        answers.putAll(specific);
        return answers;
    }

    private void approve(Dossier dossier) {
        decide(decide(decide(dossier, "receive", "RECEIVER"), "process", "HANDLER"), "approve", "APPROVER");
    }

    private Dossier decide(Dossier dossier, String event, String role) {
        return decisions.decide(officer(staffWith(dossier, role)), dossier.id(), event, "", dossier.lockVersion());
    }

    private String headOf(long household) {
        return jdbc.sql("select head_id_number from population.household where id = ?").param(household)
                .query(String.class).list().get(0);
    }

    private String relationOf(String idNumber) {
        return jdbc.sql("select relation_to_head from population.person where id_number = ?").param(idNumber)
                .query(String.class).list().get(0);
    }

    private List<String> relations(Bereaved family) {
        return jdbc.sql("select coalesce(relation_to_head, '-') from population.person where household_id = ? "
                + "order by id_number").param(family.household()).query(String.class).list();
    }
}
