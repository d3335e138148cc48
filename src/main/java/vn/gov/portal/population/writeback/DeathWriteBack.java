package vn.gov.portal.population.writeback;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/** Death registration: records the date of death, which closes the person's record. Answers: deceased, dateOfDeath. */
@Component
class DeathWriteBack implements WriteBackHandler {

    private final PopulationRegister register;
    private final AuditLog audit;

    DeathWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "death";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        IdNumber deceased = new IdNumber(dossier.answer(dossier.param("personField", "deceased")));
        LocalDate date = Answers.date(dossier, "dateOfDeath");
        register.recordDeath(deceased, date);
        audit.record(dossier.actor(), "population.death.registered", "person", deceased.value(),
                Map.of("dossier", dossier.receiptCode(), "dateOfDeath", date.toString()));
    }
}
