package vn.gov.portal.population.writeback;

import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/** ID card renewal or re-issue: records the new card (the card number is the personal ID number's card record). */
@Component
class IdCardWriteBack implements WriteBackHandler {

    private final PopulationRegister register;
    private final AuditLog audit;

    IdCardWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "id-card";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        DocumentWriteBack.record(register, audit, dossier, "ID_CARD",
                Answers.personOrApplicant(dossier, dossier.params().get("personField")));
    }
}
