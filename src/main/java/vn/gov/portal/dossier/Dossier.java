package vn.gov.portal.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import vn.gov.portal.catalog.ProcedureCatalog;

/**
 * A filing of one procedure by one citizen: a draft until submitted, then a dossier moving through its workflow. An
 * interconnected group's own dossier also holds the versions of its steps it was filed with ({@code stepVersions},
 * empty for other dossiers): see {@link ProcedureCatalog#of}.
 */
public record Dossier(
        UUID id,
        String procedureCode,
        int procedureVersion,
        String applicantIdNumber,
        String applicantName,
        Long agencyId,
        String state,
        Integer statusCode,
        String receiptCode,
        Map<String, String> answers,
        Set<String> prefilled,
        Instant submittedAt,
        LocalDate appointmentDate,
        Instant closedAt,
        String partyIdNumber,
        UUID parentId,
        Integer stepIndex,
        boolean group,
        String assignee,
        LocalDate clockPausedOn,
        int lockVersion,
        Instant updatedAt,
        LocalDate supplementDue,
        boolean completed,
        boolean feeExemptionRefused,
        Long amountDueVnd,
        Instant receivedAt,
        List<Integer> stepVersions) implements ProcedureCatalog.FiledUnder {

    public static final String DRAFT = "draft";

    public boolean isDraft() {
        return DRAFT.equals(state);
    }

    public boolean isOpen() {
        return !isDraft() && closedAt == null;
    }

    /** The roles a citizen plays on this dossier: APPLICANT (who filed) and PARTY (who must confirm). */
    public java.util.Set<String> citizenRoles(String idNumber) {
        java.util.Set<String> roles = new java.util.HashSet<>();
        if (applicantIdNumber.equals(idNumber)) {
            roles.add("APPLICANT");
        }
        if (idNumber.equals(partyIdNumber)) {
            roles.add("PARTY");
        }
        return roles;
    }

    /** Whether any answer of the section was given: a conditional section that did not apply has none. */
    public boolean hasAnswersIn(vn.gov.portal.catalog.ProcedureDefinition.FormSection section) {
        return section.fields().stream().flatMap(f -> section.answerIds(f).stream())
                .anyMatch(id -> answers.get(id) != null && !answers.get(id).isBlank());
    }

    /**
     * The amount the applicant stated as due ({@value vn.gov.portal.catalog.ProcedureDefinition#AMOUNT_FIELD}: what the
     * penalty notice says), when they gave a whole number; what is charged is {@link #amountDueVnd}, once confirmed.
     */
    public Long statedAmountVnd() {
        String typed = answers.get(vn.gov.portal.catalog.ProcedureDefinition.AMOUNT_FIELD);
        try {
            return typed == null ? null : Long.valueOf(typed.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An officer confirmed an amount due that is not the one the applicant stated. */
    public boolean confirmedAmountDiffers() {
        return amountDueVnd != null && statedAmountVnd() != null && !amountDueVnd.equals(statedAmountVnd());
    }

    /** Waiting for the citizen to send what a supplementation request asks for. */
    public boolean awaitsSupplement() {
        return isOpen() && statusCode != null && statusCode == 5;
    }

    /**
     * The agency has received the dossier: it was filed straight to it, or the fee before intake was paid, or the other
     * party confirmed. Until then no officer sees or acts on it and its legal time has not started.
     */
    public boolean receivedByAgency() {
        return receivedAt != null;
    }

    /**
     * Its agency's officers see and act on it: received, and not the own dossier of an interconnected group. A group
     * holds every answer of the chain and is moved by the portal only; each agency handles its step, which holds only
     * what the step's own form asks for (GroupSteps), though the group carries the first step's agency.
     */
    public boolean handledByAgency() {
        return receivedByAgency() && !group;
    }

    /**
     * Still being dealt with against the legal clock: received, open and without its result yet (the result waiting
     * to be handed over ends that).
     */
    private boolean inHand() {
        return receivedByAgency() && isOpen() && !completed;
    }

    /** The legal clock stands still while the citizen is asked for a supplement (status 5). */
    private boolean clockStopped() {
        return clockPausedOn != null;
    }

    /** Due today or on the next working day: stands out in the queue before it becomes overdue. */
    public boolean dueSoon(LocalDate today, LocalDate nextWorkingDay) {
        return inHand() && !clockStopped() && appointmentDate != null && !appointmentDate.isBefore(today)
                && !appointmentDate.isAfter(nextWorkingDay);
    }

    /**
     * Overdue is not a status: the appointment date has passed while the agency deals with the dossier. Judged on the
     * day the legal clock stopped while a supplement is awaited (the appointment moves by the days waited when it
     * comes back), so only a dossier already late then is overdue meanwhile. A result finished late and waiting to
     * be handed over was late, and is no longer overdue (as the statistics count it). SQL: {@link #OVERDUE}.
     */
    public boolean overdue(LocalDate today) {
        return inHand() && appointmentDate != null
                && appointmentDate.isBefore(clockStopped() && clockPausedOn.isBefore(today) ? clockPausedOn : today);
    }

    /**
     * The same rule as {@link #overdue} on unqualified {@code dossier} columns, with {@code :today}; the queue, the
     * dashboard and the statistics use it. The plain comparison with today lets an index range on appointment_date.
     */
    public static final String OVERDUE = """
            (received_at is not null and closed_at is null and completed_at is null and appointment_date < :today
             and appointment_date < coalesce(clock_paused_on, :today))""";
}
