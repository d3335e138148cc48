package vn.gov.portal.population.writeback;

import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/**
 * Permanent residence of a newly registered child: at the address of the household the birth registration placed the
 * child in. Answers: child (the child's ID number).
 */
@Component
class NewbornResidenceWriteBack implements WriteBackHandler {

    private final PopulationRegister register;
    private final AuditLog audit;

    NewbornResidenceWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "newborn-residence";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        IdNumber child = new IdNumber(dossier.answer("child"));
        register.registerResidenceAtHousehold(child, dossier.decidedOn());
        audit.record(dossier.actor(), "population.permanent-residence.registered", "person", child.value(),
                Map.of("dossier", dossier.receiptCode()));
    }
}
