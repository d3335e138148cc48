package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
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
import vn.gov.portal.catalog.ProcedureDefinition.FormSection;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierEvent;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.FieldProblem;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.Supplementation;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Sex;

/**
 * Forms that reach beyond the filer: relatives prefilled from the register's links (birth), people picked among the
 * filer's household (death), typed and looked up (notification of stay) or among the filer's children (passport),
 * sections that apply only in some cases and repeated sections (criminal record).
 */
class PrefillRelationsTest extends PortalIntegrationTest {

    /** A living person who may log in as a citizen and has no dossier yet, so that tests do not share people. */
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

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
    @Autowired
    Supplementation supplementation;

    // ---------------------------------------------------------------- birth registration

    @Test
    void birthFiledByTheFatherPrefillsAndLocksTheMotherFromTheSpouseLinkAndRegistersTheChild() {
        ProcedureDefinition birth = catalog.find("birth-registration").orElseThrow();
        String fatherId = handOut("""
                        select p.id_number from population.person p
                        join population.family_link s on s.id_number = p.id_number and s.relation = 'SPOUSE'
                        join population.person w on w.id_number = s.related_id_number
                        where p.sex = 'M' and p.marital_status = 'MARRIED' and w.sex = 'F' and w.date_of_death is null
                          and right(w.id_number, 1) <> '7'
                          and w.birth_date between current_date - interval '45 years' and current_date - interval '20 years'
                          and """ + FREE + " order by p.id_number", 400);
        PortalUser father = citizen(fatherId, 2);
        Map<String, Object> mother = jdbc.sql("""
                        select w.id_number, w.full_name, w.birth_date, w.household_id, w.relation_to_head,
                               h.province_code, h.commune_code
                        from population.family_link s join population.person w on w.id_number = s.related_id_number
                        join population.household h on h.id = w.household_id
                        where s.id_number = ? and s.relation = 'SPOUSE'""")
                .param(fatherId).query().singleRow();
        String motherId = ((String) mother.get("id_number")).strip();

        // Before the filer says who they are, neither parent's section applies.
        Filing.FormState blank = filing.open(father, birth);
        assertThat(blank.sections()).contains("filer", "child").doesNotContain("mother", "father", "parents", "requester");

        Map<String, String> posted = birthAnswers((String) mother.get("province_code"), (String) mother.get("commune_code"));
        posted.put("filerIs", "FATHER");
        posted.put("motherName", "Tên Giả Mạo");
        posted.put("motherIdNumber", "001190000001");
        posted.put("motherBirthDate", "1990-01-01");
        posted.put("fatherName", "Người Khác");
        Filing.FormState saved = ((Filing.Saved) filing.save(father, birth, UUID.randomUUID(), posted)).form();
        assertThat(saved.sections()).contains("mother").doesNotContain("father", "parents", "requester");
        assertThat(saved.values()).containsEntry("motherName", (String) mother.get("full_name"))
                .containsEntry("motherIdNumber", motherId)
                .containsEntry("motherBirthDate", mother.get("birth_date").toString())
                .containsEntry("fatherName", "");
        assertThat(saved.prefilled()).contains("motherName", "motherIdNumber", "motherBirthDate");

        // The mother filing: the father's section applies instead, prefilled with her husband.
        PortalUser motherUser = citizen(motherId, 2);
        Map<String, String> asMother = birthAnswers((String) mother.get("province_code"), (String) mother.get("commune_code"));
        asMother.put("filerIs", "MOTHER");
        asMother.put("motherName", "Tên Giả Mạo");
        Filing.FormState motherForm = ((Filing.Saved) filing.save(motherUser, birth, UUID.randomUUID(), asMother)).form();
        assertThat(motherForm.sections()).contains("father").doesNotContain("mother", "parents");
        assertThat(motherForm.values()).containsEntry("fatherName", father.displayName())
                .containsEntry("fatherIdNumber", fatherId)
                .containsEntry("motherName", "").containsEntry("motherIdNumber", "");

        // Submitting with forged values for the locked fields: the register's values reach the dossier.
        Dossier dossier = ((Filing.Submitted) filing.submit(father, birth, attachRequired(father, birth, saved.formId()), posted)).dossier();
        assertThat(dossier.answers()).containsEntry("motherName", (String) mother.get("full_name"))
                .containsEntry("motherIdNumber", motherId)
                .containsEntry("motherBirthDate", mother.get("birth_date").toString());
        long householdSize = householdSize((Long) mother.get("household_id"));

        String commune = (String) mother.get("commune_code");
        assertThat(dossier.agencyId()).isEqualTo(agencyOfCommune("COMMUNE_PEOPLES_COMMITTEE", commune));
        dossier = decisions.decide(officer("ub." + commune + ".tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ub." + commune + ".xuly"), dossier.id(), "process", "", dossier.lockVersion());
        assertThat(documentsOf(dossier, "BIRTH_CERTIFICATE")).isEmpty();
        dossier = decisions.decide(officer("ub." + commune + ".lanhdao"), dossier.id(), "approve", "", dossier.lockVersion());
        assertThat(dossier.state()).isEqualTo("approved");

        String childId = documentsOf(dossier, "BIRTH_CERTIFICATE").get(0);
        Map<String, Object> child = jdbc.sql("""
                        select full_name, birth_date, sex, household_id, relation_to_head, marital_status
                        from population.person where id_number = ?""").param(childId).query().singleRow();
        LocalDate birthDate = LocalDate.parse(posted.get("childBirthDate"));
        assertThat(new IdNumber(childId).matches(birthDate, Sex.F)).isTrue();
        assertThat(new IdNumber(childId).provinceCode()).isEqualTo(Integer.parseInt((String) mother.get("province_code")));
        assertThat(child.get("full_name")).isEqualTo(posted.get("childFullName"));
        assertThat(child.get("birth_date").toString()).isEqualTo(posted.get("childBirthDate"));
        assertThat(child.get("household_id")).isEqualTo(mother.get("household_id"));
        assertThat(householdSize((Long) mother.get("household_id"))).isEqualTo(householdSize + 1);
        String expectedRelation = List.of("Chủ hộ", "Vợ", "Chồng").contains((String) mother.get("relation_to_head"))
                ? "Con" : "Cháu";
        assertThat(child.get("relation_to_head")).isEqualTo(expectedRelation);
        assertThat(links(childId)).containsEntry("MOTHER", motherId).containsEntry("FATHER", fatherId)
                .doesNotContainKey("SPOUSE");
    }

