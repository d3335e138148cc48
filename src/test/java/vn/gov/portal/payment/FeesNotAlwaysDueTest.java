package vn.gov.portal.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.devstack.payment.SimulatedVnpay;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierEvent;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.FieldProblem;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.QueueFilter;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.forms.OneStopForm;
import vn.gov.portal.forms.OneStopForms;
import vn.gov.portal.forms.PdfText;
import vn.gov.portal.identity.PortalUser;

/**
 * Fees that are not always due: an exemption ground the citizen declares (permanent residence, Circular 75/2022) lets
 * the dossier skip the payment and reach the agency at once, until the receiver finds it not proved and sends it back
 * to pay; the birth registration fee (5,000 VND) is due only when filed more than 60 days after the birth.
 */
class FeesNotAlwaysDueTest extends PortalIntegrationTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String RECEIVER = "ca.00308.tiepnhan";
    /** A receiver of another commune's police: the same kind of agency, not this dossier's. */
    private static final String OTHER_RECEIVER = "ca.00304.tiepnhan";

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
    OneStopForms forms;
    @Autowired
    AgencyDirectory agencies;
    @Autowired
    vn.gov.portal.dossier.Supplementation supplementation;
    @Autowired
    vn.gov.portal.dossier.FeesDue feesDue;

    @Test
    void aDeclaredGroundSkipsThePaymentAndIsShownToTheAgencysOfficersOnly() throws Exception {
        PortalUser citizen = citizen(freeAdult(3101), 2);
        ProcedureDefinition move = catalog.find("permanent-residence").orElseThrow();
        UUID formId = UUID.randomUUID();
        filing.save(citizen, move, formId, moveAnswers(""));

        // The review page offers the grounds with the fee, and says what choosing one means.
        String review = page(get("/procedures/permanent-residence/apply").param("step", "review"), citizen);
        assertThat(review).contains("id=\"fee-due\"", "10.000 đồng", "id=\"field-feeExemption\"",
                "id=\"feeExemption-poorHousehold\"", "Người thuộc hộ nghèo", "Không xin miễn lệ phí");

        // A ground whose proof is not attached is refused, on the ground's own choice, and nothing is filed.
        Filing.Outcome unproved = filing.submit(citizen, move, formId, moveAnswers("poorHousehold"));
        assertThat(unproved).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) unproved).problems()).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("feeExemption", "fee.exemptionDocumentMissing"));
        assertThat(dossiers.draftOf(citizen, "permanent-residence")).hasValueSatisfying(d -> assertThat(d.isDraft()).isTrue());

        attachments.attachToDraft(citizen, move, formId, "feeExemptionProof",
                new vn.gov.portal.attachment.Attachments.Upload("ho-ngheo.pdf", vn.gov.portal.attachment.TestFiles.pdf("Hộ nghèo")));
        assertThat(page(get("/procedures/permanent-residence/apply").param("step", "review"), citizen))
                .contains("id=\"fee-exempt\"", "Bạn xin miễn lệ phí (Người thuộc hộ nghèo)").doesNotContain("id=\"fee-due\"");
        Filing.Outcome outcome = filing.submit(citizen, move, formId, moveAnswers("poorHousehold"));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();

        // Straight to intake: nothing paid, nothing due, the ground recorded, the legal time from the filing.
        assertThat(dossier.statusCode()).isEqualTo(1);
        assertThat(dossier.answers()).containsEntry("feeExemption", "poorHousehold");
        assertThat(dossiers.timeline(dossier)).extracting(DossierEvent::event).containsExactly("submit", "no-fee");
        assertThat(payments(dossier.id())).isEmpty();
        assertThatThrownBy(() -> payments.start(citizen, dossier.id(), "http://127.0.0.1/payments/return", "127.0.0.1"))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("payment.notDue");

        // The agency's officers see the ground in the queue, on the dossier page and on the receipt.
        QueueFilter byCode = new QueueFilter(null, null, null, null, dossier.receiptCode());
        assertThat(dossiers.queue(officer(RECEIVER), byCode, 0)).extracting(Dossier::id).containsExactly(dossier.id());
        assertThat(page(get("/officer/queue").param("q", dossier.receiptCode()), officer(RECEIVER)))
                .contains("id=\"fee-exemption-" + dossier.receiptCode() + "\"", "Xin miễn lệ phí: Người thuộc hộ nghèo");
        assertThat(page(get("/officer/dossiers/" + dossier.id()), officer(RECEIVER)))
                .contains("id=\"fee-exemption\"", "Xin miễn lệ phí: Người thuộc hộ nghèo", "id=\"decision-refuse-fee-exemption\"");
        assertThat(forms.available(dossier)).contains(OneStopForm.receiptOf(move.formSet()));
        assertThat(PdfText.of(forms.render(dossier, OneStopForm.receiptOf(move.formSet()))))
                .contains("Xin miễn lệ phí: Người thuộc hộ nghèo");
        String today = LocalDate.now(VIETNAM).toString();
        assertThat(page(get("/officer/register-book").param("from", today).param("to", today), officer(RECEIVER)))
                .contains(dossier.receiptCode());
        // ... and the citizen on theirs, in English too.
        assertThat(page(get("/my/dossiers/" + dossier.id()), citizen)).contains("id=\"fee-exemption\"", "Người thuộc hộ nghèo")
                .doesNotContain("id=\"payment-form\"");
        assertThat(page(get("/my/dossiers/" + dossier.id()).param("lang", "en"), citizen))
                .contains("Exemption from the fee asked for: Member of a poor household");

        // Another agency's officer: not in their queue, not by its address.
        assertThat(agencies.agenciesOf(OTHER_RECEIVER)).as("a real officer of another agency").isNotEmpty();
        assertThat(dossiers.queue(officer(OTHER_RECEIVER), byCode, 0)).isEmpty();
        assertThat(page(get("/officer/queue").param("q", dossier.receiptCode()), officer(OTHER_RECEIVER)))
                .doesNotContain("Người thuộc hộ nghèo");
        mvc.perform(get("/officer/dossiers/" + dossier.id()).with(authentication(login(officer(OTHER_RECEIVER)))))
                .andExpect(status().isNotFound());
    }

    @Test
    void theReceiverSendsAnUnprovedGroundBackToPayWithANoteAndThePaymentContinuesIntake() throws Exception {
        PortalUser citizen = citizen(freeAdult(3102), 2);
        Dossier dossier = fileExempt(citizen);
        int version = dossier.lockVersion();

        // A note is required; without one nothing changes.
        assertThatThrownBy(() -> decisions.decide(officer(RECEIVER), dossier.id(), "refuse-fee-exemption", " ", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.noteRequired");
        assertThat(dossiers.forCitizen(citizen, dossier.id()).lockVersion()).isEqualTo(version);

        Dossier back = decisions.decide(officer(RECEIVER), dossier.id(), "refuse-fee-exemption",
                "Không có tên trong danh sách hộ nghèo của xã", version);
        assertThat(back.state()).isEqualTo("awaiting-payment");
        assertThat(back.statusCode()).isEqualTo(6);
        assertThat(back.feeExemptionRefused()).isTrue();
        // Waiting for the citizen to pay stops the legal clock, as waiting for a supplement does.
        assertThat(dossiers.forCitizen(citizen, dossier.id()).clockPausedOn()).isNotNull();
        assertThat(jdbc.sql("""
                        select count(*) from notification n join dossier_event e on e.id = n.dossier_event_id
                        where n.dossier_id = ? and e.event = 'refuse-fee-exemption'""").param(dossier.id())
                .query(Long.class).single()).as("the citizen is told, like any decision").isPositive();
        // Not in the queue while it waits, but the agency that received it still opens it, marked refused.
        QueueFilter byCode = new QueueFilter(null, null, null, null, dossier.receiptCode());
        assertThat(dossiers.queue(officer(RECEIVER), byCode, 0)).isEmpty();
        assertThat(page(get("/officer/dossiers/" + dossier.id()), officer(RECEIVER))).contains("id=\"fee-exemption-refused\"");
        assertThat(page(get("/my/dossiers/" + dossier.id()), citizen)).contains("id=\"payment-form\"", "10.000")
                .contains("Không có tên trong danh sách hộ nghèo của xã");

        // The citizen pays the full fee; intake continues, the clock runs again.
        assertThat(payOnline(citizen, dossier.id()).paid()).isTrue();
        Dossier paid = dossiers.forCitizen(citizen, dossier.id());
        assertThat(paid.state()).isEqualTo("submitted");
        assertThat(paid.clockPausedOn()).isNull();
        assertThat(paid.appointmentDate()).as("moved by the working days waited: none here")
                .isEqualTo(dossier.appointmentDate());
        assertThat(payments(dossier.id())).containsExactly("PAID 10000");
        assertThat(dossiers.timeline(paid)).extracting(DossierEvent::event)
                .containsExactly("submit", "no-fee", "refuse-fee-exemption", "pay");
        assertThat(dossiers.queue(officer(RECEIVER), byCode, 0)).extracting(Dossier::id).containsExactly(dossier.id());
        // Once refused, no second way back, and the button is gone.
        assertThat(dossiers.actionsFor(officer(RECEIVER), paid)).extracting(Transition::event)
                .doesNotContain("refuse-fee-exemption");
        assertThatThrownBy(() -> decisions.decide(officer(RECEIVER), paid.id(), "refuse-fee-exemption", "Lại", paid.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("fee.noExemptionToRefuse");
        Dossier received = decisions.decide(officer(RECEIVER), paid.id(), "receive", "", paid.lockVersion());
        assertThat(received.statusCode()).isEqualTo(2);
    }

    @Test
    void aDossierThatPaidHasNoWayBackToTheFee() {
        PortalUser citizen = citizen(freeAdult(3103), 2);
        ProcedureDefinition move = catalog.find("permanent-residence").orElseThrow();
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, move, UUID.randomUUID(), moveAnswers(""))).dossier();
        assertThat(dossier.statusCode()).as("no ground: the fee first, as before").isEqualTo(6);
        Dossier paid = feePaid(citizen, dossier);
        assertThat(dossiers.actionsFor(officer(RECEIVER), paid)).extracting(Transition::event)
                .contains("receive").doesNotContain("refuse-fee-exemption");
        assertThatThrownBy(() -> decisions.decide(officer(RECEIVER), paid.id(), "refuse-fee-exemption", "Thử", paid.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("fee.noExemptionToRefuse");
    }

    @Test
    void aLateBirthRegistrationPays5000OnceAndAnOnTimeOneGoesStraightToTheOfficer() throws Exception {
        ProcedureDefinition birth = catalog.find("birth-registration").orElseThrow();
        LocalDate today = LocalDate.now(VIETNAM);

        // On time (60 days after the birth is still on time): told no fee, straight to the justice officer.
        PortalUser onTimeParent = citizen(freeAdult(3104), 2);
        UUID onTimeForm = attachRequired(onTimeParent, birth, UUID.randomUUID());
        filing.save(onTimeParent, birth, onTimeForm, birthAnswers(today.minusDays(60)));
        assertThat(page(get("/procedures/birth-registration/apply").param("step", "review"), onTimeParent))
                .contains("id=\"fee-on-time\"").doesNotContain("id=\"fee-due\"", "id=\"field-feeExemption\"");
        Filing.Outcome onTimeOutcome = filing.submit(onTimeParent, birth, onTimeForm, birthAnswers(today.minusDays(60)));
        assertThat(onTimeOutcome).as(onTimeOutcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier onTime = ((Filing.Submitted) onTimeOutcome).dossier();
        assertThat(onTime.statusCode()).isEqualTo(1);
        assertThat(onTime.state()).isEqualTo("submitted");
        assertThat(dossiers.timeline(onTime)).extracting(DossierEvent::event).containsExactly("submit", "no-fee");
        assertThat(payments(onTime.id())).isEmpty();
        assertThat(forms.available(onTime)).contains(OneStopForm.RECEIPT);
        String justice = "ub." + birthAnswers(today).get("registrationCommune") + ".tiepnhan";
        assertThat(dossiers.actionsFor(officer(justice), onTime)).extracting(Transition::event).contains("receive")
                .doesNotContain("refuse-fee-exemption");
        assertThat(page(get("/my/dossiers/" + onTime.id()), onTimeParent)).contains("id=\"fee-on-time\"")
                .doesNotContain("id=\"payment-form\"");

        // Late (61 days): the fee is due, 5,000 VND, told before sending; the agency gets it once it is paid.
        PortalUser lateParent = citizen(freeAdult(3105), 2);
        UUID lateForm = attachRequired(lateParent, birth, UUID.randomUUID());
        filing.save(lateParent, birth, lateForm, birthAnswers(today.minusDays(61)));
        assertThat(page(get("/procedures/birth-registration/apply").param("step", "review"), lateParent))
                .contains("id=\"fee-due\"", "5.000 đồng", "id=\"feeExemption-poorHousehold\"").doesNotContain("id=\"fee-on-time\"");
        // A double submit files one dossier.
        List<Filing.Outcome> both = twiceAtOnce(() -> filing.submit(lateParent, birth, lateForm, birthAnswers(today.minusDays(61))));
        Dossier late = ((Filing.Submitted) both.get(0)).dossier();
        assertThat(((Filing.Submitted) both.get(1)).dossier().id()).isEqualTo(late.id());
        assertThat(late.statusCode()).isEqualTo(6);
        assertThat(dossiers.actionsFor(officer(justice), late)).isEmpty();
        URI checkout = payments.start(lateParent, late.id(), "http://127.0.0.1/payments/return", "127.0.0.1");
        assertThat(SimulatedVnpay.orderOf(checkout)).containsEntry("vnp_Amount", String.valueOf(5_000 * 100));
        Map<String, String> confirmation = SimulatedVnpay.answer(SimulatedVnpay.orderOf(checkout), true);
        // The gateway's confirmation delivered twice at once: one payment, one step.
        assertThat(twiceAtOnce(() -> payments.complete(confirmation))).extracting(Payments.Completion::paid)
                .containsExactly(true, true);
        assertThat(payments(late.id())).containsExactly("PAID 5000");
        Dossier paid = dossiers.forCitizen(lateParent, late.id());
        assertThat(paid.statusCode()).isEqualTo(1);
        assertThat(dossiers.timeline(paid)).extracting(DossierEvent::event).containsExactly("submit", "pay");
        assertThat(PdfText.of(forms.render(paid, OneStopForm.RECEIPT))).contains("Phí, lệ phí đã nộp", "5.000 đồng");
    }

    @Test
    void aSupplementKeepsTheDeclaredGroundTheSupplementPageDoesNotCarry() {
        PortalUser citizen = citizen(freeAdult(3106), 2);
        Dossier dossier = fileExempt(citizen);
        Dossier received = decisions.decide(officer(RECEIVER), dossier.id(), "receive", "", dossier.lockVersion());
        Dossier asked = decisions.decide(officer("ca.00308.xuly"), dossier.id(), "request-supplement",
                "Bổ sung số nhà", LocalDate.now(VIETNAM).plusDays(10), received.lockVersion());
        assertThat(asked.statusCode()).isEqualTo(5);

        // The supplement page posts the form's answers only: no feeExemption input there.
        Map<String, String> posted = new HashMap<>(asked.answers());
        posted.remove("feeExemption");
        posted.put("newAddressDetail", "Số 11, phố Hàng Bông");
        Filing.Outcome sent = supplementation.send(citizen, dossier.id(), posted, "Đã bổ sung", asked.lockVersion());
        assertThat(sent).as(sent.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier after = dossiers.forCitizen(citizen, dossier.id());
        assertThat(after.answers()).containsEntry("feeExemption", "poorHousehold")
                .containsEntry("newAddressDetail", "Số 11, phố Hàng Bông");
        assertThat(feesDue.of(after).exempt()).as("still exempt, for the receiver to judge").isTrue();
    }

    // ---------------------------------------------------------------- helpers

    private Dossier fileExempt(PortalUser citizen) {
        ProcedureDefinition move = catalog.find("permanent-residence").orElseThrow();
        UUID formId = attachments.attachToDraft(citizen, move, UUID.randomUUID(), "feeExemptionProof",
                new vn.gov.portal.attachment.Attachments.Upload("ho-ngheo.pdf",
                        vn.gov.portal.attachment.TestFiles.pdf("Hộ nghèo"))).dossierId();
        Filing.Outcome outcome = filing.submit(citizen, move, formId, moveAnswers("poorHousehold"));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        return ((Filing.Submitted) outcome).dossier();
    }

    /** A move into the filer's own home in Phường Hoàn Kiếm (00308), with an exemption ground or none (""). */
    private static Map<String, String> moveAnswers(String ground) {
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678", "newProvince", "01",
                "newCommune", "00308", "newAddressDetail", "Số 9, phố Hàng Bông", "basis", "OWN_HOME",
                "request", "Đăng ký thường trú vào nhà của tôi"));
        answers.put("feeExemption", ground);
        return answers;
    }

    /** A mother registering her child born on {@code born}, at the People's Committee of Phường Hoàn Kiếm. */
    private static Map<String, String> birthAnswers(LocalDate born) {
        Map<String, String> answers = new HashMap<>();
        answers.put("phone", "0912345678");
        answers.put("filerIs", "MOTHER");
        answers.put("childFullName", "Lê Thị Đúng Hạn");
        answers.put("childSex", "F");
        answers.put("childBirthDate", born.toString());
        answers.put("childPlaceOfBirth", "Bệnh viện Phụ sản Trung ương, Hà Nội");
        answers.put("childEthnicity", "Kinh");
        answers.put("childNationality", "Việt Nam");
        answers.put("childHomeTown", "Hà Nội");
        answers.put("birthCertificateNumber", "5678/GCS");
        answers.put("birthCertificateDate", born.toString());
        answers.put("registrationProvince", "01");
        answers.put("registrationCommune", "00308");
        return answers;
    }

    private String page(MockHttpServletRequestBuilder request, PortalUser user) throws Exception {
        return mvc.perform(request.with(authentication(login(user)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }
}
