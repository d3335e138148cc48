package vn.gov.portal.population;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;

/** Temporary residence (1.004194): records the new temporary address and its period in the register. */
@Component
class TemporaryResidenceWriteBack implements WriteBackHandler {

    private final PopulationRegister register;
    private final AuditLog audit;

    TemporaryResidenceWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "temporary-residence";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        Map<String, String> a = dossier.answers();
        LocalDate from = LocalDate.parse(a.get("periodFrom"));
        LocalDate to = LocalDate.parse(a.get("periodTo"));
        register.registerTemporaryResidence(dossier.applicant(), a.get("newProvince"), a.get("newCommune"),
                a.get("newAddressDetail"), from, to);
        audit.record(dossier.actor(), "population.temporary-residence.registered", "person",
                dossier.applicant().value(), Map.of("dossier", dossier.receiptCode(), "commune", a.get("newCommune"),
                        "from", from.toString(), "to", to.toString()));
    }
}
