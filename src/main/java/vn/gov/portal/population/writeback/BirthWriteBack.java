package vn.gov.portal.population.writeback;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

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

    /**
     * A birth filed again by a parent — a group refiled after a later step was refused, the other parent's own
     * dossier — is refused when submitted, as the approval would be. Only among the filer's own children: a refusal
     * must not tell the filer anything of a person typed by number (the other parent, or both for a relative filing),
     * so those cases wait for the officer's approval, which checks them all. The citizen is not given the child's
     * number: the parents find the child among their children in the procedures left to file.
     */
    @Override
    public Optional<Refusal> refusalAtFiling(Case dossier) {
        IdNumber applicant = dossier.applicant();
        Map<String, String> answers = dossier.answers();
        Birth birth = Birth.of(applicant, answers, id -> {
            String value = answers.get(id);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("a birth filed without the answer '" + id + "'");
            }
            return value;
        });
        boolean filerIsMother = birth.mother().filter(applicant::equals).isPresent();
        boolean filerIsFather = birth.father().filter(applicant::equals).isPresent();
        if (!filerIsMother && !filerIsFather) {
            return Optional.empty();
        }
        return register.registeredChild(birth.child(), filerIsMother ? applicant : null, filerIsFather ? applicant : null)
                .map(registered -> new Refusal("childFullName", "filing.birthAlreadyRegistered",
                        List.of(birth.child().fullName().strip(), DAY.format(birth.child().birthDate()))));
    }

    @Override
    public void apply(CompletedDossier dossier) {
        // The birth certificate's number is the dossier's receipt code, so it finds the child this dossier entered.
        Optional<IdNumber> entered = register.documentHolder(BIRTH_CERTIFICATE, dossier.receiptCode());
        if (entered.isPresent()) {
            dossier.output("childIdNumber", entered.get().value());
            return;
        }
        Birth birth = Birth.of(dossier.applicant(), dossier.answers(), dossier::answer);
        Optional<IdNumber> mother = birth.mother();
        Optional<IdNumber> father = birth.father();
        IdNumber parent = mother.or(() -> father).orElse(dossier.applicant());
        Household household = register.householdOf(parent)
                .orElseThrow(() -> new IllegalStateException("the child's parent has no household in the register"));
        boolean parentLeadsHousehold = household.headedBy(parent)
                || household.relationOf(parent).matches("Vợ|Chồng");
        NewPerson child = birth.child();
        // A household without a head (the head moved out or died) gives no relation to one: declared with the new head.
        String relation = household.headIdNumber() == null ? null : parentLeadsHousehold ? "Con" : "Cháu";
        IdNumber issued = register.registerBirth(child, dossier.agencyProvinceCode(), household.id(), relation,
                mother.orElse(null), father.orElse(null));
        dossier.output("childIdNumber", issued.value());
        register.recordDocument(issued, BIRTH_CERTIFICATE, dossier.receiptCode(), dossier.decidedOn(), null,
                dossier.agencyName(), dossier.dossierId());
        audit.record(dossier.actor(), "population.birth.registered", "person", issued.value(),
                Map.of("dossier", dossier.receiptCode(), "household", household.id()));
    }

    /** The newborn and the parents a birth dossier names, read alike when it is filed and when it is approved. */
    private record Birth(NewPerson child, Optional<IdNumber> mother, Optional<IdNumber> father) {

        /** {@code required} gives a required answer, refusing a missing one. */
        static Birth of(IdNumber applicant, Map<String, String> answers, Function<String, String> required) {
            String filerIs = answers.getOrDefault("filerIs", "OTHER");
            Optional<IdNumber> mother = filerIs.equals("MOTHER") ? Optional.of(applicant)
                    : Answers.optionalPerson(answers, filerIs.equals("FATHER") ? "motherIdNumber" : "childMother");
            Optional<IdNumber> father = filerIs.equals("FATHER") ? Optional.of(applicant)
                    : Answers.optionalPerson(answers, filerIs.equals("MOTHER") ? "fatherIdNumber" : "childFather");
            NewPerson child = new NewPerson(required.apply("childFullName"),
                    LocalDate.parse(required.apply("childBirthDate")), Sex.valueOf(required.apply("childSex")),
                    answers.getOrDefault("childEthnicity", "Kinh"), answers.getOrDefault("childNationality", "Việt Nam"),
                    answers.getOrDefault("childHomeTown", ""), required.apply("childPlaceOfBirth"));
            return new Birth(child, mother, father);
        }
    }
}
