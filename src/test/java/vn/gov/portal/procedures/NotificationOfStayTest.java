package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.devstack.TestClock;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.FieldProblem;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * Notification of stay (2.001159), version 2: a lodging business declares its guests, the stay may be at another place
 * than the host's residence, a family is notified at once, and the 23:00 rule of the arrival day. The hosts live outside
 * Phường Hoàn Kiếm, whose queue other tests count.
 */
class NotificationOfStayTest extends PortalIntegrationTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String APPLY = "/procedures/notification-of-stay/apply";

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Filing filing;
    @Autowired
    MockMvc mvc;
    @Autowired
    TestClock clock;

    private ProcedureDefinition stay() {
        return catalog.find("notification-of-stay").orElseThrow();
    }

    private static LocalDate today() {
        return LocalDate.now(VIETNAM);
    }

    // ---------------------------------------------------------------- the host

    @Test
    void aLodgingBusinessDeclaresItsGuestWithItsNameRegistrationNumberAndAddress() {
        PortalUser host = citizen(host(0), 2);
        String guest = guestOutside(host, 0);
        Map<String, String> answers = answers(today(), guest);
        answers.put("hostKind", "BUSINESS");
        answers.put("guestRelation_1", "LODGER");

        Filing.Outcome missing = filing.submit(host, stay(), UUID.randomUUID(), answers);
        assertThat(((Filing.Invalid) missing).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactlyInAnyOrder(tuple("businessName", "validation.required"),
                        tuple("businessRegistrationNumber", "validation.required"),
                        tuple("businessAddress", "validation.required"));

        answers.put("businessName", "Khách sạn Hồ Gươm");
        answers.put("businessRegistrationNumber", "số 12");
        answers.put("businessAddress", "Số 5 phố Hàng Gà");
        Filing.Outcome malformed = filing.submit(host, stay(), UUID.randomUUID(), answers);
        assertThat(((Filing.Invalid) malformed).problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("businessRegistrationNumber");
            assertThat(p.text().vi()).startsWith("Số đăng ký kinh doanh gồm 6 đến 20 chữ số");
        });
        assertThat(submittedCount(host)).as("a refused notification changes nothing").isZero();

        answers.put("businessRegistrationNumber", "0101234567");
        Dossier dossier = ((Filing.Submitted) filing.submit(host, stay(), UUID.randomUUID(), answers)).dossier();
        assertThat(dossier.answers()).containsEntry("hostKind", "BUSINESS")
                .containsEntry("businessName", "Khách sạn Hồ Gươm")
                .containsEntry("businessRegistrationNumber", "0101234567")
                .containsEntry("businessAddress", "Số 5 phố Hàng Gà")
                .containsEntry("guestRelation_1", "LODGER");
        assertThat(dossier.state()).isEqualTo("completed");
    }

    @Test
    void aPersonHostIsNotAskedAboutABusinessAndItsAnswersAreNotKept() {
        PortalUser host = citizen(host(1), 2);
        Map<String, String> answers = answers(today(), guestOutside(host, 1));
        answers.put("businessName", "Nhà nghỉ không khai");
        Filing.FormState saved = ((Filing.Saved) filing.save(host, stay(), UUID.randomUUID(), answers)).form();
        assertThat(saved.sections()).doesNotContain("lodgingBusiness").contains("host", "stayPlace", "guestSection");
        assertThat(saved.values()).containsEntry("businessName", "");
    }

    @Test
    void theBusinessRegistrationNumberIsExplainedInTheCitizensLanguage() throws Exception {
        PortalUser host = citizen(host(2), 2);
        String formId = UUID.randomUUID().toString();
        mvc.perform(post(APPLY).param("formId", formId).param("step", "host").param("action", "next")
                        .param("hostKind", "BUSINESS").param("phone", "0912345678")
                        .with(csrf()).with(authentication(login(host))))
                .andExpect(status().is3xxRedirection());
        for (String lang : List.of("vi", "en")) {
            String page = mvc.perform(post(APPLY).param("formId", formId).param("step", "lodgingBusiness")
                            .param("action", "next").param("lang", lang).param("businessName", "Homestay Bờ Hồ")
                            .param("businessRegistrationNumber", "12").param("businessAddress", "Số 1 Hàng Bạc")
                            .with(csrf()).with(authentication(login(host))))
                    .andExpect(status().is(422)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(page).contains(lang.equals("vi") ? "Số đăng ký kinh doanh gồm 6 đến 20 chữ số"
                    : "A business registration number has 6 to 20 digits")
                    .contains("href=\"#field-businessRegistrationNumber\"")
                    .containsPattern("id=\"field-businessRegistrationNumber\"[^>]*aria-invalid=\"true\"");
        }
    }

    // ---------------------------------------------------------------- the place of the stay

    @Test
    void theStayMayBeAtAnotherPlaceTheHostManagesAndGoesToThePoliceOfThatPlace() throws Exception {
        String hostId = host(3);
        PortalUser host = citizen(hostId, 2);
        String hostCommune = permanent(hostId, "commune_code");
        Filing.FormState opened = filing.open(host, stay());
        assertThat(opened.values()).containsEntry("stayCommune", hostCommune)
                .containsEntry("stayProvince", permanent(hostId, "province_code"));
        assertThat(opened.values().get("stayAddress")).isNotBlank();
        assertThat(stay().field("stayAddress").orElseThrow().locked()).as("the host may change it").isFalse();

        Map<String, Object> other = jdbc.sql("""
                        select a.commune_code, a.province_code from agency a
                        where a.kind = 'COMMUNE_POLICE' and a.commune_code not in (?, '00308')
                          and exists (select 1 from staff_role r where r.agency_id = a.id
                                      and r.username = 'ca.' || a.commune_code || '.tiepnhan')
                        order by a.commune_code limit 1""")
                .param(hostCommune).query().singleRow();
        String commune = (String) other.get("commune_code");
        Map<String, String> answers = answers(today(), guestOutside(host, 3));
        answers.put("stayProvince", (String) other.get("province_code"));
        answers.put("stayCommune", commune);
        answers.put("stayAddress", "Số 12 ngõ 5, thôn Đông");
        Dossier dossier = ((Filing.Submitted) filing.submit(host, stay(), UUID.randomUUID(), answers)).dossier();

        assertThat(dossier.agencyId()).isEqualTo(agencyOfCommune("COMMUNE_POLICE", commune));
        assertThat(dossier.answers()).containsEntry("stayAddress", "Số 12 ngõ 5, thôn Đông");
        mvc.perform(get("/officer/dossiers/" + dossier.id())
                        .with(authentication(login(officer("ca." + commune + ".tiepnhan")))))
                .andExpect(status().isOk());
        mvc.perform(get("/officer/dossiers/" + dossier.id())
                        .with(authentication(login(officer("ca." + hostCommune + ".tiepnhan")))))
                .andExpect(status().isNotFound());
    }

    // ---------------------------------------------------------------- several guests

    @Test
    void aFamilyArrivingTogetherIsNotifiedAtOnceAndEachGuestIsRecorded() {
        PortalUser host = citizen(host(4), 2);
        String head = freeHeadOfHousehold(3, 40);
        List<String> family = List.of(head, livingHouseholdMembers(head).get(0), livingHouseholdMembers(head).get(1));
        Dossier dossier = ((Filing.Submitted) filing.submit(host, stay(), UUID.randomUUID(),
                answers(today(), family.toArray(String[]::new)))).dossier();

        assertThat(dossier.answers()).containsKeys("guestName_1", "guestName_2", "guestName_3");
        assertThat(dossier.answers().get("guestName_3")).isNotBlank();
        List<Map<String, Object>> recorded = jdbc.sql("""
                        select id_number, number from population.person_document
                        where dossier_id = ? and kind = 'STAY_NOTIFICATION' order by id""")
                .param(dossier.id()).query().listOfRows();
        String number = "STAY_NOTIFICATION-" + dossier.receiptCode();
        assertThat(recorded).extracting(r -> ((String) r.get("id_number")).strip(), r -> r.get("number"))
                .containsExactly(tuple(family.get(0), number), tuple(family.get(1), number + "-2"),
                        tuple(family.get(2), number + "-3"));
    }

    // ---------------------------------------------------------------- the arrival date

    @Test
    void anArrivalMoreThanAWeekAheadIsRefusedAndAWeekAheadIsAccepted() {
        PortalUser host = citizen(host(5), 2);
        String guest = guestOutside(host, 5);
        Filing.Outcome refused = filing.submit(host, stay(), UUID.randomUUID(), answers(today().plusDays(8), guest));
        assertThat(((Filing.Invalid) refused).problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("arrivalDate");
            assertThat(p.code()).isEqualTo("validation.maxDaysAhead");
            assertThat(p.args()).contains(7, today().plusDays(7).format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        });
        assertThat(submittedCount(host)).isZero();
        assertThat(filing.submit(host, stay(), UUID.randomUUID(), answers(today().plusDays(7), guest)))
                .isInstanceOf(Filing.Submitted.class);
    }

    /**
     * Guests are typed by number and may be anyone: the form must not become a way to learn their date of birth, so an
     * arrival date is never refused for being before a guest's birth (each refusal would tell a little of it).
     */
    @Test
    void anArrivalDateTellsNothingAboutAGuestsDateOfBirth() throws Exception {
        assertThat(stay().field("arrivalDate").orElseThrow().notBeforeBirthOf()).isNull();
        PortalUser host = citizen(host(6), 2);
        String head = freeHeadOfHousehold(3, 41);
        String youngest = jdbc.sql("""
                        select m.id_number from population.person m join population.person h on h.household_id = m.household_id
                        where h.id_number = ? and m.date_of_death is null order by m.birth_date desc limit 1""")
                .param(head).query(String.class).single().strip();
        Map<String, Object> born = jdbc.sql("select full_name, birth_date from population.person where id_number = ?")
                .param(youngest).query().singleRow();
        LocalDate bornOn = ((java.sql.Date) born.get("birth_date")).toLocalDate();
        for (LocalDate arrival : List.of(bornOn.minusDays(1), bornOn)) {
            Map<String, String> answers = answers(arrival, head, youngest);
            Filing.Outcome outcome = filing.save(host, stay(), UUID.randomUUID(),
                    vn.gov.portal.dossier.PostedAnswers.wholeForm(answers), true);
            assertThat(outcome).as(arrival.toString()).isInstanceOf(Filing.Saved.class);
        }
    }

    // ---------------------------------------------------------------- 23:00 of the arrival day

    /**
     * Due before 23:00 of the arrival day, Vietnamese time: at 22:59:59 the host is not warned and the dossier is not
     * marked; at 23:00 the review page warns before submitting, the notification is still received (and recorded), and
     * the officer, the citizen and the audit log see it was late.
     */
    @Test
    void aNotificationFiledFrom23OfTheArrivalDayIsAcceptedButMarkedLateAndTheHostIsToldBeforeSubmitting()
            throws Exception {
        LocalDate arrival = today().minusDays(1);
        Instant justBefore = arrival.atTime(22, 59, 59).atZone(VIETNAM).toInstant();
        Instant at23 = arrival.atTime(23, 0).atZone(VIETNAM).toInstant();
        String lateId = host(7);
        String onTimeId = host(8);
        PortalUser late = citizen(lateId, 2);
        PortalUser onTime = citizen(onTimeId, 2);
        Map<String, String> lateAnswers = answers(arrival, guestOutside(late, 7));
        Map<String, String> onTimeAnswers = answers(arrival, guestOutside(onTime, 8));
        UUID lateForm = ((Filing.Saved) filing.save(late, stay(), UUID.randomUUID(), lateAnswers)).form().formId();
        UUID onTimeForm = ((Filing.Saved) filing.save(onTime, stay(), UUID.randomUUID(), onTimeAnswers)).form().formId();
        String day = arrival.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        try {
            clock.stopAt(justBefore);
            assertThat(review(onTime, "vi")).doesNotContain("id=\"late-filing\"");
            Dossier inTime = ((Filing.Submitted) filing.submit(onTime, stay(), onTimeForm, onTimeAnswers)).dossier();

            clock.stopAt(at23);
            assertThat(review(late, "vi")).contains("id=\"late-filing\"", "Bạn đang nộp sau thời hạn",
                    "Hạn nộp là trước 23:00 ngày " + day);
            assertThat(review(late, "en")).contains("id=\"late-filing\"", "It was due before 23:00 on " + day);
            Dossier filedLate = ((Filing.Submitted) filing.submit(late, stay(), lateForm, lateAnswers)).dossier();
            assertThat(filedLate.state()).as("received and recorded all the same").isEqualTo("completed");

            assertThat(officerPage(filedLate, lateId)).contains("id=\"filed-late\"", "Nộp muộn",
                    "Hạn nộp là trước 23:00 ngày " + day);
            assertThat(officerPage(inTime, onTimeId)).doesNotContain("id=\"filed-late\"");
            // The officers' list marks it too (found among the notifications received, by its code).
            assertThat(queueRow(filedLate, lateId)).contains("id=\"filed-late-" + filedLate.receiptCode() + "\"");
            assertThat(queueRow(inTime, onTimeId)).contains(inTime.receiptCode()).doesNotContain("filed-late-");
            assertThat(mvc.perform(get("/my/dossiers/" + filedLate.id()).param("lang", "en")
                            .with(authentication(login(late)))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                    .contains("id=\"filed-late\"", "Filed late");
            assertThat(lateAfter(filedLate)).isEqualTo(arrival + "T23:00");
            assertThat(lateAfter(inTime)).isNull();
        } finally {
            clock.run();
        }
    }

    private String review(PortalUser host, String lang) throws Exception {
        return mvc.perform(get(APPLY).param("step", "review").param("lang", lang).with(authentication(login(host))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String officerPage(Dossier dossier, String hostId) throws Exception {
        String officer = "ca." + permanent(hostId, "commune_code") + ".tiepnhan";
        return mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(officer(officer)))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String queueRow(Dossier dossier, String hostId) throws Exception {
        String officer = "ca." + permanent(hostId, "commune_code") + ".tiepnhan";
        String page = mvc.perform(get("/officer/queue").param("status", String.valueOf(dossier.statusCode()))
                        .param("search", dossier.receiptCode()).with(authentication(login(officer(officer)))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        int row = page.indexOf("id=\"dossier-" + dossier.id() + "\"");
        assertThat(row).as("the dossier's row in the queue").isPositive();
        return page.substring(row, page.indexOf("</tr>", row));
    }

    private String lateAfter(Dossier dossier) {
        return (String) jdbc.sql("""
                        select details ->> 'lateAfter' as late_after from audit_log
                        where action = 'dossier.submitted' and subject_id = ?""")
                .param(dossier.id().toString()).query().singleRow().get("late_after");
    }

    // ---------------------------------------------------------------- people and answers

    /**
     * A free adult with a permanent residence outside Phường Hoàn Kiếm, in a commune whose police has a receiver: a
     * host whose notification goes to an officer the test can log in as.
     */
    private String host(int offset) {
        return handOut("""
                        select p.id_number from population.person p
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        where r.commune_code <> '00308'
                          and exists (select 1 from staff_role s join agency a on a.id = s.agency_id
                                      where a.kind = 'COMMUNE_POLICE' and a.commune_code = r.commune_code
                                        and s.username = 'ca.' || r.commune_code || '.tiepnhan')
                          and p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and """ + FREE + " order by p.id_number", 3100 + offset);
    }

    /** A living person of another household than the host's. */
    private String guestOutside(PortalUser host, int offset) {
        return jdbc.sql("""
                        select o.id_number from population.person o join population.person p on p.id_number = ?
                        where o.household_id <> p.household_id and o.date_of_death is null
                          and o.birth_date < current_date - interval '10 years'
                        order by o.id_number offset ? limit 1""")
                .params(host.subject(), 3100 + offset).query(String.class).single().strip();
    }

    /** A person host's notification of guests whose names the form showed, arriving on that day for three nights. */
    private static Map<String, String> answers(LocalDate arrival, String... guests) {
        Map<String, String> answers = new HashMap<>();
        answers.put("hostKind", "PERSON");
        answers.put("phone", "0912345678");
        for (int i = 0; i < guests.length; i++) {
            String row = "_" + (i + 1);
            answers.put("guest" + row, guests[i]);
            answers.put(Filing.confirmationOf("guest" + row), guests[i]);
            answers.put("guestRelation" + row, "OTHER");
        }
        answers.put("arrivalDate", arrival.toString());
        answers.put("stayUntil", arrival.plusDays(3).toString());
        return answers;
    }

    private long submittedCount(PortalUser host) {
        return jdbc.sql("select count(*) from dossier where applicant_id_number = ? and procedure_code = 'notification-of-stay'"
                        + " and state <> 'draft'").param(host.subject()).query(Long.class).single();
    }
}
