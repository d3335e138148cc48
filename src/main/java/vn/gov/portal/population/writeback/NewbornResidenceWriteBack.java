package vn.gov.portal.population.writeback;

import java.time.Clock;
import java.time.LocalDate;
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
    private final Clock clock;

    NewbornResidenceWriteBack(PopulationRegister register, AuditLog audit, Clock clock) {
        this.register = register;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "newborn-residence";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        IdNumber child = new IdNumber(dossier.answer("child"));
        register.registerResidenceAtHousehold(child, LocalDate.now(clock));
        audit.record(dossier.actor(), "population.permanent-residence.registered", "person", child.value(),
                Map.of("dossier", dossier.receiptCode()));
    }
}
