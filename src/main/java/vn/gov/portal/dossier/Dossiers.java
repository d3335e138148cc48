package vn.gov.portal.dossier;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.LocalizedText;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.WorkflowDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.WriteBackHandler;
import vn.gov.portal.population.WriteBackOutlook;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Person;
import vn.gov.portal.population.PopulationRegister;

/**
 * Reading dossiers, always on behalf of someone: a citizen sees only their own, an officer only those of the agencies
 * they hold a role in. Anything else is "not found", so that guessing ids reveals nothing.
 */
@Service
public class Dossiers {

    public static final int PAGE_SIZE = 50;
    /** Deep pages are for search, not paging; the cap also keeps the offset far from overflowing. */
    public static final int MAX_PAGE = 1000;

    private final DossierRepository dossiers;
    private final AgencyDirectory agencies;
    private final ProcedureCatalog catalog;

    private final java.time.Clock clock;
    private final PopulationRegister register;
    private final AuditLog audit;
    private final Map<String, WriteBackHandler> writeBacks;
    private final FeesDue feesDue;

    Dossiers(DossierRepository dossiers, AgencyDirectory agencies, ProcedureCatalog catalog, java.time.Clock clock,
             PopulationRegister register, AuditLog audit, FeesDue feesDue, List<WriteBackHandler> writeBacks) {
        this.feesDue = feesDue;
        this.writeBacks = writeBacks.stream().collect(java.util.stream.Collectors.toMap(WriteBackHandler::name,
                java.util.function.Function.identity()));
        this.clock = clock;
        this.register = register;
        this.audit = audit;
        this.dossiers = dossiers;
        this.agencies = agencies;
        this.catalog = catalog;
    }

    public List<Dossier> ofCitizen(PortalUser citizen) {
        return dossiers.ofCitizen(citizen.subject());
    }

    /** The citizen's unsubmitted draft of a procedure (at most one per person and procedure); none for staff. */
    public Optional<Dossier> draftOf(PortalUser user, String procedureCode) {
        return user != null && user.isCitizen() ? dossiers.findDraft(user.subject(), procedureCode) : Optional.empty();
    }

    public Dossier forCitizen(PortalUser citizen, UUID id) {
        return dossiers.find(id).filter(d -> !d.citizenRoles(citizen.subject()).isEmpty())
                .filter(d -> !d.isDraft() || d.applicantIdNumber().equals(citizen.subject()))
                .orElseThrow(UserFacingException::notFound);
    }

    /** A dossier its agency handles ({@link Dossier#handledByAgency}: never a group's own), of an agency of the officer. */
    public Dossier forOfficer(PortalUser officer, UUID id) {
        return dossiers.find(id).filter(Dossier::handledByAgency)
                .filter(d -> !agencies.rolesIn(officer.username(), d.agencyId()).isEmpty())
                .orElseThrow(UserFacingException::notFound);
    }

    /**
     * The dossier as it is now, for a caller that already holds it on someone's behalf (a listener of its move, a
     * drawing that must be redone): no one learns of a dossier this way.
     */
    public Dossier refreshed(Dossier dossier) {
        return dossiers.find(dossier.id()).orElseThrow();
    }

    public List<Dossier> queue(PortalUser officer, QueueFilter filter, int page) {
        List<Long> ids = agencies.agenciesOf(officer.username()).stream().map(Agency::id).toList();
        return dossiers.queue(ids, catalog.officerStates(), filter, officer.username(), LocalDate.now(clock), PAGE_SIZE,
                Math.min(Math.max(0, page), MAX_PAGE) * PAGE_SIZE);
    }

    /** Other dossiers with the same answer to a {@code showRepeats} question, for the officer's page. */
    public record Repeats(FormField field, String answer, List<Other> others) {}

    /** Another dossier with the same answer, with the label of its state in its own version (e.g. "Đã nộp phạt"). */
    public record Other(Dossier dossier, LocalizedText stateLabel) {}

    /** How many other dossiers of the same answer the officer's page lists: enough to see a decision paid before. */
    static final int REPEATS_SHOWN = 20;

    /**
     * For each {@code showRepeats} question the dossier answered, the other dossiers of its procedure (any citizen,
     * any agency, any version) with the same answer: a penalty decision already paid or awaiting payment shows, and
     * the officer refuses the second payment. Only their receipt code, status and date are shown, nothing about who filed.
     */
    public List<Repeats> repeats(Dossier dossier) {
        return catalog.of(dossier).fields()
                .filter(FormField::showRepeats)
                .filter(f -> dossier.answers().get(f.id()) != null && !dossier.answers().get(f.id()).isBlank())
                .map(f -> new Repeats(f, dossier.answers().get(f.id()), dossiers.withSameAnswer(dossier.procedureCode(),
                        f.id(), dossier.answers().get(f.id()), dossier.id(), REPEATS_SHOWN).stream()
                        .map(other -> new Other(other, catalog.of(other)
                                .workflow().state(other.state()).map(vn.gov.portal.catalog.WorkflowDefinition.State::label).orElse(null)))
                        .toList()))
                .toList();
    }

    /** Colleagues in the dossier's agency, to whom it may be assigned. */
    public List<String> colleagues(Dossier dossier) {
        return agencies.staffOf(dossier.agencyId());
    }

