package vn.gov.portal.population.writeback;

import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.Household;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.NewPerson;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.Sex;

/**
 * Birth registration: the child enters the register with a new personal ID number, in the mother's household (the
 * father's when the mother is unknown to the register), linked to both parents. A birth is registered once: the
 * register refuses a child the parents already have ({@link PopulationRegister#registerBirth}), and the same dossier
 * run again gives the child it entered.
 * Answers: childFullName, childSex (M/F), childBirthDate, childPlaceOfBirth, childEthnicity, childNationality,
 * childHomeTown; filerIs (MOTHER, FATHER or OTHER) with the other parent in fatherIdNumber / motherIdNumber, or
 * for OTHER the parents in childMother / childFather (either may be blank).
 */
@Component
class BirthWriteBack implements vn.gov.portal.population.WriteBackHandler {

    private static final String BIRTH_CERTIFICATE = "BIRTH_CERTIFICATE";

    private final PopulationRegister register;
    private final AuditLog audit;

    BirthWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public java.util.Set<String> outputs() {
        return java.util.Set.of("childIdNumber");
    }

    @Override
    public String name() {
        return "birth";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        // The birth certificate's number is the dossier's receipt code, so it finds the child this dossier entered.
        Optional<IdNumber> entered = register.documentHolder(BIRTH_CERTIFICATE, dossier.receiptCode());
        if (entered.isPresent()) {
            dossier.output("childIdNumber", entered.get().value());
            return;
        }
        String filerIs = dossier.answers().getOrDefault("filerIs", "OTHER");
        Optional<IdNumber> mother = filerIs.equals("MOTHER") ? Optional.of(dossier.applicant())
                : Answers.optionalPerson(dossier, filerIs.equals("FATHER") ? "motherIdNumber" : "childMother");
        Optional<IdNumber> father = filerIs.equals("FATHER") ? Optional.of(dossier.applicant())
                : Answers.optionalPerson(dossier, filerIs.equals("MOTHER") ? "fatherIdNumber" : "childFather");
        IdNumber parent = mother.or(() -> father).orElse(dossier.applicant());
        Household household = register.householdOf(parent)
                .orElseThrow(() -> new IllegalStateException("the child's parent has no household in the register"));
        boolean parentLeadsHousehold = household.headedBy(parent)
                || household.relationOf(parent).matches("Vợ|Chồng");
        NewPerson child = new NewPerson(dossier.answer("childFullName"), Answers.date(dossier, "childBirthDate"),
                Sex.valueOf(dossier.answer("childSex")), dossier.answers().getOrDefault("childEthnicity", "Kinh"),
                dossier.answers().getOrDefault("childNationality", "Việt Nam"),
                dossier.answers().getOrDefault("childHomeTown", ""), dossier.answer("childPlaceOfBirth"));
        IdNumber issued = register.registerBirth(child, dossier.agencyProvinceCode(), household.id(),
                parentLeadsHousehold ? "Con" : "Cháu", mother.orElse(null), father.orElse(null));
        dossier.output("childIdNumber", issued.value());
        register.recordDocument(issued, BIRTH_CERTIFICATE, dossier.receiptCode(), dossier.decidedOn(), null,
                dossier.agencyName(), dossier.dossierId());
        audit.record(dossier.actor(), "population.birth.registered", "person", issued.value(),
                Map.of("dossier", dossier.receiptCode(), "household", household.id()));
    }
}
