package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
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
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PersonFacts;
import vn.gov.portal.population.PrefillSources;

/**
 * The civil-status procedures record both parties (marriage) and both parents (a birth a relative registers) as the
 * law asks, from the register and for the officer's eyes only, since the filer typed those people's numbers; the birth
 * group's residence and card steps go where the child's household lives, not where the relative who filed lives.
 */
class CivilStatusPartiesTest extends PortalIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
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
    PrefillSources prefill;
    @Autowired
    MockMvc mvc;

    @Test
    void theMarriageRecordsThePartnersDetailsFromTheRegisterForTheOfficerOnly() throws Exception {
        PortalUser filer = citizen(freeSingle("M", 250), 2);
        PortalUser partner = citizen(freeSingle("F", 250), 2);
        PersonFacts registered = prefill.facts(partner.idNumber()).orElseThrow();
        ProcedureDefinition marriage = catalog.find("marriage-registration").orElseThrow();
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678", "partner", partner.subject(),
                Filing.confirmationOf("partner"), partner.subject(), "voluntaryDeclaration", "true",
                // forged: the register's values win
                "partnerBirthDate", "2001-01-01", "partnerAddress", "Địa chỉ giả mạo"));

        Dossier dossier = ((Filing.Submitted) filing.submit(filer, marriage, UUID.randomUUID(), answers)).dossier();

        assertThat(dossier.answers())
                .containsEntry("partnerBirthDate", registered.person().birthDate().toString())
                .containsEntry("partnerEthnicity", registered.person().ethnicity())
                .containsEntry("partnerNationality", registered.person().nationality())
                .containsEntry("partnerAddress", registered.permanentAddress())
                .containsEntry("partnerMaritalStatus", "Chưa kết hôn");
        assertThat(registered.permanentAddress()).isNotBlank();
        dossier = decisions.act(partner, dossier.id(), "confirm", "", dossier.lockVersion());

        // The filer typed a number: their pages never show what the register holds about that person.
        mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(filer))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("answer-partnerName")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("answer-partnerAddress"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString(registered.permanentAddress()))));
        mvc.perform(get("/officer/dossiers/" + dossier.id())
                        .with(authentication(login(officer(staffWith(dossier, "RECEIVER"))))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("answer-partnerAddress")))
                .andExpect(content().string(Matchers.containsString("answer-partnerMaritalStatus")));
    }

    @Test
    void aRelativeRegisteringABirthGivesTheParentsNumbersAndTheRegisterSuppliesTheirDetails() {
        Parents parents = parents(100);
        PortalUser relative = citizen(freeAdult(1110), 2);
        ProcedureDefinition birth = catalog.find("birth-registration").orElseThrow();
        UUID form = attachRequired(relative, birth, UUID.randomUUID());
        Map<String, String> answers = byRelative(parents);

        // Before the names are confirmed the form comes back: without the parents' details for the relative to read.
        Filing.Outcome unconfirmed = filing.submit(relative, birth, form, withoutConfirmations(answers));
        assertThat(unconfirmed).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) unconfirmed).form().values()).containsEntry("childMotherEthnicity", "")
                .containsEntry("childMotherAddress", "").containsEntry("childFatherBirthDate", "");

        Dossier dossier = ((Filing.Submitted) filing.submit(relative, birth, form, answers)).dossier();
        for (var parent : Map.of("childMother", parents.mother(), "childFather", parents.father()).entrySet()) {
            PersonFacts registered = prefill.facts(new IdNumber(parent.getValue())).orElseThrow();
            assertThat(dossier.answers())
                    .containsEntry(parent.getKey(), parent.getValue())
                    .containsEntry(parent.getKey() + "Name", registered.person().fullName())
                    .containsEntry(parent.getKey() + "BirthDate", registered.person().birthDate().toString())
                    .containsEntry(parent.getKey() + "Ethnicity", registered.person().ethnicity())
                    .containsEntry(parent.getKey() + "Nationality", registered.person().nationality())
                    .containsEntry(parent.getKey() + "Address", registered.permanentAddress());
        }

        for (List<String> move : HAPPY_PATH.subList(0, 3)) {
            dossier = decisions.decide(officer(staffWith(dossier, move.get(1))), dossier.id(), move.get(0), "",
                    dossier.lockVersion());
        }
        String child = childOf(parents.mother(), "Lê Thị Thân Thích");
        assertThat(links(child)).containsEntry("MOTHER", parents.mother()).containsEntry("FATHER", parents.father());
        assertThat(householdOf(child)).isEqualTo(householdOf(parents.mother()));
    }

    @Test
    void theBirthGroupFiledByARelativeSendsTheResidenceAndCardStepsWhereTheChildsHouseholdIs() {
        Parents parents = parents(110);
        String motherProvince = permanent(parents.mother(), "province_code");
        PortalUser relative = citizen(adultOutside(motherProvince, 120), 2);
        ProcedureDefinition group = catalog.find("birth-residence-health-insurance").orElseThrow();
        Filing.Outcome outcome = filing.submit(relative, group, attachRequired(relative, group, UUID.randomUUID()),
                byRelative(parents));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier filed = ((Filing.Submitted) outcome).dossier();
        String householdCommune = jdbc.sql("select commune_code from population.household where id = ?")
                .param(householdOf(parents.mother())).query(String.class).single();

        complete(dossiers.steps(filed).get(0));
        Dossier residence = dossiers.steps(dossiers.forCitizen(relative, filed.id())).get(1);
        assertThat(residence.procedureCode()).isEqualTo("newborn-permanent-residence");
        assertThat(residence.agencyId()).isEqualTo(agencyOfCommune("COMMUNE_POLICE", householdCommune))
                .isNotEqualTo(agencyOfCommune("COMMUNE_POLICE", permanent(relative.subject(), "commune_code")));

        complete(residence);
        Dossier card = dossiers.steps(dossiers.forCitizen(relative, filed.id())).get(2);
        assertThat(card.procedureCode()).isEqualTo("child-health-insurance");
        assertThat(card.agencyId()).isEqualTo(agencyOfProvince("SOCIAL_INSURANCE_OFFICE", motherProvince));
        complete(card);
        assertThat(dossiers.forCitizen(relative, filed.id()).statusCode()).isEqualTo(9);
    }

    private record Parents(String mother, String father) {}

    /** A free mother of child-bearing age whose husband the register records, with a permanent residence. */
    private Parents parents(int offset) {
        String mother = handOut("""
                        select p.id_number from population.person p
                        join population.family_link l on l.id_number = p.id_number and l.relation = 'SPOUSE'
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        where p.sex = 'F' and p.birth_date between current_date - interval '40 years' and current_date - interval '22 years'
                          and """ + FREE + " order by p.id_number", offset);
        String father = jdbc.sql("select related_id_number from population.family_link where id_number = ? and relation = 'SPOUSE'")
                .param(mother).query(String.class).single().strip();
        return new Parents(mother, father);
    }

    private Map<String, String> byRelative(Parents parents) {
        Map<String, String> answers = new HashMap<>(Map.of("filerIs", "OTHER", "relationToChild", "GRANDPARENT",
                "childMother", parents.mother(), Filing.confirmationOf("childMother"), parents.mother(),
                "childFather", parents.father(), Filing.confirmationOf("childFather"), parents.father(),
                "phone", "0912345678", "childFullName", "Lê Thị Thân Thích", "childSex", "F",
                "childBirthDate", TODAY.minusDays(4).toString()));
        answers.putAll(Map.of("childPlaceOfBirth", "Bệnh viện tỉnh", "childEthnicity", "Kinh",
                "childNationality", "Việt Nam", "childHomeTown", "Hà Nội", "birthCertificateNumber", "GCS-3110",
                "birthCertificateDate", TODAY.minusDays(3).toString(),
                "registrationProvince", permanent(parents.mother(), "province_code"),
                "registrationCommune", permanent(parents.mother(), "commune_code")));
        return answers;
    }

    private static Map<String, String> withoutConfirmations(Map<String, String> answers) {
        Map<String, String> without = new HashMap<>(answers);
        without.keySet().removeIf(key -> key.endsWith("Confirmed"));
        return without;
    }

    private void complete(Dossier step) {
        for (List<String> move : HAPPY_PATH) {
            step = decisions.decide(officer(staffWith(step, move.get(1))), step.id(), move.get(0), "",
                    step.lockVersion());
        }
        assertThat(step.statusCode()).isEqualTo(10);
    }

    private String adultOutside(String province, int offset) {
        return handOut("""
                        select p.id_number from population.person p
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        where r.province_code <> ?
                          and p.birth_date between current_date - interval '70 years' and current_date - interval '45 years'
                          and """ + FREE + " order by p.id_number", offset, province);
    }

    private String childOf(String mother, String name) {
        return jdbc.sql("""
                        select l.id_number from population.family_link l join population.person c on c.id_number = l.id_number
                        where l.relation = 'MOTHER' and l.related_id_number = ? and c.full_name = ?""")
                .params(mother, name).query(String.class).single().strip();
    }

    private Long householdOf(String idNumber) {
        return jdbc.sql("select household_id from population.person where id_number = ?").param(idNumber)
                .query(Long.class).single();
    }
}
