package vn.gov.portal.population.writeback;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/**
 * Temporary residence (1.004194): the new temporary address and its period, for the filer and each household member
 * registering along (CT01 item 11), with an audit entry each. Answers: newProvince, newCommune, newAddressDetail,
 * periodFrom, periodTo, stayingMember_1..n (optional; absent from dossiers of version 1).
 */
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
        LocalDate from = LocalDate.parse(dossier.answer("periodFrom"));
        LocalDate to = LocalDate.parse(dossier.answer("periodTo"));
        for (IdNumber person : Answers.filerAndRows(dossier, null, "stayingMember", "stayingMemberRelation").keySet()) {
            register.registerTemporaryResidence(person, dossier.answer("newProvince"), dossier.answer("newCommune"),
                    dossier.answer("newAddressDetail"), from, to);
            audit.record(dossier.actor(), "population.temporary-residence.registered", "person", person.value(),
                    Map.of("dossier", dossier.receiptCode(), "commune", dossier.answer("newCommune"), "from",
                            from.toString(), "to", to.toString()));
        }
    }
}
