package vn.gov.portal.dossier;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.State;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.WriteBackHandler;
import vn.gov.portal.workflow.WorkflowEngine;

/**
 * Officers' decisions on dossiers. Each is a transition of the procedure's workflow, fired by an officer holding one
 * of its roles in the dossier's agency, and commits together with its timeline entry, audit entry and write-back —
 * or not at all.
 */
@Service
public class Decisions {

    private static final int MAX_NOTE = 2000;

    private final DossierRepository dossiers;
    private final ProcedureCatalog catalog;
    private final AgencyDirectory agencies;
    private final WorkflowEngine engine;
    private final AuditLog audit;
    private final Map<String, WriteBackHandler> writeBacks;

    Decisions(DossierRepository dossiers, ProcedureCatalog catalog, AgencyDirectory agencies, WorkflowEngine engine,
              AuditLog audit, java.util.List<WriteBackHandler> writeBacks) {
        this.dossiers = dossiers;
        this.catalog = catalog;
        this.agencies = agencies;
        this.engine = engine;
        this.audit = audit;
        this.writeBacks = writeBacks.stream().collect(Collectors.toMap(WriteBackHandler::name, Function.identity()));
    }

    @Transactional
    public Dossier decide(PortalUser officer, UUID id, String event, String note, int expectedLockVersion) {
        Dossier dossier = dossiers.findForUpdate(id).filter(d -> !d.isDraft()).orElseThrow(UserFacingException::notFound);
        Set<String> roles = agencies.rolesIn(officer.username(), dossier.agencyId());
        if (roles.isEmpty()) {
            throw UserFacingException.notFound();
        }
        if (dossier.lockVersion() != expectedLockVersion) {
            throw UserFacingException.refused("decision.concurrent");
        }
        ProcedureDefinition definition = catalog.get(dossier.procedureCode(), dossier.procedureVersion());
        State current = definition.workflow().state(dossier.state()).orElseThrow();
        Transition transition = definition.workflow().transition(dossier.state(), event)
                .orElseThrow(() -> UserFacingException.refused("decision.notAllowedInState", current.label()));
        if (!transition.allows(roles)) {
            throw UserFacingException.refused("decision.roleMissing", transition.label());
        }
        String cleanNote = note == null ? "" : note.strip();
        if (transition.requiresNote() && cleanNote.isEmpty()) {
            throw UserFacingException.refused("decision.noteRequired", transition.label());
        }
        if (cleanNote.length() > MAX_NOTE) {
            throw UserFacingException.refused("decision.noteTooLong", MAX_NOTE);
        }
        String next = engine.next(definition.workflow(), dossier.state(), event, roles)
                .orElseThrow(() -> UserFacingException.refused("decision.notAllowedInState", current.label()));
        State target = definition.workflow().state(next).orElseThrow();
        if (!dossiers.transition(id, dossier.lockVersion(), next, target.status(), target.terminal())) {
            throw UserFacingException.refused("decision.concurrent");
        }
        dossiers.addEvent(id, officer.username(), "STAFF", event, dossier.state(), next, target.status(),
                cleanNote.isEmpty() ? null : cleanNote);
        audit.record(officer.username(), "dossier.transition", "dossier", id.toString(), Map.of(
                "receiptCode", dossier.receiptCode(), "event", event, "from", dossier.state(), "to", next,
                "status", target.status()));
        if (transition.writeBack()) {
            writeBacks.get(definition.writeBack()).apply(new CompletedDossier(id, dossier.receiptCode(),
                    dossier.procedureCode(), new IdNumber(dossier.applicantIdNumber()), dossier.answers(),
                    officer.username()));
        }
        return dossiers.find(id).orElseThrow();
    }
}
