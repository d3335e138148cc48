package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The whole slice in a real browser through the real login pages of the built-in e-ID provider: a citizen files a
 * temporary residence registration for themselves and a household member, ticking the owner's consent, the police of
 * the new address receive, process and approve it, an officer of another agency cannot open it, and the citizen sees
 * the result; both people have the temporary residence in the register.
 */
class TemporaryResidenceBrowserTest extends BrowserJourney {

    @Test
    void aCitizenFilesAndThePoliceOfTheNewAddressApprove() {
        // An adult of Phường Ba Đình with someone else living in their household, to register along.
        String idNumber = handOut("""
                        select p.id_number from population.person p join population.household h on h.id = p.household_id
                        where h.commune_code = '00304' and p.birth_date < date '2006-01-01'
                          and exists (select 1 from population.person m where m.household_id = p.household_id
                                      and m.id_number <> p.id_number and m.date_of_death is null)
                          and """ + FREE + " order by p.id_number", 50);
        String member = livingHouseholdMembers(idNumber).get(0);
        String memberName = jdbc.sql("select full_name from population.person where id_number = ?").param(member)
                .query(String.class).single();
        String name = jdbc.sql("select full_name from population.person where id_number = ?").param(idNumber)
                .query(String.class).single();

        browser.open(portal("/"));
        assertThat(browser.page()).contains("Đăng ký tạm trú");
        browser.click("#login-link");
        browser.click("#login-citizen");
        logIn(idNumber);

        // The HTTP session lives in PostgreSQL (Spring Session JDBC), so any portal instance can serve the next request.
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?").param(idNumber)
                .query(Long.class).single()).isPositive();

        browser.click("#apply-temporary-residence");
        assertThat(browser.find("#field-fullName").getAttribute("value")).isEqualTo(name);
        assertThat(browser.find("#field-fullName").getAttribute("readonly")).isNotNull();
        assertThat(browser.find("#field-idNumber").getAttribute("value")).isEqualTo(idNumber);
        assertThat(browser.page()).contains("Từ CSDL quốc gia về dân cư");

        // One section per page, with the progress shown.
        browser.waitForText("#step-count", "Bước 1/5");   // the next page, once loaded
        browser.type("#field-phone", "0912345678");
        browser.click("#next-step");

        // A mistake: no address and no consent, so the error summary lists them and the citizen stays on this page.
        browser.waitForText("#step-count", "Bước 2/5");   // the next page, once loaded
        browser.click("#next-step");
        assertThat(browser.text("#error-summary")).contains("Số nhà", "đã đồng ý cho đăng ký tạm trú tại chỗ ở này");
        // The summary takes the focus, shown with the portal's dark outline (a yellow one is too faint on white).
        assertThat(browser.driver.executeScript("return document.activeElement.id")).isEqualTo("error-summary");
        assertThat(browser.driver.executeScript("return getComputedStyle(document.activeElement).outlineColor"))
                .isEqualTo("rgb(27, 27, 27)");
        assertThat(browser.find("#field-ownerConsent").isSelected()).isFalse();

        browser.select("#field-newProvince", "01");
        browser.select("#field-newCommune", "00308");
        browser.type("#field-newAddressDetail", "Số 5, phố Hàng Bạc");
        browser.setValue("#field-periodFrom", LocalDate.now().plusDays(2).toString());
        browser.setValue("#field-periodTo", LocalDate.now().plusMonths(6).toString());
        browser.type("#field-reason", "Thuê nhà để đi làm");
        browser.click("#field-ownerConsent");   // the owner of the home has agreed
        assertThat(browser.find("#field-ownerConsent").isSelected()).isTrue();
        browser.screenshot("citizen-form");
        browser.click("#next-step");

        // Household members registering at the same time: picked from the register's list of the household.
        browser.waitForText("#step-count", "Bước 3/5");   // the next page, once loaded
        browser.select("#field-stayingMember_1", member);
        browser.type("#field-stayingMemberRelation_1", "Con");
        browser.click("#next-step");

        // The papers: none is required (the lawful home is checked in the databases, the consent is on the form).
        browser.waitForText("#step-count", "Bước 4/5");   // the next page, once loaded
        browser.click("#next-step");

        // Check your answers: everything on one page, each section with a link back to its page.
        assertThat(browser.text("#answer-newAddressDetail")).contains("Số 5, phố Hàng Bạc");
        assertThat(browser.text("#answer-phone")).contains("0912345678");
        assertThat(browser.text("#answer-ownerConsent")).contains("Có");
        assertThat(browser.text("#answer-stayingMemberName_1")).contains(memberName);
        assertThat(browser.text("#answer-stayingMemberRelation_1")).contains("Con");
        browser.click("#change-stay");
        assertThat(browser.find("#field-reason").getText()).isEqualTo("Thuê nhà để đi làm");
        assertThat(browser.find("#field-ownerConsent").isSelected()).isTrue();
        browser.click("#next-step");
        browser.click("#next-step");
        browser.click("#next-step");
        browser.click("#submit-dossier");

        browser.find("#submitted-panel");
        String receiptCode = browser.text("#receipt-code");
        assertThat(receiptCode).startsWith("CA.01.00308-");
        browser.click("#view-dossier");
        assertThat(browser.text("#receipt-code")).isEqualTo(receiptCode);
        browser.expectAttribute("#status", "data-status", "1");
        String dossierPath = browser.path();
        String dossierId = dossierPath.substring(dossierPath.lastIndexOf('/') + 1);
        logOut();

        String officerUrl = portal("/officer/dossiers/" + dossierId);
        browser.open(portal("/officer/queue"));
        logIn("ca.00308.tiepnhan");
        // Found as an officer finds it among the commune's many: by its receipt code (the suite's other tests fill the
        // queue's first page).
        browser.type("#search", receiptCode);
        browser.click("#filter-apply");
        assertThat(browser.find("#open-" + receiptCode.replace(".", "\\.")).getText()).isEqualTo(receiptCode);
        browser.click("#open-" + receiptCode.replace(".", "\\."));
        // The officer sees the consent and the member with the other answers.
        assertThat(browser.text("#answer-ownerConsent")).contains("Có");
        assertThat(browser.text("#answer-stayingMemberIdNumber_1")).contains(member);
        browser.screenshot("officer-dossier");
        browser.click("#action-receive");
        browser.expectAttribute("#status", "data-status", "2");
        logOut();

        decide("ca.00308.xuly", officerUrl, "process", 4);
        decide("ca.00308.lanhdao", officerUrl, "approve", 9);

        // Police of another commune: the dossier does not exist for them.
        browser.open(portal("/officer/queue"));
        logIn("ca.00304.tiepnhan");
        browser.open(officerUrl);
        assertThat(browser.text("main")).contains("Không tìm thấy").doesNotContain(receiptCode);
        logOut();

        browser.open(portal("/my/dossiers"));
        logIn(idNumber);
        browser.open(portal(dossierPath));
        browser.expectAttribute("#status", "data-status", "9");
        assertThat(browser.text("#timeline")).contains("Nộp hồ sơ", "Tiếp nhận", "Phê duyệt");
        browser.screenshot("citizen-dossier");

        for (String person : new String[] {idNumber, member}) {
            assertThat(jdbc.sql("select commune_code from population.residence where id_number = ? and kind = 'TEMPORARY'")
                    .param(person).query(String.class).single()).as(person).isEqualTo("00308");
        }
    }
}
