package vn.gov.portal.population.writeback;

import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Person;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/**
 * Deregistration of permanent residence (after death): the residence ends today, and the household the deceased headed
 * is left without a head (see {@link PopulationRegister#deregisterPermanentResidence}). Param personField (default
 * deceased). The person must be named and their death recorded: never the filer by default, never someone alive (the
 * definition's guard deathRecorded says so to the officer first; this holds even for a definition edited without it).
 */
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
        String field = dossier.param("personField", "deceased");
        IdNumber person = Answers.optionalPerson(dossier, field).orElseThrow(() -> new IllegalStateException(
                "dossier " + dossier.receiptCode() + " names nobody in '" + field + "' whose residence would end"));
        if (register.person(person).map(Person::alive).orElse(true)) {
            throw new IllegalStateException("dossier " + dossier.receiptCode()
                    + " would end the permanent residence of a person the register does not record as deceased");
        }
        register.deregisterPermanentResidence(person, dossier.decidedOn());
        audit.record(dossier.actor(), "population.permanent-residence.deregistered", "person", person.value(),
                Map.of("dossier", dossier.receiptCode()));
    }
}
