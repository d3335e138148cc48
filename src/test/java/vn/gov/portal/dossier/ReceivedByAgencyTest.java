package vn.gov.portal.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.devstack.TestClock;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.forms.RegisterBook;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.workflow.HolidayCalendarSource;

/**
 * When the agency received a dossier: at filing, or when the fee before intake is paid, or when the other party
 * confirms. Before that no officer lists, opens or acts on it; its legal time and its line in the register book
 * start then; and it does not depend on the version of the procedure published now.
 */
class ReceivedByAgencyTest extends PortalIntegrationTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    MockMvc mvc;
    @Autowired
    Filing filing;
    @Autowired
    Dossiers dossiers;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    RegisterBook books;
    @Autowired
    AgencyDirectory agencies;
    @Autowired
    TestClock clock;
    @Autowired
    HolidayCalendarSource calendars;

    @Test
    void anUnpaidPassportIsNoOfficersToListClaimNoteOrExtendUntilTheFeeIsPaid() throws Exception {
        PortalUser citizen = citizen(freeAdult(2950), 2);
        Dossier unpaid = submitPassport(citizen);
        PortalUser receiver = officer("cat." + permanent(citizen.subject(), "province_code") + ".tiepnhan");

        assertNotTheAgencys(receiver, unpaid, 6);
        // A withdrawal before paying leaves it so, under status 7 as well.
        PortalUser other = citizen(freeAdult(2951), 2);
        Dossier withdrawn = submitPassport(other);
        withdrawn = decisions.act(other, withdrawn.id(), "withdraw", "", withdrawn.lockVersion());
        assertThat(withdrawn.statusCode()).isEqualTo(7);
        assertThat(queuePage(receiver, 7, withdrawn.receiptCode())).doesNotContain(row(withdrawn));
        assertThat(queuePage(receiver, 7, null)).doesNotContain(row(withdrawn));

        Dossier paid = feePaid(citizen, unpaid);
        assertReceivedAndActedOn(receiver, paid);
    }

    @Test
    void aMarriageAwaitingThePartnerIsNoOfficersUntilConfirmedAndItsAppointmentCountsFromTheConfirmation()
            throws Exception {
        PortalUser filer = citizen(freeSingle("M", 300), 2);
        PortalUser partner = citizen(freeSingle("F", 300), 2);
        ProcedureDefinition marriage = catalog.find("marriage-registration").orElseThrow();
        LocalDate monday = LocalDate.now(VIETNAM).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        try {
            clock.stopAt(monday.atTime(9, 0).atZone(VIETNAM).toInstant());
            Dossier waiting = ((Filing.Submitted) filing.submit(filer, marriage, UUID.randomUUID(), Map.of(
                    "phone", "0912345678", "partner", partner.subject(), Filing.confirmationOf("partner"),
                    partner.subject(), "voluntaryDeclaration", "true"))).dossier();
            assertThat(waiting.state()).isEqualTo("awaiting-partner");
            PortalUser receiver = officer(staffWith(waiting, "RECEIVER"));
            assertNotTheAgencys(receiver, waiting, 1);

            // The partner confirms on Wednesday: the same-day deadline counts from then, not from Monday's filing.
            LocalDateTime wednesday = monday.plusDays(2).atTime(9, 0);
            clock.stopAt(wednesday.atZone(VIETNAM).toInstant());
            Dossier confirmed = decisions.act(partner, waiting.id(), "confirm", "", waiting.lockVersion());
            assertThat(confirmed.appointmentDate()).as("counted from the confirmation")
                    .isEqualTo(calendars.current().appointment(wednesday, marriage.deadline().workingDays()))
                    .isAfter(waiting.appointmentDate());
            assertThat(confirmed.receivedAt()).isEqualTo(wednesday.atZone(VIETNAM).toInstant());
            assertThat(confirmed.overdue(wednesday.toLocalDate())).isFalse();
            assertReceivedAndActedOn(receiver, confirmed);
        } finally {
            clock.run();
        }
    }

    /**
     * Before the partner confirms, the agency has not received the marriage: the applicant gets no receipt (neither
     * linked nor downloadable) and no appointment, but is told it waits for the partner; once confirmed, the receipt.
     * A dossier withdrawn while it waited never gets one.
     */
    @Test
    void aMarriageGetsItsReceiptOnlyOnceThePartnerConfirmedAndMeanwhileSaysItWaitsForThePartner() throws Exception {
        PortalUser filer = citizen(freeSingle("M", 320), 2);
        PortalUser partner = citizen(freeSingle("F", 320), 2);
        ProcedureDefinition marriage = catalog.find("marriage-registration").orElseThrow();
        Map<String, String> answers = Map.of("phone", "0912345678", "partner", partner.subject(),
                Filing.confirmationOf("partner"), partner.subject(), "voluntaryDeclaration", "true");
        Dossier waiting = ((Filing.Submitted) filing.submit(filer, marriage, UUID.randomUUID(), answers)).dossier();
        assertThat(waiting.state()).isEqualTo("awaiting-partner");
        String receipt = "/my/dossiers/" + waiting.id() + "/forms/"
                + vn.gov.portal.forms.OneStopForm.receiptOf(marriage.formSet()).number();

        for (String page : new String[] {"/my/dossiers/" + waiting.id() + "/submitted", "/my/dossiers/" + waiting.id()}) {
            assertThat(page(filer, page)).as(page)
                    .contains("id=\"awaiting-party\"", "Hồ sơ đang chờ bên kia xác nhận",
                            "Cơ quan giải quyết chỉ tiếp nhận hồ sơ sau khi bên kia đồng ý")
                    .doesNotContain("id=\"receipt-form\"", receipt, "id=\"appointment\"");
        }
        assertThat(mvc.perform(get("/my/dossiers/" + waiting.id()).param("lang", "en")
                .with(authentication(login(filer)))).andReturn().getResponse().getContentAsString())
                .contains("Your dossier awaits the other party&#39;s confirmation");
        mvc.perform(get(receipt).with(authentication(login(filer)))).andExpect(status().isNotFound());
        assertThat(page(partner, "/my/dossiers/" + waiting.id())).as("the partner has their own actions instead")
                .contains("id=\"decision-confirm\"").doesNotContain("id=\"awaiting-party\"", receipt);

        Dossier confirmed = decisions.act(partner, waiting.id(), "confirm", "", waiting.lockVersion());
        assertThat(confirmed.receivedByAgency()).isTrue();
        assertThat(page(filer, "/my/dossiers/" + waiting.id() + "/submitted"))
                .contains("id=\"receipt-form\"", "id=\"appointment\"").doesNotContain("id=\"awaiting-party\"");
        assertThat(page(filer, "/my/dossiers/" + waiting.id())).contains(receipt).doesNotContain("id=\"awaiting-party\"");
        mvc.perform(get(receipt).with(authentication(login(filer)))).andExpect(status().isOk());

        PortalUser otherFiler = citizen(freeSingle("M", 321), 2);
        PortalUser otherPartner = citizen(freeSingle("F", 321), 2);
        Dossier withdrawn = ((Filing.Submitted) filing.submit(otherFiler, marriage, UUID.randomUUID(), Map.of(
                "phone", "0912345678", "partner", otherPartner.subject(), Filing.confirmationOf("partner"),
                otherPartner.subject(), "voluntaryDeclaration", "true"))).dossier();
        withdrawn = decisions.act(otherFiler, withdrawn.id(), "withdraw", "", withdrawn.lockVersion());
        String neverReceipt = "/my/dossiers/" + withdrawn.id() + "/forms/"
                + vn.gov.portal.forms.OneStopForm.receiptOf(marriage.formSet()).number();
        assertThat(page(otherFiler, "/my/dossiers/" + withdrawn.id())).doesNotContain(neverReceipt, "id=\"awaiting-party\"");
        mvc.perform(get(neverReceipt).with(authentication(login(otherFiler)))).andExpect(status().isNotFound());
    }

    private String page(PortalUser citizen, String path) throws Exception {
        return mvc.perform(get(path).with(authentication(login(citizen)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    /**
     * Version 1 of the fee-before-intake procedures had no fee step: its dossiers were received at filing and have no
     * payment row. Publishing version 2 does not take them out of the book; a paid one is dated by its payment.
     */
    @Test
    void theBookListsWhatTheAgencyReceivedWhenItReceivedItWhateverVersionIsPublishedNow() {
        PortalUser citizen = citizen(freeAdult(2952), 2);
        LocalDate monday = LocalDate.now(VIETNAM).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
        Dossier paid;
        Dossier versionOne;
        try {
            clock.stopAt(monday.atTime(9, 0).atZone(VIETNAM).toInstant());
            paid = submitPassport(citizen);
            // As version 1 filed it: a passport dossier of the same agency received at once, with no payment row.
            Map<String, String> stay = new HashMap<>(temporaryResidence("01", "00308"));
            stay.put("periodFrom", monday.plusDays(1).toString());
            versionOne = ((Filing.Submitted) filing.submit(citizen(freeAdult(2953), 2),
                    catalog.find("temporary-residence").orElseThrow(), UUID.randomUUID(), stay)).dossier();
            jdbc.sql("update dossier set procedure_code = 'passport', procedure_version = ?, agency_id = ? where id = ?")
                    .params(catalog.find("passport").orElseThrow().version(), paid.agencyId(), versionOne.id()).update();
            clock.stopAt(monday.plusDays(3).atTime(10, 30).atZone(VIETNAM).toInstant());
            paid = feePaid(citizen, paid);
        } finally {
            clock.run();
        }
        var agency = agencies.find(paid.agencyId()).orElseThrow();
        RegisterBook.Book filingDay = books.read(agency, monday, monday);
        assertThat(filingDay.entries()).extracting(RegisterBook.Entry::receiptCode)
                .contains(versionOne.receiptCode()).doesNotContain(paid.receiptCode());
        RegisterBook.Book paymentDay = books.read(agency, monday.plusDays(3), monday.plusDays(3));
        String code = paid.receiptCode();
        assertThat(paymentDay.entries()).filteredOn(e -> e.receiptCode().equals(code))
                .extracting(RegisterBook.Entry::receivedAt)
                .containsExactly(monday.plusDays(3).atTime(10, 30).atZone(VIETNAM).toInstant());
    }

    /** Not in the queue under any filter nor found by the search; claim, note and extension are "not found". */
    private void assertNotTheAgencys(PortalUser officer, Dossier dossier, int status) throws Exception {
        assertThat(dossier.receivedByAgency()).isFalse();
        // The row's id: the search box shows what was searched for.
        assertThat(queuePage(officer, status, null)).doesNotContain(row(dossier));
        assertThat(queuePage(officer, status, dossier.receiptCode())).doesNotContain(row(dossier));
        assertThat(queuePage(officer, null, dossier.applicantIdNumber())).doesNotContain(row(dossier));
        assertThat(dossiers.queue(officer, new QueueFilter(null, status, null, null, dossier.receiptCode()), 0)).isEmpty();
        mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(officer))))
                .andExpect(status().isNotFound());
        int version = dossier.lockVersion();
        assertThatThrownBy(() -> decisions.claim(officer, dossier.id(), version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("error.notFound");
        assertThatThrownBy(() -> decisions.addInternalNote(officer, dossier.id(), UUID.randomUUID(), "Ghi chú"))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("error.notFound");
        LocalDate later = calendars.current().addWorkingDays(dossier.appointmentDate(), 3);
        assertThatThrownBy(() -> decisions.extendDeadline(officer, dossier.id(), later, "Cần xác minh", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("error.notFound");
        assertThatThrownBy(() -> decisions.decide(officer, dossier.id(), "receive", "", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("error.notFound");
        assertThat(dossiers.forCitizen(citizen(dossier.applicantIdNumber(), 2), dossier.id()).lockVersion())
                .as("nothing written").isEqualTo(version);
        assertThat(jdbc.sql("select count(*) from dossier_event where dossier_id = ? and actor_kind = 'STAFF'")
                .param(dossier.id()).query(Long.class).single()).isZero();
    }

    /** Once received: listed, opened, claimed and noted by the agency's officer. */
    private void assertReceivedAndActedOn(PortalUser officer, Dossier dossier) throws Exception {
        assertThat(dossier.receivedByAgency()).isTrue();
        assertThat(queuePage(officer, 1, dossier.receiptCode())).contains(row(dossier));
        assertThat(queuePage(officer, null, dossier.applicantIdNumber())).contains(row(dossier));
        mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(officer))))
                .andExpect(status().isOk());
        Dossier claimed = decisions.claim(officer, dossier.id(), dossier.lockVersion());
        assertThat(claimed.assignee()).isEqualTo(officer.username());
        decisions.addInternalNote(officer, dossier.id(), UUID.randomUUID(), "Đã kiểm tra");
    }

    private static String row(Dossier dossier) {
        return "id=\"dossier-" + dossier.id() + "\"";
    }

    private String queuePage(PortalUser officer, Integer status, String search) throws Exception {
        var request = get("/officer/queue");
        if (status != null) {
            request = request.param("status", status.toString());
        }
        if (search != null) {
            request = request.param("q", search);
        }
        return mvc.perform(request.with(authentication(login(officer)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private Dossier submitPassport(PortalUser citizen) {
        ProcedureDefinition passport = catalog.find("passport").orElseThrow();
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678", "subject", citizen.subject(),
                "requestType", "FIRST", "resultDelivery", "AGENCY"));
        Filing.Outcome outcome = filing.submit(citizen, passport, attachRequired(citizen, passport, UUID.randomUUID()),
                answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        assertThat(dossier.statusCode()).isEqualTo(6);
        return dossier;
    }
}
