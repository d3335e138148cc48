package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.devstack.TestClock;

/**
 * A host on a phone notifies two guests after 23:00 of their arrival day: the pages fit 360 px and pass axe, the
 * review page says the notification is late before it is sent, and the receipt shows it was filed late.
 */
class NotificationOfStayBrowserTest extends BrowserJourney {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    TestClock clock;

    @Override
    String windowSize() {
        return "360,740";
    }

    @Test
    void aHostNotifiesTwoGuestsAfter23OnAPhoneAndIsToldItIsLateBeforeSending() {
        String hostId = handOut("""
                        select p.id_number from population.person p
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        where r.commune_code <> '00308'
                          and p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and """ + FREE + " order by p.id_number", 3300);
        String head = freeHeadOfHousehold(2, 60);
        List<String> guests = List.of(head, livingHouseholdMembers(head).get(0));
        LocalDate arrival = LocalDate.now(VIETNAM).minusDays(1);

        browser.open(portal("/procedures/notification-of-stay/apply"));
        logIn(hostId);   // with the real time: the e-ID's token is checked against it
        try {
            clock.stopAt(arrival.atTime(23, 0, 30).atZone(VIETNAM).toInstant());
            browser.select("#field-hostKind", "PERSON");
            browser.type("#field-phone", "0912345678");
            browser.click("#next-step");
            assertThat(browser.find("#field-stayCommune").getAttribute("readonly")).as("the host may change it").isNull();
            assertThat(browser.sidewaysOverflow()).isEmpty();
            browser.click("#next-step");
            for (int row = 1; row <= 2; row++) {
                browser.type("#field-guest_" + row, guests.get(row - 1));
                browser.select("#field-guestRelation_" + row, "OTHER_RELATIVE");
            }
            browser.click("#next-step");
            browser.setValue("#field-arrivalDate", arrival.toString());
            browser.setValue("#field-stayUntil", arrival.plusDays(2).toString());
            browser.click("#next-step");
            browser.click("#next-step");   // the papers: the guest's ID paper is shown to the host, not uploaded

            assertThat(browser.text("#late-filing")).contains("Bạn đang nộp sau thời hạn",
                    "trước 23:00 ngày " + arrival.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
            assertThat(browser.sidewaysOverflow()).isEmpty();
            browser.click("#submit-dossier");
            assertThat(browser.text("#filed-late")).contains("Nộp muộn");
            assertThat(browser.sidewaysOverflow()).isEmpty();
        } finally {
            clock.run();
        }
    }
}
