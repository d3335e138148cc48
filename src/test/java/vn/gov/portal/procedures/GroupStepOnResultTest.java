package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * In an interconnected group the next agency works from the previous step's result as soon as it exists (the birth
 * extract once the birth is registered, Decree 63/2024), not once its paper is handed over: the whole birth group has
 * three working days. The citizen is still handed each step's result afterwards, and handing it over files nothing
 * again; a step refused after that still stops the group.
 */
class GroupStepOnResultTest extends PortalIntegrationTest {

    private static final List<List<String>> TO_DECISION = List.of(List.of("receive", "RECEIVER"),
            List.of("process", "HANDLER"), List.of("approve", "APPROVER"));

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    Dossiers dossiers;

    @Test
    void theResidenceStepStartsWhenTheBirthIsRegisteredAndTheExtractIsStillHandedOver() {
        String mother = freeMarriedWoman(105);
        PortalUser citizen = citizen(mother, 2);
        Dossier group = file(citizen, "birth-residence-health-insurance", birthAnswers(mother));
        Dossier birth = decide(dossiers.steps(group).get(0), TO_DECISION);
        assertThat(birth.state()).isEqualTo("approved");

        group = dossiers.forCitizen(citizen, group.id());
        List<Dossier> steps = dossiers.steps(group);
        assertThat(steps).extracting(Dossier::procedureCode)
                .containsExactly("birth-registration", "newborn-permanent-residence");
        String child = dossiers.forCitizen(citizen, birth.id()).answers().get("childIdNumber");
        assertThat(child).as("the birth step's write-back numbered the child").isNotBlank();
        assertThat(steps.get(1).answers()).containsEntry("child", child);
        assertThat(group.statusCode()).as("the group goes on to the residence step").isEqualTo(4);

        // The extract is handed over afterwards: the birth step ends, and nothing is filed a second time.
        birth = decide(birth, List.of(List.of("return-result", "RECEIVER")));
        assertThat(birth.statusCode()).isEqualTo(10);
        assertThat(dossiers.steps(group)).hasSize(2);
        assertThat(dossiers.forCitizen(citizen, group.id()).statusCode()).isEqualTo(4);

        // A later step refused still stops the group; the birth's result stands.
        Dossier residence = dossiers.steps(group).get(1);
        decisions.decide(officer(staffWith(residence, "RECEIVER")), residence.id(), "refuse",
                "Thiếu văn bản đồng ý của chủ hộ", residence.lockVersion());
        group = dossiers.forCitizen(citizen, group.id());
        assertThat(group.statusCode()).isEqualTo(8);
        assertThat(dossiers.steps(group)).extracting(Dossier::procedureCode, Dossier::statusCode).containsExactly(
                tuple("birth-registration", 10), tuple("newborn-permanent-residence", 3));
    }

    @Test
    void theDeathGroupCompletesWhenItsLastStepIsDecidedAndEachResultIsHandedOverAfter() {
        String filerId = freeAdultOfLargeHousehold(570);
        PortalUser citizen = citizen(filerId, 2);
        Dossier group = file(citizen, "death-residence-funeral-allowance",
                new HashMap<>(PrefillRelationsTest.deathAnswers(oldestOtherMember(filerId))));

        Dossier death = decide(dossiers.steps(group).get(0), TO_DECISION);
        assertThat(dossiers.steps(group)).extracting(Dossier::procedureCode)
                .containsExactly("death-registration", "residence-deregistration");
        Dossier deregistration = decide(dossiers.steps(group).get(1), TO_DECISION);
        group = dossiers.forCitizen(citizen, group.id());
        assertThat(group.state()).as("no allowance claimed: the group is done once both are decided")
                .isEqualTo("completed");
        assertThat(group.statusCode()).isEqualTo(9);

        decide(death, List.of(List.of("return-result", "RECEIVER")));
        decide(deregistration, List.of(List.of("return-result", "RECEIVER")));
        group = dossiers.forCitizen(citizen, group.id());
        assertThat(group.state()).isEqualTo("completed");
        assertThat(dossiers.steps(group)).extracting(Dossier::procedureCode, Dossier::statusCode).containsExactly(
                tuple("death-registration", 10), tuple("residence-deregistration", 10));
    }

    private Dossier decide(Dossier step, List<List<String>> moves) {
        for (List<String> move : moves) {
            step = decisions.decide(officer(staffWith(step, move.get(1))), step.id(), move.get(0), "",
                    step.lockVersion());
        }
        return step;
    }

    private Dossier file(PortalUser citizen, String code, Map<String, String> answers) {
        ProcedureDefinition group = catalog.find(code).orElseThrow();
        Filing.Outcome outcome = filing.submit(citizen, group, attachRequired(citizen, group, UUID.randomUUID()), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        return ((Filing.Submitted) outcome).dossier();
    }

    private Map<String, String> birthAnswers(String mother) {
        LocalDate born = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(3);
        Map<String, String> answers = new HashMap<>(Map.of("filerIs", "MOTHER", "childFullName", "Trần Minh Khang",
                "childSex", "M", "childBirthDate", born.toString(), "childPlaceOfBirth", "Bệnh viện tỉnh",
                "childEthnicity", "Kinh", "childNationality", "Việt Nam", "childHomeTown", "Hà Nội",
                "birthCertificateNumber", "GCS-7"));
        answers.putAll(Map.of("birthCertificateDate", born.toString(),
                "registrationProvince", permanent(mother, "province_code"),
                "registrationCommune", permanent(mother, "commune_code"), "phone", "0912345678"));
        return answers;
    }
}
