package vn.gov.portal.population.writeback;

import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/** Marriage registration: both become married and are linked as spouses. Answers: partner. */
@Component
class MarriageWriteBack implements WriteBackHandler {

    private final PopulationRegister register;
    private final AuditLog audit;

    MarriageWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "marriage";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        IdNumber partner = new IdNumber(dossier.answer(dossier.param("personField", "partner")));
        register.recordMarriage(dossier.applicant(), partner);
        for (IdNumber spouse : new IdNumber[] {dossier.applicant(), partner}) {
            audit.record(dossier.actor(), "population.marriage.registered", "person", spouse.value(),
                    Map.of("dossier", dossier.receiptCode()));
        }
    }
}
