package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
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
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.FilingCheck;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.NewPerson;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.Sex;
import vn.gov.portal.population.WriteBackHandler;

/**
 * Review finding: the birth group (birth → permanent residence → health-insurance card) stops when the residence step
 * is refused, after the birth step has entered the child in the register. The citizen files the group again to get
 * the residence and the card, and its birth step enters the same child a second time, with a second personal ID
 * number: nothing checks that the mother already has a registered child of that name and birth date. A birth is
 * registered once (Law on Civil Status art. 5) and a person has one personal ID number (Identity Law 2023), so the
 * second registration is refused; the residence and the card are filed on their own with the child's number.
 */
class BirthRegisteredOnceTest extends PortalIntegrationTest {

    private static final List<List<String>> HAPPY_PATH = List.of(List.of("receive", "RECEIVER"),
            List.of("process", "HANDLER"), List.of("approve", "APPROVER"), List.of("return-result", "RECEIVER"));
    private static final String CHILD = "Lê Thị Bảo Ngọc";

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    Dossiers dossiers;
    @Autowired
    List<WriteBackHandler> writeBacks;
    @Autowired
    PopulationRegister register;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MockMvc mvc;

    @Test
    void aBirthGroupRefiledAfterARefusedResidenceStepIsRefusedAtFilingAndStaysADraft() {
        String mother = freeMarriedWoman(85);
        PortalUser citizen = citizen(mother, 2);
        LocalDate born = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(4);
        Map<String, String> answers = birthAnswers(mother, born);

        Dossier group = fileGroup(citizen, answers);
        Dossier birth = dossiers.steps(group).get(0);
        for (List<String> move : HAPPY_PATH) {
            birth = decisions.decide(officer(staffWith(birth, move.get(1))), birth.id(), move.get(0), "",
                    birth.lockVersion());
        }
        assertThat(registeredChildren(mother, born)).as("the birth step entered the child").isEqualTo(1);
        Dossier residence = dossiers.steps(dossiers.forCitizen(citizen, group.id())).get(1);
        decisions.decide(officer(staffWith(residence, "RECEIVER")), residence.id(), "refuse",
                "Thiếu văn bản đồng ý của chủ hộ", residence.lockVersion());
        assertThat(dossiers.forCitizen(citizen, group.id()).statusCode()).as("the group stopped").isEqualTo(8);

        // Filed again for the residence and the card, the same child: refused now, not by the justice officer later.
        ProcedureDefinition groupProcedure = catalog.find("birth-residence-health-insurance").orElseThrow();
        long filed = submitted(mother);
        Filing.Outcome outcome = filing.submit(citizen, groupProcedure,
                attachRequired(citizen, groupProcedure, UUID.randomUUID()), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) outcome).problems())
                .extracting(FieldProblem::field, FieldProblem::code, FieldProblem::args)
                .containsExactly(tuple("childFullName", "filing.birthAlreadyRegistered",
                        List.of(CHILD, DateTimeFormatter.ofPattern("dd/MM/yyyy").format(born))));
        assertThat(submitted(mother)).as("dossiers filed by " + mother).isEqualTo(filed);
        Filing.FormState draft = filing.open(citizen, groupProcedure);
        assertThat(draft.resumedDraft()).as("kept as a draft").isTrue();
        assertThat(draft.values()).containsEntry("childFullName", CHILD);
        assertThat(registeredChildren(mother, born)).as("people entered for one child of " + mother).isEqualTo(1);
    }

    /**
     * The mother's birth registration is approved; the father then files his own for the same child: refused when he
     * submits, on the review page's error summary, which links to the child's name; his draft stays.
     */
    @Test
    void theOtherParentsOwnBirthDossierIsRefusedWhenSubmittedAndTheFormSaysWhy() throws Exception {
        Couple parents = couple(100);
        LocalDate born = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(3);
        approve(readyToApprove(citizen(parents.wife(), 2), birthAnswers(parents.wife(), born)));
        assertThat(registeredChildren(parents.wife(), born)).isEqualTo(1);

        PortalUser father = citizen(parents.husband(), 2);
        ProcedureDefinition birth = catalog.find("birth-registration").orElseThrow();
        Map<String, String> byFather = birthAnswers(parents.husband(), born);
        byFather.put("filerIs", "FATHER");
        byFather.put("childFullName", "lê thị bảo  NGỌC");
        UUID formId = attachRequired(father, birth, UUID.randomUUID());
        assertThat(filing.save(father, birth, formId, byFather)).isInstanceOf(Filing.Saved.class);

        String day = DateTimeFormatter.ofPattern("dd/MM/yyyy").format(born);
        for (Locale locale : List.of(Locale.forLanguageTag("vi"), Locale.ENGLISH)) {
            MvcResult result = mvc.perform(post("/procedures/birth-registration/apply").with(csrf())
                            .with(authentication(login(father))).param("lang", locale.getLanguage())
                            .param("formId", formId.toString()).param("step", "review").param("action", "submit"))
                    .andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(422);
            String page = result.getResponse().getContentAsString();
            String summary = page.substring(page.indexOf("id=\"error-summary\""));
            summary = summary.substring(0, summary.indexOf("</div>"));
            assertThat(summary).contains("role=\"alert\"", "#field-childFullName", "lê thị bảo  NGỌC", day)
                    .contains(locale.getLanguage().equals("vi")
                            ? List.of("đã được đăng ký khai sinh", "Đăng ký thường trú cho trẻ em mới đăng ký khai sinh",
                                    "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi")
                            : List.of("is already registered", "Permanent residence registration for a newly registered child",
                                    "Health insurance card for a child under 6"));
        }
        assertThat(submitted(parents.husband())).as("dossiers filed by the father").isZero();
        assertThat(filing.open(father, birth).values()).containsEntry("childFullName", "lê thị bảo  NGỌC");
        assertThat(registeredChildren(parents.wife(), born)).isEqualTo(1);
    }

    /**
     * The mother and the father each file the birth, and their communes approve at the same moment: the later
     * approval waits for the earlier one's locks on the parents, then finds the child and is refused.
     */
    @Test
    void whenBothParentsFileTheSameBirthOnlyOneRegistrationIsApprovedEvenAtTheSameMoment() throws Exception {
        Couple parents = couple(90);
        LocalDate born = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(2);
        Map<String, String> byFather = birthAnswers(parents.husband(), born);
        byFather.put("filerIs", "FATHER");
        // The same name as the mother writes it, in other letter case and spacing.
        byFather.put("childFullName", "  LÊ THỊ  Bảo Ngọc ");
        Dossier mothers = readyToApprove(citizen(parents.wife(), 2), birthAnswers(parents.wife(), born));
        Dossier fathers = readyToApprove(citizen(parents.husband(), 2), byFather);

        List<Object> outcomes = RacingApprovals.race(transactions, jdbc, () -> approve(mothers), () -> approve(fathers));
        assertThat(((Dossier) outcomes.get(0)).state()).isEqualTo("approved");
        assertThat(outcomes.get(1)).isInstanceOf(UserFacingException.class)
                .extracting("code").isEqualTo("register.birthAlreadyRegistered");
        // The justice officer is told with which number the birth is registered.
        assertThat(((UserFacingException) outcomes.get(1)).args()).containsExactly(childOf(parents.wife(), born));
        assertThat(dossiers.forCitizen(citizen(parents.husband(), 2), fathers.id()).state()).isEqualTo("processing");
        assertThat(registeredChildren(parents.wife(), born)).as("people entered for one child").isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from population.family_link l join population.person p on p.id_number = l.id_number
                        where l.relation = 'FATHER' and l.related_id_number = ? and p.birth_date = ?""")
                .params(parents.husband(), born).query(Long.class).single()).isEqualTo(1);
    }

    /** A write-back run again for the same dossier (a retry) gives the child it entered and enters no one. */
    @Test
    void theBirthWriteBackRunAgainForTheSameDossierGivesTheSameChild() {
        String mother = handOut("""
                        select p.id_number from population.person p
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        where p.sex = 'F' and p.household_id is not null
                          and p.birth_date between current_date - interval '40 years' and current_date - interval '22 years'
                          and """ + FREE + " order by p.id_number", 95);
        LocalDate born = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);
        WriteBackHandler birth = writeBacks.stream().filter(h -> h.name().equals("birth")).findFirst().orElseThrow();
        CompletedDossier dossier = new CompletedDossier(UUID.randomUUID(), "TEST-BIRTH-" + mother, "birth-registration",
                new IdNumber(mother), birthAnswers(mother, born), Map.of(), "UBND xã thử nghiệm",
                permanent(mother, "province_code"), "test", born, new HashMap<>());
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            birth.apply(dossier);
            String entered = dossier.outputs().get("childIdNumber");
            dossier.outputs().clear();
            birth.apply(dossier);
            assertThat(dossier.outputs()).containsEntry("childIdNumber", entered);
            assertThat(registeredChildren(mother, born)).isEqualTo(1);
            status.setRollbackOnly();
        });
    }

    private record Couple(String wife, String husband) {}

    /** A wife and her husband, each the other's spouse in the register, neither of whom has filed anything. */
    private Couple couple(int offset) {
        return jdbc.sql("""
                        select p.id_number, l.related_id_number from population.person p
                        join population.family_link l on l.id_number = p.id_number and l.relation = 'SPOUSE'
                        join population.person h on h.id_number = l.related_id_number
                        where p.sex = 'F' and p.birth_date between current_date - interval '40 years' and current_date - interval '22 years'
                          and exists (select 1 from population.family_link b where b.id_number = h.id_number
                                      and b.relation = 'SPOUSE' and b.related_id_number = p.id_number)
                          and right(h.id_number, 1) <> '7' and h.date_of_death is null
                          and not exists (select 1 from dossier d where d.applicant_id_number = h.id_number)
                          and """ + FREE + " order by p.id_number offset ? limit 1")
                .param(offset).query((rs, n) -> new Couple(rs.getString(1), rs.getString(2))).single();
    }

    /** The dossiers (groups and their steps) filed by this person, drafts not counted. */
    private long submitted(String applicant) {
        return jdbc.sql("select count(*) from dossier where applicant_id_number = ? and state <> ?")
                .params(applicant, Dossier.DRAFT).query(Long.class).single();
    }

    private Dossier readyToApprove(PortalUser citizen, Map<String, String> answers) {
        ProcedureDefinition birth = catalog.find("birth-registration").orElseThrow();
        Filing.Outcome outcome = filing.submit(citizen, birth, attachRequired(citizen, birth, UUID.randomUUID()), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        for (List<String> move : HAPPY_PATH.subList(0, 2)) {
            dossier = decisions.decide(officer(staffWith(dossier, move.get(1))), dossier.id(), move.get(0), "",
                    dossier.lockVersion());
        }
        return dossier;
    }

    private Dossier approve(Dossier dossier) {
        return decisions.decide(officer(staffWith(dossier, "APPROVER")), dossier.id(), "approve", "",
                dossier.lockVersion());
    }

    private String childOf(String mother, LocalDate born) {
        return jdbc.sql("""
                        select p.id_number from population.person p
                        join population.family_link l on l.id_number = p.id_number and l.relation = 'MOTHER'
                        where l.related_id_number = ? and p.full_name = ? and p.birth_date = ?""")
                .params(mother, CHILD, born).query(String.class).single();
    }

    private Dossier fileGroup(PortalUser citizen, Map<String, String> answers) {
        ProcedureDefinition group = catalog.find("birth-residence-health-insurance").orElseThrow();
        Filing.Outcome outcome = filing.submit(citizen, group, attachRequired(citizen, group, UUID.randomUUID()), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        return ((Filing.Submitted) outcome).dossier();
    }

    private Map<String, String> birthAnswers(String mother, LocalDate born) {
        Map<String, String> answers = new HashMap<>(Map.of("filerIs", "MOTHER", "childFullName", CHILD,
                "childSex", "F", "childBirthDate", born.toString(), "childPlaceOfBirth", "Bệnh viện tỉnh",
                "childEthnicity", "Kinh", "childNationality", "Việt Nam", "childHomeTown", "Hà Nội",
                "birthCertificateNumber", "GCS-2"));
        answers.putAll(Map.of("birthCertificateDate", born.toString(),
                "registrationProvince", permanent(mother, "province_code"),
                "registrationCommune", permanent(mother, "commune_code"), "phone", "0912345678"));
        return answers;
    }

    private long registeredChildren(String mother, LocalDate born) {
        return jdbc.sql("""
                        select count(*) from population.person p
                        join population.family_link l on l.id_number = p.id_number and l.relation = 'MOTHER'
                        where l.related_id_number = ? and p.full_name = ? and p.birth_date = ?""")
                .params(mother, CHILD, born).query(Long.class).single();
    }

    /**
     * The refusal at filing looks only at the filer's own children (found by the review): a mother typing a man's
     * number as the father learned, by trying names and days, whether he has a child with another mother, and was
     * refused for a birth that is not hers. At the approval another mother's child is not the same birth either.
     */
    @Test
    void aMotherNamingAManAsFatherLearnsNothingOfHisChildrenWithAnotherMother() {
        // A registered child with a father and a mother in the register.
        Map<String, Object> child = jdbc.sql("""
                        select c.id_number, c.full_name, c.birth_date, c.sex, f.related_id_number as father,
                               m.related_id_number as mother
                        from population.person c
                        join population.family_link f on f.id_number = c.id_number and f.relation = 'FATHER'
                        join population.family_link m on m.id_number = c.id_number and m.relation = 'MOTHER'
                        order by c.id_number limit 1""").query().singleRow();
        // A woman who is not that child's mother files a birth, naming that man as the father.
        String filer = jdbc.sql("""
                        select p.id_number from population.person p where p.sex = 'F' and p.id_number <> ?
                          and p.birth_date between current_date - interval '40 years' and current_date - interval '22 years'
                          and not exists (select 1 from population.family_link l where l.related_id_number = p.id_number
                                          and l.relation = 'MOTHER' and l.id_number = ?)
                        order by p.id_number limit 1""")
                .params(child.get("mother"), child.get("id_number")).query(String.class).single();
        Map<String, String> answers = new HashMap<>(Map.of("filerIs", "MOTHER",
                "fatherIdNumber", (String) child.get("father"), "childFullName", (String) child.get("full_name"),
                "childSex", (String) child.get("sex"), "childBirthDate", child.get("birth_date").toString(),
                "childPlaceOfBirth", "Bệnh viện tỉnh"));
        WriteBackHandler birth = writeBacks.stream().filter(h -> h.name().equals("birth")).findFirst().orElseThrow();
        NewPerson sameNameAndDay = new NewPerson((String) child.get("full_name"),
                LocalDate.parse(child.get("birth_date").toString()), Sex.valueOf((String) child.get("sex")), "Kinh",
                "Việt Nam", "", "Bệnh viện tỉnh");

        assertThat(birth.refusalAtFiling(new FilingCheck.Case(new IdNumber(filer), answers, null)))
                .as("a filing by %s naming %s as the father must not be refused for his child %s with %s",
                        filer, child.get("father"), child.get("id_number"), child.get("mother"))
                .isEmpty();
        // Nor, at the approval, is her child taken for his child with another mother.
        assertThat(register.registeredChild(sameNameAndDay, new IdNumber(filer), new IdNumber((String) child.get("father"))))
                .isEmpty();
        assertThat(register.registeredChild(sameNameAndDay, new IdNumber((String) child.get("mother")),
                new IdNumber((String) child.get("father")))).as("the registered birth itself")
                .contains(new IdNumber((String) child.get("id_number")));
    }
}
