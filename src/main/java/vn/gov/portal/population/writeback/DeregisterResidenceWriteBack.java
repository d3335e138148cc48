package vn.gov.portal.population.writeback;

import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/** Deregistration of permanent residence (after death): the residence ends today. Param personField (default deceased). */
@Component
class DeregisterResidenceWriteBack implements WriteBackHandler {

    private final PopulationRegister register;
    private final AuditLog audit;

    DeregisterResidenceWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "deregister-residence";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        IdNumber person = Answers.personOrApplicant(dossier, dossier.param("personField", "deceased"));
        register.deregisterPermanentResidence(person, dossier.decidedOn());
        audit.record(dossier.actor(), "population.permanent-residence.deregistered", "person", person.value(),
                Map.of("dossier", dossier.receiptCode()));
    }
}
