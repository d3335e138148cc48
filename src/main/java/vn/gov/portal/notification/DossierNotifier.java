package vn.gov.portal.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition;
import vn.gov.portal.dossier.DeadlineExtended;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierMoved;
import vn.gov.portal.dossier.DossierSubmitted;
import vn.gov.portal.dossier.LongerDeadlineApplied;
import vn.gov.portal.dossier.PaymentFoundUnpaid;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Person;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.RegisterGuard;

/**
 * Turns a dossier's moves into the applicant's notifications, tells the other party (workflow.party) when the
 * dossier waits for them, when the applicant withdrew it (before or after they confirmed) and, once they confirmed,
 * the agency's refusal, stop, decision and handing over (the outcome only), the applicant when that party declined,
 * and both when the register's conditions ended it, each only of their own record. A plain
 * (synchronous) listener, not a transactional-event one: it runs inside the transaction of the move, so the
 * notification and its outbox mail commit together with the move, or not at all; MANDATORY makes sure there is such
 * a transaction.
 */
@Component
class DossierNotifier {

    private final Notifications notifications;
    private final NotificationTexts texts;
    private final MailSettings mail;
    private final PopulationRegister register;
    private final ProcedureCatalog catalog;

    DossierNotifier(Notifications notifications, NotificationTexts texts, MailSettings mail, PopulationRegister register,
                    ProcedureCatalog catalog) {
        this.notifications = notifications;
        this.texts = texts;
        this.mail = mail;
        this.register = register;
        this.catalog = catalog;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void moved(DossierMoved moved) {
        Dossier before = moved.before();
        var workflow = definitionOf(before).workflow();
        var taken = workflow.transitionsFrom(before.state()).stream()
                .filter(t -> t.event().equals(moved.event())).findFirst();
        taken.ifPresent(t -> tellTheParty(before, t.to(), moved.eventId()));
        Optional<WorkflowDefinition.State> reached = taken.flatMap(t -> workflow.state(t.to()));
        if (!moved.refused().isEmpty()) {
            // The register refused a citizen's step and the portal ended the dossier: each is told why as far as it
            // is their own record's (or both's), else neutrally; never the other's condition, nor the national status.
            notify(before, moved.eventId(), NotificationKind.CONDITIONS_UNMET,
                    RegisterGuard.Unmet.toldTo(moved.refused(), RegisterGuard.Whose.FILER), null);
            if (before.partyIdNumber() != null && !before.partyIdNumber().equals(before.applicantIdNumber())) {
                toTheParty(before, NotificationKind.CONDITIONS_UNMET, moved.eventId(),
                        RegisterGuard.Unmet.toldTo(moved.refused(), RegisterGuard.Whose.PARTY));
            }
            return;
        }
        if (endedByTheApplicant(before, moved, reached)) {
            if (workflow.awaitsParty(before.state())) {
                // The party was asked to confirm: told that nothing is asked of them any more (the applicant knows).
                toTheParty(before, NotificationKind.APPLICANT_WITHDREW, moved.eventId(), null);
                return;
            }
            if (confirmedByTheParty(before)) {
                // The party agreed, and the registration they agreed to will not go ahead.
                toTheParty(before, NotificationKind.APPLICANT_WITHDREW_CONFIRMED, moved.eventId(), null);
                return;
            }
        }
        if (declinedByTheParty(before, moved, reached)) {
            // Status 7 tells the applicant nothing (they withdraw themselves), but here someone else ended their dossier.
            String note = moved.note() == null || moved.note().isBlank() ? null : moved.note();
            notify(before, moved.eventId(), NotificationKind.PARTY_DECLINED, note, null);
            return;
        }
        if (moved.fromStatus() == moved.toStatus()) {
            return;   // a step inside the same national status tells the citizen nothing new
        }
        Optional<NotificationKind> told = NotificationKind.reaching(moved.toStatus())
                // "Pay online on the dossier's page" only where the portal takes the payment: not a contribution the
                // citizen pays at the office (status 6 without a payment transition out of it).
                .filter(kind -> kind != NotificationKind.FEE_DUE || taken.map(t -> workflow.awaitsFee(t.to())).orElse(false));
        told.ifPresent(kind -> {
            String note = moved.note() == null || moved.note().isBlank() ? null : moved.note();
            LocalDate due = kind == NotificationKind.SUPPLEMENT ? moved.supplementDue() : null;
            boolean tellsNote = kind == NotificationKind.SUPPLEMENT || kind == NotificationKind.REFUSED
                    || kind == NotificationKind.STOPPED || kind == NotificationKind.FEE_DUE;
            notify(moved.before(), moved.eventId(), kind, tellsNote ? note : null, due);
        });
        // The party who agreed (marriage: the partner) learns how the agency decided what they agreed to: the outcome
        // only, as the officer's reason is written to the applicant and may be about the applicant's record.
        told.flatMap(NotificationKind::toConfirmingParty).filter(kind -> confirmedByTheParty(before))
                .ifPresent(kind -> toTheParty(before, kind, moved.eventId(), null));
    }

    /** The other party (not the applicant) took a step of the dossier: they confirmed it (marriage). */
    private boolean confirmedByTheParty(Dossier dossier) {
        String party = dossier.partyIdNumber();
        return party != null && !party.equals(dossier.applicantIdNumber()) && notifications.actedBy(dossier.id(), party);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void extended(DeadlineExtended extended) {
        notify(extended.before(), extended.eventId(), NotificationKind.EXTENDED, extended.reason(), extended.newDate());
    }

    /** The stored detail is the reason in Vietnamese; the texts take it from the definition in the reader's language. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void longer(LongerDeadlineApplied applied) {
        notify(applied.before(), applied.eventId(), NotificationKind.LONGER_DEADLINE, applied.longer().reason().vi(),
                applied.newDate());
    }

    /** A held payment found unpaid: the applicant may pay again, so they are told (not when nothing is due any more). */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void paymentFoundUnpaid(PaymentFoundUnpaid found) {
        if (found.mayPayAgain()) {
            notify(found.dossier(), found.eventId(), NotificationKind.PAYMENT_NOT_PAID, null, null);
        }
    }

    /** A submitted dossier that starts by waiting for the other party (marriage: the partner confirms). */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void submitted(DossierSubmitted submitted) {
        Dossier dossier = submitted.dossier();
        if (dossier.partyIdNumber() != null) {
            tellTheParty(dossier, dossier.state(), notifications.latestEvent(dossier.id()));
        }
    }

    /**
     * The person the dossier names as its other party (workflow.party) is told when it reaches a state where they
     * must act, with the link to the page where they do (theirs to open: the party sees the dossier). Only what that
     * page shows them: the receipt code and the procedure, no answer of the applicant's; mail only to the party's own
     * address in the register, never the one the applicant gave in the form.
     */
    private void tellTheParty(Dossier dossier, String state, long eventId) {
        String party = dossier.partyIdNumber();
        if (party == null || party.equals(dossier.applicantIdNumber())
                || !definitionOf(dossier).workflow().awaitsParty(state)) {
            return;
        }
        toTheParty(dossier, NotificationKind.AWAITING_PARTY, eventId, null);
    }

    /**
     * A notice to the other party, under the rules above (also that the dossier waits for them no more, or ended);
     * {@code detail}: only a message code of what concerns them (NotificationTexts).
     */
    private void toTheParty(Dossier dossier, NotificationKind kind, long eventId, String detail) {
        String party = dossier.partyIdNumber();
        String page = "/my/dossiers/" + (dossier.parentId() != null ? dossier.parentId() : dossier.id());
        Notice notice = new Notice(kind, dossier.receiptCode(), dossier.procedureCode(),
                dossier.procedureVersion(), detail, null, page);
        notifications.recordOnce(eventId, dossier.id(), party, notice).ifPresent(id -> {
            Optional<Person> person = register.person(new IdNumber(party));
            person.map(Person::email).flatMap(this::usable).ifPresent(address -> notifications.queueMail(id, address,
                    texts.mail(notice, person.get().fullName(), mail.link(page)), mail.messageIdDomain()));
        });
    }

    /** The other party (not the applicant) moved the dossier into a final state: they declined it (marriage). */
    private static boolean declinedByTheParty(Dossier before, DossierMoved moved,
                                              Optional<WorkflowDefinition.State> reached) {
        String party = before.partyIdNumber();
        return party != null && !party.equals(before.applicantIdNumber()) && party.equals(moved.actor())
                && reached.map(WorkflowDefinition.State::terminal).orElse(false);
    }

    /** The applicant ended a dossier that names another party (marriage: withdrew it, before or after the partner confirmed). */
    private static boolean endedByTheApplicant(Dossier before, DossierMoved moved, Optional<WorkflowDefinition.State> reached) {
        String party = before.partyIdNumber();
        return party != null && !party.equals(before.applicantIdNumber())
                && before.applicantIdNumber().equals(moved.actor())
                && reached.map(WorkflowDefinition.State::terminal).orElse(false);
    }

    private ProcedureDefinition definitionOf(Dossier dossier) {
        return catalog.of(dossier);
    }

    private void notify(Dossier dossier, long eventId, NotificationKind kind, String detail, LocalDate due) {
        // A step of an interconnected group is followed on the group's page.
        String page = "/my/dossiers/" + (dossier.parentId() != null ? dossier.parentId() : dossier.id());
        Notice notice = new Notice(kind, dossier.receiptCode(), dossier.procedureCode(), dossier.procedureVersion(),
                detail, due, page);
        long id = notifications.record(eventId, dossier.id(), dossier.applicantIdNumber(), notice);
        address(dossier).ifPresent(address -> notifications.queueMail(id, address,
                texts.mail(notice, dossier.applicantName(), mail.link(page)), mail.messageIdDomain()));
    }

    /** The address the citizen gave in the form, else the register's; none (or unusable): in-app only. */
    private Optional<String> address(Dossier dossier) {
        String given = dossier.answers().get("email");
        if (given != null && !given.isBlank()) {
            return usable(given);
        }
        return register.person(new IdNumber(dossier.applicantIdNumber())).map(Person::email).flatMap(this::usable);
    }

    private Optional<String> usable(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        try {
            InternetAddress parsed = new InternetAddress(address.strip(), true);
            parsed.validate();
            return Optional.of(parsed.getAddress());
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
