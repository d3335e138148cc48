package vn.gov.portal.population.writeback;

import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/**
 * Permanent residence: the filer, and the members moving with them, are registered at the address the dossier names
 * and its police decided: in the household of the person in 'newHead' when that household is registered there, else
 * in a new household there that the filer heads (the owner of a rented home usually lives elsewhere). Answers:
 * newProvince, newCommune, newAddressDetail, newHead (optional), relationToNewHead (optional), movingMember_1..n
 * (optional).
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
        // The filer first, then the members moving along, one per row of the repeated section (movingMember_1 ...),
        // each with the relation to the new head given on their row.
        Map<IdNumber, String> movers = Answers.filerAndRows(dossier, "relationToNewHead", "movingMember",
                "movingMemberRelation");
        for (Map.Entry<IdNumber, String> mover : movers.entrySet()) {
            String relation = head == null ? "Chủ hộ" : mover.getValue().isBlank() ? "Thành viên" : mover.getValue();
            // The filer goes first: whoever the others join through is the household the filer joined or now heads.
            head = register.registerPermanentResidence(mover.getKey(), head, relation, dossier.answer("newProvince"),
                    dossier.answer("newCommune"), dossier.answer("newAddressDetail"), dossier.decidedOn());
            audit.record(dossier.actor(), "population.permanent-residence.registered", "person", mover.getKey().value(),
                    Map.of("dossier", dossier.receiptCode(), "commune", dossier.answer("newCommune")));
        }
    }
}
