package vn.gov.portal.population.writeback;

import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;
import vn.gov.portal.population.WriteBackOutlook;

/**
 * Permanent residence: the filer, and the members moving with them, are registered at the address the dossier names
 * and its police decided: in the household of the person in 'newHead' when that household is registered there, else
 * in a new household there that the filer heads (the owner of a rented home usually lives elsewhere). The relations
 * typed are towards the person named (towards the filer at their own home): each is recorded only when that person
 * heads the household actually joined; otherwise the register takes the relation to the actual head from its family
 * links, or leaves it to be declared ({@link PopulationRegister#registerPermanentResidence}). Answers: newProvince,
 * newCommune, newAddressDetail, newHead (optional), relationToNewHead (optional), movingMember_1..n (optional).
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
        IdNumber named = Answers.optionalPerson(dossier, "newHead").orElse(null);
        // Whom the relations were typed towards: the person named, or the filer, heading a household at their own home.
        IdNumber declaredTowards = named == null ? dossier.applicant() : named;
        IdNumber head = named;
        // The filer first, then the members moving along, one per row of the repeated section (movingMember_1 ...),
        // each with the relation given on their row.
        Map<IdNumber, String> movers = Answers.filerAndRows(dossier, "relationToNewHead", "movingMember",
                "movingMemberRelation");
        for (Map.Entry<IdNumber, String> mover : movers.entrySet()) {
            String relation = head != null && head.equals(declaredTowards) ? mover.getValue() : null;
            // The filer goes first: whoever the others join through is the household the filer joined or now heads.
            head = register.registerPermanentResidence(mover.getKey(), head, relation, dossier.answer("newProvince"),
                    dossier.answer("newCommune"), dossier.answer("newAddressDetail"), dossier.decidedOn());
            audit.record(dossier.actor(), "population.permanent-residence.registered", "person", mover.getKey().value(),
                    Map.of("dossier", dossier.receiptCode(), "commune", dossier.answer("newCommune")));
        }
    }

    /**
     * Whether the movers join the named person's household or the filer starts a new one, which the citizen is not
     * told (the named person is typed by number) but the police deciding must know.
     */
    @Override
    public Optional<WriteBackOutlook> outlook(IdNumber applicant, Map<String, String> answers) {
        Optional<IdNumber> named = Answers.optionalPerson(answers, "newHead");
        String province = answers.getOrDefault("newProvince", "");
        String commune = answers.getOrDefault("newCommune", "");
        String detail = answers.getOrDefault("newAddressDetail", "");
        if (named.isEmpty()) {
            return Optional.of(new WriteBackOutlook("outlook.permanentResidence.ownHousehold"));
        }
        return Optional.of(register.householdAt(named.get(), province, commune, detail)
                .map(joined -> joined.headIdNumber() == null
                        ? new WriteBackOutlook("outlook.permanentResidence.joinsHeadless")
                        : WriteBackOutlook.naming(joined.headedBy(named.get())
                                ? "outlook.permanentResidence.joinsNamed" : "outlook.permanentResidence.joinsOtherHead",
                                joined.headName(), joined.headIdNumber()))
                .orElse(new WriteBackOutlook("outlook.permanentResidence.newHousehold")));
    }
}
