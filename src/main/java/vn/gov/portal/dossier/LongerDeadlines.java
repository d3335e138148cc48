package vn.gov.portal.dossier;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition.Deadline;
import vn.gov.portal.catalog.ProcedureDefinition.Longer;
import vn.gov.portal.identity.PortalUser;

/**
 * The lawful longer deadline of a procedure (deadline.longer: e.g. 15 working days instead of 10 when the facts must
 * be verified), applied by an officer of the handling agency to a dossier that needs it. Unlike an extension
 * ({@link Decisions#extendDeadline}) the dossier is not late: no apology letter (form 04), and since on-time figures
 * compare the completion with the appointment date, a dossier done by the new date counts as on time.
 */
@Service
public class LongerDeadlines {

    /** The timeline event; also what makes a second application impossible. */
    static final String EVENT = "longer-deadline";

    private final DossierRepository dossiers;
    private final Decisions decisions;
    private final ProcedureCatalog catalog;
    private final Appointments appointments;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LongerDeadlines(DossierRepository dossiers, Decisions decisions, ProcedureCatalog catalog, Appointments appointments,
                    AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.dossiers = dossiers;
        this.decisions = decisions;
        this.catalog = catalog;
        this.appointments = appointments;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** What the officer's page offers: the longer time, why it applies and the appointment it would give. */
    public record Offer(Longer longer, LocalDate newDate) {}

    /** The longer deadline the dossier may get now; empty when its procedure has none or it may not (see refusal). */
    public Optional<Offer> offer(Dossier dossier) {
        if (dossier.isDraft() || dossier.closedAt() != null || refusal(dossier).isPresent()) {
            return Optional.empty();
        }
        Deadline deadline = deadlineOf(dossier);
        return Optional.of(new Offer(deadline.longer(), newDate(dossier, deadline)));
    }

    @Transactional
    public Dossier apply(PortalUser officer, UUID id, int expectedLockVersion) {
        Dossier dossier = decisions.officerDossier(officer, id);
        Decisions.refuseIfHeldByAnother(dossier, officer);
        refusal(dossier).ifPresent(code -> {
            throw UserFacingException.refused(code);
        });
        Deadline deadline = deadlineOf(dossier);
        LocalDate newDate = newDate(dossier, deadline);
        if (dossier.lockVersion() != expectedLockVersion
                || !dossiers.extendAppointment(id, expectedLockVersion, newDate)) {
            throw UserFacingException.refused("decision.concurrent");
        }
        decisions.groupFollows(dossier, newDate, officer.username());
        long eventId = dossiers.addEvent(id, officer.username(), "STAFF", EVENT, dossier.state(), dossier.state(),
                dossier.statusCode(), deadline.longer().reason().vi());
        audit.record(officer.username(), "dossier.longer-deadline", "dossier", id.toString(), Map.of(
                "receiptCode", dossier.receiptCode(), "from", String.valueOf(dossier.appointmentDate()),
                "to", newDate.toString(), "workingDays", deadline.longer().workingDays()));
        events.publishEvent(new LongerDeadlineApplied(dossier, eventId, newDate, deadline.longer()));
        return dossiers.find(id).orElseThrow();
    }

    /**
     * Why the dossier cannot get the longer deadline. Once its appointment date has passed it is a late dossier, and
     * the path is an extension with the apology letter: the longer time is for a dossier found, in time, to need it.
     * The appointment day itself is still in time. While the citizen is asked for more the clock stands still, so
     * the day it stopped counts instead of today.
     */
    private Optional<String> refusal(Dossier dossier) {
        if (dossier.appointmentDate() == null || deadlineOf(dossier).longer() == null) {
            return Optional.of("longerDeadline.none");
        }
        if (dossiers.hasEvent(dossier.id(), EVENT)) {
            return Optional.of("longerDeadline.alreadyApplied");
        }
        LocalDate day = dossier.clockPausedOn() != null ? dossier.clockPausedOn() : LocalDate.now(clock);
        if (day.isAfter(dossier.appointmentDate())) {
            return Optional.of("longerDeadline.late");
        }
        return Optional.empty();
    }

    private LocalDate newDate(Dossier dossier, Deadline deadline) {
        // The legal time runs from the agency's receipt (a fee before intake, the partner's confirmation), as the usual one.
        LocalDateTime received = LocalDateTime.ofInstant(
                dossier.receivedAt() != null ? dossier.receivedAt() : dossier.submittedAt(), clock.getZone());
        return appointments.dueLonger(deadline, received, dossier.appointmentDate());
    }

    private Deadline deadlineOf(Dossier dossier) {
        return catalog.of(dossier).deadline();
    }
}
