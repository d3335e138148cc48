package vn.gov.portal.population.writeback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/**
 * Permanent residence: the filer, and the member moving with them, join the household at the new address (headed by
 * the person in 'newHead', or a new household the filer heads). Answers: newProvince, newCommune,
 * newAddressDetail, newHead (optional), relationToNewHead (optional), movingMember (optional).
 */
@Component
class PermanentResidenceWriteBack implements WriteBackHandler {

    private final PopulationRegister register;
    private final AuditLog audit;

    PermanentResidenceWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "permanent-residence";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        IdNumber head = Answers.optionalPerson(dossier, "newHead").orElse(null);
        List<IdNumber> movers = new ArrayList<>(List.of(dossier.applicant()));
        Answers.optionalPerson(dossier, "movingMember").ifPresent(movers::add);
        String relation = dossier.answers().getOrDefault("relationToNewHead", "");
        for (IdNumber mover : movers) {
            register.registerPermanentResidence(mover, head, relation.isBlank() ? "Thành viên" : relation,
                    dossier.answer("newProvince"), dossier.answer("newCommune"), dossier.answer("newAddressDetail"),
                    dossier.decidedOn());
            if (head == null) {
                head = mover;   // the first mover heads the new household; the others join it
                relation = "Thành viên";
            }
            audit.record(dossier.actor(), "population.permanent-residence.registered", "person", mover.value(),
                    Map.of("dossier", dossier.receiptCode(), "commune", dossier.answer("newCommune")));
        }
    }
}
