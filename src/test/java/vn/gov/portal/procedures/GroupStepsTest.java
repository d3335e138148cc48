package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/** A step of an interconnected group asks the citizen for more; the citizen answers from the group's page. */
class GroupStepsTest extends PortalIntegrationTest {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    Dossiers dossiers;
    @Autowired
    vn.gov.portal.catalog.ProcedureCatalog catalog;
    @Autowired
    MockMvc mvc;

    @Test
    void aStepCanRequestSupplementationAndTheCitizenAnswersItOnTheGroupPage() throws Exception {
        String mother = freeMarriedWoman(60);
        PortalUser citizen = citizen(mother, 2);
        String commune = permanent(mother, "commune_code");
        String province = permanent(mother, "province_code");
        LocalDate born = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(3);
        Map<String, String> answers = new HashMap<>(Map.of("filerIs", "MOTHER", "childFullName", "Trần Minh Khang",
                "childSex", "M", "childBirthDate", born.toString(), "childPlaceOfBirth", "Bệnh viện tỉnh",
                "childEthnicity", "Kinh", "childNationality", "Việt Nam", "childHomeTown", "Hà Nội",
                "birthCertificateNumber", "GCS-1"));
        answers.putAll(Map.of("birthCertificateDate", born.toString(), "registrationProvince", province,
                "registrationCommune", commune, "phone", "0912345678"));
        ProcedureDefinition groupDefinition = catalog.find("birth-residence-health-insurance").orElseThrow();
        Filing.Outcome outcome = filing.submit(citizen, groupDefinition,
                attachRequired(citizen, groupDefinition, UUID.randomUUID()), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier group = ((Filing.Submitted) outcome).dossier();
        Dossier step = dossiers.steps(group).get(0);

        step = decisions.decide(officer("ub." + commune + ".tiepnhan"), step.id(), "receive", "", step.lockVersion());
        step = decisions.decide(officer("ub." + commune + ".xuly"), step.id(), "request-supplement",
                "Bổ sung bản chụp giấy chứng sinh rõ nét", step.lockVersion());
        assertThat(step.statusCode()).isEqualTo(5);

        mvc.perform(get("/my/dossiers/" + group.id()).with(authentication(login(citizen))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("action-resubmit")));
        mvc.perform(post("/my/dossiers/" + step.id() + "/actions").with(csrf()).with(authentication(login(citizen)))
                        .param("event", "resubmit").param("note", "Đã bổ sung")
                        .param("lockVersion", String.valueOf(step.lockVersion())))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/my/dossiers/" + group.id()));
        var birthWorkflow = catalog.find("birth-registration").orElseThrow().workflow();
        String back = birthWorkflow.transition("supplementing", "resubmit").orElseThrow().to();
        assertThat(dossiers.forCitizen(citizen, step.id()).state()).isEqualTo(back);
        // The next agency has nothing yet: the birth step is still in process.
        assertThat(dossiers.steps(group)).hasSize(1);
    }
}