    /** The decisions this officer may take on the dossier now. */
    public List<Transition> actionsFor(PortalUser user, Dossier dossier) {
        if (dossier.isDraft()) {
            return List.of();
        }
        Set<String> roles = user.isCitizen() ? dossier.citizenRoles(user.subject())
                : agencies.rolesIn(user.username(), dossier.agencyId());
        ProcedureDefinition definition = catalog.of(dossier);
        // Sending back to pay answers an exemption ground declared (Decisions): no button on the other dossiers.
        boolean exempt = !user.isCitizen() && feesDue.of(dossier).exempt();
        return definition.workflow().transitionsFrom(dossier.state()).stream()
                .filter(t -> !t.automatic() && t.allows(roles))
                .filter(t -> exempt || !definition.refusesExemption(t)).toList();
    }

    /**
     * The filing time a submitted dossier missed (notification of stay: 23:00 of the arrival day), worked out from its
     * answers and submission time under its own version, or null: a late filing is accepted and marked, not refused.
     */
    public java.time.LocalDateTime missedFilingDue(Dossier dossier) {
        if (dossier.submittedAt() == null) {
            return null;
        }
        return catalog.of(dossier).missedFilingDue(dossier.answers(),
                java.time.LocalDateTime.ofInstant(dossier.submittedAt(), clock.getZone())).orElse(null);
    }

    /** Of a page of dossiers, those filed after their filing time (worked out from their answers, no statement). */
    public java.util.Set<UUID> filedLate(List<Dossier> dossiers) {
        return dossiers.stream().filter(d -> missedFilingDue(d) != null).map(Dossier::id)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The step dossiers of an interconnected group, in order; empty for other dossiers. */
    public List<Dossier> steps(Dossier group) {
        return group.group() ? dossiers.steps(group.id()) : List.of();
    }

    /** The timeline the citizen sees: every step, without the officers' internal notes. */
    public List<DossierEvent> timeline(Dossier dossier) {
        return dossiers.events(dossier.id(), false);
    }

    /** The timeline the handling agency sees, internal notes included. */
    public List<DossierEvent> officerTimeline(Dossier dossier) {
        return dossiers.events(dossier.id(), true);
    }

    /**
     * The applicant's record in the population register, for the officer handling the dossier. Every such reading is
     * audited with its purpose (the dossier), so the citizen can later see who used their data and why.
     */
    public Optional<Person> applicantRecord(PortalUser officer, Dossier dossier) {
        IdNumber applicant = new IdNumber(dossier.applicantIdNumber());
        recordView(officer, dossier, applicant);
        return register.person(applicant);
    }

    /** Someone a dossier names besides the applicant (a person field: the deceased, a spouse, a moving member). */
    public record Involved(String answerId, LocalizedText role, Person person) {}

    /** The register records of the other people the dossier names; each reading is audited like the applicant's. */
    public List<Involved> othersInvolved(PortalUser officer, Dossier dossier) {
        ProcedureDefinition definition = catalog.of(dossier);
        Set<String> seen = new HashSet<>(Set.of(dossier.applicantIdNumber()));
        List<Involved> people = new ArrayList<>();
        for (ProcedureDefinition.FormSection section : definition.sections()) {
            for (FormField field : section.fields()) {
                if (field.type() != FormField.FieldType.PERSON) {
                    continue;
                }
                for (String answerId : section.answerIds(field)) {
                    String value = dossier.answers().getOrDefault(answerId, "");
                    if (IdNumber.isWellFormed(value) && seen.add(value)) {
                        IdNumber person = new IdNumber(value);
                        recordView(officer, dossier, person);
                        register.person(person).ifPresent(p -> people.add(new Involved(answerId, field.label(), p)));
                    }
                }
            }
        }
        return people;
    }

    /**
     * What approving this open dossier will write to the register as it stands now ({@link WriteBackHandler#outlook}):
     * whether the movers join the named household or the filer starts a new one, the household's head today. For the
     * officers of its agency; each person it names is recorded as read, like the other readings of the page. Empty
     * without a write-back, or once the dossier is approved or closed.
     */
    public Optional<WriteBackOutlook> approvalOutlook(PortalUser officer, Dossier dossier) {
        ProcedureDefinition definition = catalog.get(dossier.procedureCode(), dossier.procedureVersion());
        WriteBackHandler handler = definition.writeBack() == null ? null
                : writeBacks.get(definition.writeBack().handler());
        if (handler == null || !dossier.isOpen() || Integer.valueOf(9).equals(dossier.statusCode())) {
            return Optional.empty();
        }
        Optional<WriteBackOutlook> outlook = handler.outlook(new IdNumber(dossier.applicantIdNumber()),
                dossier.answers());
        outlook.ifPresent(o -> o.shown().forEach(person -> recordView(officer, dossier, person)));
        return outlook;
    }

    private void recordView(PortalUser officer, Dossier dossier, IdNumber person) {
        // The agency too: the officer may serve several, and the citizen's "who used my data" names the one that looked.
        audit.record(officer.username(), "population.viewed", "person", person.value(),
                Map.of("dossier", dossier.receiptCode(), "purpose", dossier.procedureCode(),
                        "agency", agencies.find(dossier.agencyId()).map(Agency::unitCode).orElse("")));
    }
}