    private Map<String, String> birthAnswers(String province, String commune) {
        Map<String, String> answers = new HashMap<>();
        answers.put("phone", "0912345678");
        answers.put("childFullName", "Hồ Thị Thử Nghiệm");
        answers.put("childSex", "F");
        answers.put("childBirthDate", TODAY.minusDays(10).toString());
        answers.put("childPlaceOfBirth", "Bệnh viện Phụ sản Trung ương, Hà Nội");
        answers.put("childEthnicity", "Kinh");
        answers.put("childNationality", "Việt Nam");
        answers.put("childHomeTown", "Hà Nội");
        answers.put("birthCertificateNumber", "1234/GCS");
        answers.put("birthCertificateDate", TODAY.minusDays(9).toString());
        answers.put("registrationProvince", province);
        answers.put("registrationCommune", commune);
        return answers;
    }

    // ---------------------------------------------------------------- death registration

    @Test
    void theDeceasedIsPickedOnlyAmongTheFilersHouseholdAndCannotBePickedAgainAfterApproval() {
        ProcedureDefinition death = catalog.find("death-registration").orElseThrow();
        FormField deceasedField = death.field("deceased").orElseThrow();
        String filerId = freeAdultOfLargeHousehold(410);
        PortalUser filer = citizen(filerId, 2);
        List<String> members = jdbc.sql("""
                        select m.id_number from population.person m join population.person p on p.household_id = m.household_id
                        where p.id_number = ? and m.id_number <> p.id_number and m.date_of_death is null""")
                .param(filerId).query(String.class).list().stream().map(String::strip).toList();
        String outsider = jdbc.sql("""
                        select o.id_number from population.person o join population.person p on p.id_number = ?
                        where o.household_id <> p.household_id and o.date_of_death is null
                        order by o.id_number offset 420 limit 1""")
                .param(filerId).query(String.class).single();
        String deceased = oldestOtherMember(filerId);

        assertThat(members).hasSizeGreaterThanOrEqualTo(2);
        assertThat(filing.candidates(filer, deceasedField)).extracting(f -> f.person().idNumber().value())
                .containsExactlyInAnyOrderElementsOf(members).doesNotContain(outsider, filerId);

        Map<String, String> posted = deathAnswers(outsider);
        Filing.Outcome refused = filing.submit(filer, death, UUID.randomUUID(), posted);
        assertThat(refused).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) refused).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .contains(tuple("deceased", "validation.person"));
        assertThat(((Filing.Invalid) refused).form().values()).containsEntry("deceasedName", "");
        assertThat(submittedCount(filerId, "death-registration")).isZero();

        Dossier dossier = ((Filing.Submitted) filing.submit(filer, death, attachRequired(filer, death, UUID.randomUUID()),
                deathAnswers(deceased))).dossier();
        String deceasedName = jdbc.sql("select full_name from population.person where id_number = ?").param(deceased)
                .query(String.class).single();
        assertThat(dossier.answers()).containsEntry("deceased", deceased).containsEntry("deceasedName", deceasedName);
        String commune = permanent(filerId, "commune_code");
        assertThat(dossier.agencyId()).isEqualTo(agencyOfCommune("COMMUNE_PEOPLES_COMMITTEE", commune));
        dossier = decisions.decide(officer("ub." + commune + ".tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ub." + commune + ".xuly"), dossier.id(), "process", "", dossier.lockVersion());
        assertThat(dateOfDeath(deceased)).isNull();
        dossier = decisions.decide(officer("ub." + commune + ".lanhdao"), dossier.id(), "approve", "", dossier.lockVersion());
        assertThat(dossier.state()).isEqualTo("approved");

        assertThat(dateOfDeath(deceased)).isEqualTo(LocalDate.parse(posted.get("dateOfDeath")));
        assertThat(filing.candidates(filer, deceasedField)).extracting(f -> f.person().idNumber().value())
                .doesNotContain(deceased).isNotEmpty();
        Filing.Outcome again = filing.submit(filer, death, UUID.randomUUID(), deathAnswers(deceased));
        assertThat(again).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) again).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .contains(tuple("deceased", "validation.person"));
        assertThat(submittedCount(filerId, "death-registration")).isEqualTo(1);
    }

    /** The death registration's answers the citizen types, for the death group too. */
    static Map<String, String> deathAnswers(String deceased) {
        Map<String, String> answers = new HashMap<>();
        answers.put("relationToDeceased", "RELATIVE");
        answers.put("phone", "0912345678");
        answers.put("deceased", deceased);
        answers.put("dateOfDeath", TODAY.minusDays(3).toString());
        answers.put("timeOfDeath", "14:30");
        answers.put("placeOfDeath", "Tại nhà");
        answers.put("causeOfDeath", "Tuổi cao");
        answers.put("deathNoticeNumber", "55/GBT");
        answers.put("deathNoticeDate", TODAY.minusDays(2).toString());
        answers.put("deathNoticeIssuer", "Trạm y tế phường");
        return answers;
    }

    // ---------------------------------------------------------------- notification of stay

    @Test
    void theHostTypesTheGuestsNumberTheNameIsLookedUpAndTheNotificationIsRecordedWithoutAnOfficer() {
        ProcedureDefinition stay = catalog.find("notification-of-stay").orElseThrow();
        String hostId = handOut("""
                        select p.id_number from population.person p
                        where p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and """ + FREE + " order by p.id_number", 430);
        PortalUser host = citizen(hostId, 2);
        Map<String, Object> guest = jdbc.sql("""
                        select o.id_number, o.full_name, o.birth_date from population.person o join population.person p on p.id_number = ?
                        where o.household_id <> p.household_id and o.date_of_death is null and right(o.id_number, 1) <> '7'
                        order by o.id_number offset 440 limit 1""")
                .param(hostId).query().singleRow();
        String guestId = ((String) guest.get("id_number")).strip();
        String unknown = unknownIdNumber();

        Map<String, String> posted = stayAnswers(guestId);
        posted.put("guestName_1", "Tên Tự Đặt");
        Filing.FormState looked = ((Filing.Saved) filing.save(host, stay, UUID.randomUUID(), posted)).form();
        // Only the name is shown for a typed number: nobody reads the register by guessing numbers.
        assertThat(looked.values()).containsEntry("guestName_1", (String) guest.get("full_name"))
                .doesNotContainValue(guest.get("birth_date").toString());
        assertThat(looked.prefilled()).contains("guestName_1");

        Filing.Outcome refused = filing.submit(host, stay, looked.formId(), stayAnswers(unknown));
        assertThat(refused).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) refused).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .contains(tuple("guest_1", "validation.personUnknown"));
        assertThat(((Filing.Invalid) refused).form().values()).containsEntry("guestName_1", "");
        assertThat(submittedCount(hostId, "notification-of-stay")).isZero();

        Dossier dossier = ((Filing.Submitted) filing.submit(host, stay, looked.formId(), posted)).dossier();
        assertThat(stay.workflow().state(dossier.state()).orElseThrow().terminal()).isTrue();
        assertThat(dossier.state()).isEqualTo("completed");
        assertThat(dossier.statusCode()).isEqualTo(stay.workflow().statusOf("completed")).isEqualTo(9);
        assertThat(dossier.closedAt()).isNotNull();
        assertThat(dossier.answers()).containsEntry("guestName_1", (String) guest.get("full_name"));
        List<DossierEvent> timeline = dossiers.timeline(dossier);
        assertThat(timeline).extracting(DossierEvent::event).containsExactly("submit", "acknowledge", "close");
        assertThat(timeline).extracting(DossierEvent::actorKind).containsExactly("CITIZEN", "SYSTEM", "SYSTEM");

        String commune = permanent(hostId, "commune_code");
        assertThat(dossier.agencyId()).isEqualTo(agencyOfCommune("COMMUNE_POLICE", commune));
        for (String role : List.of("tiepnhan", "xuly", "lanhdao")) {
            assertThat(dossiers.actionsFor(officer("ca." + commune + "." + role), dossier)).isEmpty();
        }
        assertThat(jdbc.sql("select id_number from population.person_document where dossier_id = ? and kind = 'STAY_NOTIFICATION'")
                .param(dossier.id()).query(String.class).list()).extracting(String::strip).containsExactly(guestId);
    }

    /**
     * A number typed in a person field shows someone else's name: the look is audited once, with the citizen, the
     * person and the field, when the number enters the form; saving, opening and checking it again is not a new look,
     * and a number that shows no name leaves nothing.
     */
    @Test
    void theLookUpOfTheGuestsNameByNumberIsAuditedOnceWithTheHostAndTheGuest() throws Exception {
        PortalUser host = citizen(freeAdult(2260), 2);
        Map<String, Object> guest = jdbc.sql("""
                        select o.id_number, o.full_name from population.person o join population.person p on p.id_number = ?
                        where o.household_id <> p.household_id and o.date_of_death is null
                        order by o.id_number offset 450 limit 1""")
                .param(host.subject()).query().singleRow();
        String guestId = ((String) guest.get("id_number")).strip();
        String apply = "/procedures/notification-of-stay/apply";
        String formId = UUID.randomUUID().toString();

        mvc.perform(post(apply).param("formId", formId).param("step", "guestSection").param("action", "save")
                        .param("guest_1", unknownIdNumber()).param("guestRelation_1", "OTHER")
                        .with(csrf()).with(authentication(login(host))))
                .andExpect(status().isOk());
        assertThat(lookUps(host)).as("no name was shown").isEmpty();

        mvc.perform(post(apply).param("formId", formId).param("step", "guestSection").param("action", "next")
                        .param("guest_1", guestId).param("guestRelation_1", "OTHER")
                        .with(csrf()).with(authentication(login(host))))
                .andExpect(status().is3xxRedirection());
        String page = mvc.perform(get(apply).param("step", "guestSection").with(authentication(login(host))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains((String) guest.get("full_name"));
        List<Map<String, Object>> audited = lookUps(host);
        assertThat(audited).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("actor", host.subject()).containsEntry("subject_type", "person")
                    .containsEntry("subject_id", guestId).containsEntry("procedure", "notification-of-stay")
                    .containsEntry("field", "guest_1");
        });

        // The same number again: saved in the background, saved by hand, the form and its review opened.
        mvc.perform(post(apply).param("formId", formId).param("step", "guestSection").param("action", "autosave")
                        .param("guest_1", guestId).param("guestRelation_1", "OTHER")
                        .with(csrf()).with(authentication(login(host))))
                .andExpect(status().isNoContent());
        mvc.perform(post(apply).param("formId", formId).param("step", "guestSection").param("action", "save")
                        .param("guest_1", guestId).param("guestRelation_1", "OTHER")
                        .with(csrf()).with(authentication(login(host))))
                .andExpect(status().isOk());
        mvc.perform(get(apply).with(authentication(login(host)))).andExpect(status().isOk());
        mvc.perform(get(apply).param("step", "review").with(authentication(login(host)))).andExpect(status().isOk());
        assertThat(lookUps(host)).isEqualTo(audited);
    }

    /**
     * A supplement that names another head of the new household looks that person up: audited like in the form. (Not
     * in Hoàn Kiếm: the dossier stays open, and the browser tests find theirs on Hoàn Kiếm's first queue page.)
     */
    @Test
    void aPersonTypedAnewInASupplementIsAuditedToo() {
        ProcedureDefinition residence = catalog.find("permanent-residence").orElseThrow();
        PortalUser citizen = citizen(freeAdult(2261), 2);
        List<String> heads = jdbc.sql("""
                        select o.id_number from population.person o join population.person p on p.id_number = ?
                        where o.household_id <> p.household_id and o.date_of_death is null
                        order by o.id_number offset 460 limit 2""")
                .param(citizen.subject()).query(String.class).list().stream().map(String::strip).toList();
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678", "newProvince", "01",
                "newCommune", "00312", "newAddressDetail", "Số 3, phố Hàng Bạc", "basis", "OTHERS_HOME",
                "request", "Đăng ký thường trú vào nhà của người thân", "relationToNewHead", "cháu", "ownerConsent", "true"));
        answers.put("newHead", heads.get(0));
        answers.put(Filing.confirmationOf("newHead"), heads.get(0));
        Filing.Outcome submitted = filing.submit(citizen, residence, UUID.randomUUID(), answers);
        Dossier dossier = feePaid(citizen, ((Filing.Submitted) submitted).dossier());
        dossier = decisions.decide(officer("ca.00312.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ca.00312.xuly"), dossier.id(), "request-supplement", "Chủ hộ khác",
                dossier.lockVersion());

        Map<String, String> corrected = new HashMap<>(dossier.answers());
        corrected.put("newHead", heads.get(1));
        assertThat(supplementation.send(citizen, dossier.id(), corrected, "", dossier.lockVersion()))
                .isInstanceOf(Filing.Submitted.class);

        assertThat(lookUps(citizen)).extracting(e -> e.get("subject_id"), e -> e.get("field"))
                .containsExactly(tuple(heads.get(0), "newHead"), tuple(heads.get(1), "newHead"));
    }

    private List<Map<String, Object>> lookUps(PortalUser citizen) {
        return jdbc.sql("""
                        select id, actor, subject_type, subject_id, details ->> 'procedure' as procedure,
                               details ->> 'field' as field
                        from audit_log where action = 'person.looked-up' and actor = ? order by id""")
                .param(citizen.subject()).query().listOfRows();
    }

    private static Map<String, String> stayAnswers(String guest) {
        Map<String, String> answers = new HashMap<>();
        answers.put("hostKind", "PERSON");
        answers.put("phone", "0912345678");
        answers.put("guest_1", guest);
        answers.put(Filing.confirmationOf("guest_1"), guest);   // the form showed the guest's name
        answers.put("guestRelation_1", "OTHER");
        answers.put("arrivalDate", TODAY.toString());
        answers.put("stayUntil", TODAY.plusDays(3).toString());
        return answers;
    }

    /** A well-formed number nobody in the register has. */
    private String unknownIdNumber() {
        for (int serial = 999_999; ; serial--) {
            String candidate = IdNumber.issue(1, LocalDate.of(1999, 5, 5), Sex.M, serial).value();
            if (jdbc.sql("select count(*) from population.person where id_number = ?").param(candidate)
                    .query(Long.class).single() == 0) {
                return candidate;
            }
        }
    }

    // ---------------------------------------------------------------- passport

    @Test
    void thePassportSectionForChildrenUnder14AppliesOnlyWhenTheSubjectIsAChildUnder14() {
        ProcedureDefinition passport = catalog.find("passport").orElseThrow();
        Map<String, Object> pair = jdbc.sql("""
                        select p.id_number as parent, p.sex, c.id_number as child, c.full_name as child_name
                        from population.person p
                        join population.family_link l on l.related_id_number = p.id_number and l.relation in ('FATHER', 'MOTHER')
                        join population.person c on c.id_number = l.id_number
                        where c.birth_date > current_date - interval '13 years' and c.date_of_death is null
                          and p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and """ + FREE + " order by p.id_number, c.id_number offset 400 limit 1")
                .query().singleRow();
        String parentId = ((String) pair.get("parent")).strip();
        String childId = ((String) pair.get("child")).strip();
        PortalUser parent = citizen(parentId, 2);
        String spouseName = jdbc.sql("""
                        select s.full_name from population.family_link l join population.person s on s.id_number = l.related_id_number
                        where l.id_number = ? and l.relation = 'SPOUSE'""").param(parentId).query(String.class)
                .optional().orElse("");

        assertThat(filing.candidates(parent, passport.field("subject").orElseThrow()))
                .extracting(f -> f.person().idNumber().value()).contains(parentId, childId);

        // For themselves (an adult): the children's section does not apply and what was posted for it is cleared.
        Map<String, String> self = passportAnswers(parentId);
        self.put("representativeRelation", "GUARDIAN");
        self.put("otherParentName", "Người Nào Đó");
        Filing.FormState selfForm = ((Filing.Saved) filing.save(parent, passport, UUID.randomUUID(), self)).form();
        assertThat(selfForm.sections()).contains("applicant", "passportHolder", "adult", "request")
                .doesNotContain("child", "postalAddress");
        assertThat(selfForm.values()).containsEntry("representativeRelation", "").containsEntry("otherParentName", "")
                .containsEntry("subjectName", parent.displayName());
        Dossier own = ((Filing.Submitted) filing.submit(parent, passport, attachRequired(parent, passport, selfForm.formId()), self)).dossier();
        // A section that does not apply leaves no answer in the dossier, not even an empty one.
        assertThat(own.answers()).doesNotContainKey("representativeRelation").containsEntry("subjectIdNumber", parentId);

        // For a child under 14: the section applies and its required field is checked.
        Map<String, String> forChild = passportAnswers(childId);
        Filing.Outcome missing = filing.submit(parent, passport, attachRequired(parent, passport, UUID.randomUUID()), forChild);
        assertThat(missing).isInstanceOf(Filing.Invalid.class);
        Filing.Invalid invalid = (Filing.Invalid) missing;
        assertThat(invalid.form().sections()).contains("child").doesNotContain("adult");   // TK01a, not TK01
        assertThat(invalid.form().values()).containsEntry("subjectName", (String) pair.get("child_name"))
                .containsEntry("otherParentName", spouseName);
        assertThat(invalid.problems()).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(tuple("representativeRelation", "validation.required"));

        forChild.put("representativeRelation", "UNCLE");
        assertThat(((Filing.Invalid) filing.submit(parent, passport, invalid.form().formId(), forChild)).problems())
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(tuple("representativeRelation", "validation.option"));

        String relation = "M".equals(pair.get("sex")) ? "FATHER" : "MOTHER";
        forChild.put("representativeRelation", relation);
        Dossier childs = ((Filing.Submitted) filing.submit(parent, passport, invalid.form().formId(), forChild)).dossier();
        assertThat(childs.answers()).containsEntry("representativeRelation", relation)
                .containsEntry("subject", childId).containsEntry("subjectIdNumber", childId);
        assertThat(childs.id()).isNotEqualTo(own.id());
    }

    @Test
    void thePassportSubjectMustBeTheFilerOrTheirChild() {
        ProcedureDefinition passport = catalog.find("passport").orElseThrow();
        String filerId = handOut("""
                        select p.id_number from population.person p
                        where p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and exists (select 1 from population.family_link s where s.id_number = p.id_number and s.relation = 'SPOUSE')
                          and """ + FREE + " order by p.id_number", 450);
        String spouseId = jdbc.sql("select related_id_number from population.family_link where id_number = ? and relation = 'SPOUSE'")
                .param(filerId).query(String.class).single();
        Filing.Outcome outcome = filing.submit(citizen(filerId, 2), passport, UUID.randomUUID(), passportAnswers(spouseId));
        assertThat(outcome).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) outcome).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .contains(tuple("subject", "validation.person"));
        assertThat(((Filing.Invalid) outcome).form().values()).containsEntry("subjectName", "");
    }

    private static Map<String, String> passportAnswers(String subject) {
        Map<String, String> answers = new HashMap<>();
        answers.put("phone", "0912345678");
        answers.put("subject", subject);
        answers.put("requestType", "FIRST");
        answers.put("resultDelivery", "AGENCY");
        return answers;
    }

    // ---------------------------------------------------------------- criminal record

    @Test
    void repeatedPastResidencesAreKeptRowByRow() {
        ProcedureDefinition record = catalog.find("criminal-record-certificate").orElseThrow();
        PortalUser filer = citizen(freeAdult(460), 2);
        Map<String, String> posted = criminalRecordAnswers();
        String[] provinces = {"01", "79", "48"};
        for (int row = 1; row <= 3; row++) {
            posted.put("pastProvince_" + row, provinces[row - 1]);
            posted.put("pastPeriod_" + row, (2000 + row) + " - " + (2001 + row));
            posted.put("pastAddress_" + row, "Số " + row + ", phố Thử Nghiệm");
        }
        posted.put("pastProvince_4", "31");
        posted.put("pastProvince", "31");
        Dossier dossier = ((Filing.Submitted) filing.submit(filer, record, UUID.randomUUID(), posted)).dossier();
        for (int row = 1; row <= 3; row++) {
            assertThat(dossier.answers()).containsEntry("pastProvince_" + row, provinces[row - 1])
                    .containsEntry("pastPeriod_" + row, (2000 + row) + " - " + (2001 + row))
                    .containsEntry("pastAddress_" + row, "Số " + row + ", phố Thử Nghiệm");
        }
        assertThat(dossier.answers()).doesNotContainKeys("pastProvince_4", "pastProvince");

        // A later row is still checked when it is filled.
        Map<String, String> badThirdRow = criminalRecordAnswers();
        badThirdRow.put("pastProvince_3", "999");
        Filing.Outcome outcome = filing.submit(filer, record, UUID.randomUUID(), badThirdRow);
        assertThat(((Filing.Invalid) outcome).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(tuple("pastProvince_3", "validation.province"));
    }

    /**
     * The definition's repeated fields are all optional, so the rule "required applies to the first row only" is
     * checked on the same definition with its repeated fields made required.
     */
    @Test
    void inARepeatedSectionOnlyTheFirstRowIsRequired() {
        ProcedureDefinition record = withRequiredRepeatedFields(catalog.find("criminal-record-certificate").orElseThrow());
        PortalUser filer = citizen(freeAdult(470), 2);

        Filing.Outcome empty = filing.submit(filer, record, UUID.randomUUID(), criminalRecordAnswers());
        assertThat(((Filing.Invalid) empty).problems()).filteredOn(p -> p.field().startsWith("past"))
                .extracting(FieldProblem::field, FieldProblem::code).containsExactlyInAnyOrder(
                        tuple("pastProvince_1", "validation.required"),
                        tuple("pastPeriod_1", "validation.required"),
                        tuple("pastAddress_1", "validation.required"));

        Map<String, String> firstRowOnly = criminalRecordAnswers();
        firstRowOnly.put("pastProvince_1", "01");
        firstRowOnly.put("pastPeriod_1", "2010 - 2015");
        firstRowOnly.put("pastAddress_1", "Số 1, phố Thử Nghiệm");
        Dossier dossier = ((Filing.Submitted) filing.submit(filer, record, UUID.randomUUID(), firstRowOnly)).dossier();
        // Rows left empty are not stored: the dossier holds the row that was filled in.
        assertThat(dossier.answers()).containsEntry("pastProvince_1", "01").doesNotContainKeys("pastProvince_2",
                "pastAddress_3");
    }

    private static ProcedureDefinition withRequiredRepeatedFields(ProcedureDefinition d) {
        List<FormSection> sections = d.sections().stream().map(s -> s.repeat() <= 1 ? s
                : new FormSection(s.id(), s.title(), s.repeat(), s.minRows(), s.when(), s.fields().stream()
                        .map(f -> new FormField(f.id(), f.type(), f.label(), f.help(), true, f.maxLength(), f.pattern(),
                                f.patternMessage(), f.prefill(), f.editable(), f.options(), f.provinceField(),
                                f.notBefore(), f.notAfter(), f.after(), f.maxYearsAfter(), f.min(), f.max(), f.relation(),
                                f.officersOnly(), f.maxDaysAhead(), f.notBeforeBirthOf(), f.showRepeats()))
                        .toList()))
                .toList();
        assertThat(sections).anyMatch(s -> s.repeat() == 3 && s.fields().stream().allMatch(FormField::required));
        return new ProcedureDefinition(d.code(), d.nationalCode(), d.version(), d.name(), d.summary(), d.lifeEvent(),
                d.filers(), d.routing(), d.deadline(), d.fees(), d.eidLevel(), d.documents(), sections, d.workflow(),
                d.writeBack(), d.result(), d.steps(), d.source());
    }

    private static Map<String, String> criminalRecordAnswers() {
        Map<String, String> answers = new HashMap<>();
        answers.put("phone", "0912345678");
        answers.put("certificateType", "NO2");
        answers.put("purpose", "Bổ sung hồ sơ xin việc");
        answers.put("copies", "2");
        return answers;
    }

    // ---------------------------------------------------------------- helpers

    private List<String> documentsOf(Dossier dossier, String kind) {
        return jdbc.sql("select id_number from population.person_document where dossier_id = ? and kind = ?")
                .params(dossier.id(), kind).query(String.class).list().stream().map(String::strip).toList();
    }

    private long householdSize(long householdId) {
        return jdbc.sql("select count(*) from population.person where household_id = ?").param(householdId)
                .query(Long.class).single();
    }

    private LocalDate dateOfDeath(String idNumber) {
        return jdbc.sql("select date_of_death from population.person where id_number = ?").param(idNumber)
                .query(LocalDate.class).list().get(0);
    }

    private long submittedCount(String idNumber, String procedure) {
        return jdbc.sql("select count(*) from dossier where applicant_id_number = ? and procedure_code = ? and state <> 'draft'")
                .params(idNumber, procedure).query(Long.class).single();
    }
}
