package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Sex;

/**
 * The interconnected birth group in a real browser: a mother files once; the People's Committee registers the birth
 * and the child enters the register with a new ID number in her household; the police and the social insurance
 * office then take their steps, and the mother follows all three on one dossier.
 */
class BirthGroupBrowserTest extends BrowserJourney {

    private static final String GROUP = "birth-residence-health-insurance";

    @Autowired
    Dossiers dossiers;
    @Autowired
    Decisions decisions;

    @Test
    void aMotherFilesOnceAndTheChildEntersTheRegisterWithAnIdNumber() throws java.io.IOException {
        Map<String, Object> mother = jdbc.sql("""
                        select p.id_number, h.province_code, h.commune_code, s.full_name as spouse
                        from population.person p
                        join population.household h on h.id = p.household_id
                        join population.family_link l on l.id_number = p.id_number and l.relation = 'SPOUSE'
                        join population.person s on s.id_number = l.related_id_number
                        where p.sex = 'F' and p.date_of_death is null and right(p.id_number, 1) <> '7'
                          and p.birth_date between current_date - interval '38 years' and current_date - interval '22 years'
                        order by p.id_number offset 30 limit 1""").query().singleRow();
        String idNumber = (String) mother.get("id_number");
        String commune = (String) mother.get("commune_code");
        String province = (String) mother.get("province_code");

        browser.open(portal("/procedures/" + GROUP + "/apply"));
        logIn(idNumber);
        browser.select("#field-filerIs", "MOTHER");
        browser.click("#next-step");
        // The father's page now applies and comes from the spouse link of the register.
        assertThat(browser.find("#field-fatherName").getAttribute("value")).isEqualTo(mother.get("spouse"));
        assertThat(browser.find("#field-fatherName").getAttribute("readonly")).isNotNull();
        browser.click("#next-step");

        String birthDay = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(5).toString();
        browser.type("#field-childFullName", "Nguyễn Bảo An");
        browser.select("#field-childSex", "F");
        browser.setValue("#field-childBirthDate", birthDay);
        browser.type("#field-childPlaceOfBirth", "Bệnh viện Phụ sản Hà Nội");
        browser.type("#field-childEthnicity", "Kinh");
        browser.type("#field-childNationality", "Việt Nam");
        browser.type("#field-childHomeTown", "Hà Nội");
        browser.click("#next-step");
        browser.type("#field-birthCertificateNumber", "GCS-2026-001234");
        browser.setValue("#field-birthCertificateDate", birthDay);
        browser.click("#next-step");
        browser.select("#field-registrationProvince", province);
        browser.select("#field-registrationCommune", commune);
        browser.click("#next-step");
        // The hospital's birth certificate is the one paper the register cannot prove.
        java.nio.file.Path certificate = java.nio.file.Files.createTempFile("giay-chung-sinh", ".pdf");
        java.nio.file.Files.write(certificate, vn.gov.portal.attachment.TestFiles.pdf("Giấy chứng sinh"));
        browser.find("#field-attachment-birthCertificate").sendKeys(certificate.toString());
        browser.click("#upload-birthCertificate");
        browser.find("#field-attachment-birthCertificate-group .attachment-link");
        java.nio.file.Files.delete(certificate);
        browser.click("#next-step");
        assertThat(browser.text("#answer-childFullName")).contains("Nguyễn Bảo An");
        browser.click("#submit-dossier");

        browser.find("#submitted-panel");
        String receipt = browser.text("#receipt-code");
        browser.click("#view-dossier");
        browser.expectAttribute("#step-1", "data-status", "1");
        browser.expectAttribute("#step-2", "data-status", "waiting");
        String groupPath = browser.path();
        logOut();

        // Step 1: the People's Committee of the registration commune registers the birth.
        Dossier group = dossiers.forCitizen(citizen(idNumber, 2), java.util.UUID.fromString(
                groupPath.substring(groupPath.lastIndexOf('/') + 1)));
        Dossier birth = dossiers.steps(group).get(0);
        assertThat(birth.receiptCode()).isEqualTo(receipt + "-1");
        String birthUrl = portal("/officer/dossiers/" + birth.id());
        decide("ub." + commune + ".tiepnhan", birthUrl, "receive", 2);
        decide("ub." + commune + ".xuly", birthUrl, "process", 4);
        decide("ub." + commune + ".lanhdao", birthUrl, "approve", 9);
        decide("ub." + commune + ".tiepnhan", birthUrl, "return-result", 10);

        String child = jdbc.sql("""
                        select c.id_number from population.person c join population.family_link l on l.id_number = c.id_number
                        where l.relation = 'MOTHER' and l.related_id_number = ? and c.full_name = 'Nguyễn Bảo An'""")
                .param(idNumber).query(String.class).single();
        assertThat(new IdNumber(child).matches(LocalDate.parse(birthDay), Sex.F)).isTrue();
        assertThat(jdbc.sql("select count(*) from population.person c join population.person m on m.household_id = c.household_id where c.id_number = ? and m.id_number = ?")
                .params(child, idNumber).query(Long.class).single()).isEqualTo(1);

        // Steps 2 and 3 reached their agencies once the birth was registered, with the child's new number.
        Dossier residence = dossiers.steps(group).get(1);
        assertThat(residence.answers()).containsEntry("child", child);
        finish(residence, "ca." + commune);
        Dossier card = dossiers.steps(group).get(2);
        assertThat(card.answers()).containsEntry("child", child);
        finish(card, "bhxh." + province);

        browser.open(portal(groupPath));
        logIn(idNumber);
        browser.expectAttribute("#status", "data-status", "9");
        for (int step = 1; step <= 3; step++) {
            browser.expectAttribute("#step-" + step, "data-status", "10");
        }
        browser.screenshot("birth-group-citizen");
        assertThat(jdbc.sql("select kind from population.person_document where id_number = ? order by kind")
                .param(child).query(String.class).list())
                .containsExactly("BIRTH_CERTIFICATE", "HEALTH_INSURANCE_CARD");
        assertThat(permanent(child, "commune_code")).isEqualTo(commune);
    }

    /** A later step taken through the services by its agency's receiver, handler and approver. */
    private void finish(Dossier step, String agencyPrefix) {
        Dossier d = decisions.decide(officer(agencyPrefix + ".tiepnhan"), step.id(), "receive", "", step.lockVersion());
        d = decisions.decide(officer(agencyPrefix + ".xuly"), d.id(), "process", "", d.lockVersion());
        d = decisions.decide(officer(agencyPrefix + ".lanhdao"), d.id(), "approve", "", d.lockVersion());
        decisions.decide(officer(agencyPrefix + ".tiepnhan"), d.id(), "return-result", "", d.lockVersion());
    }
}
