package vn.gov.portal.population.writeback;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.Household;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Person;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;
import vn.gov.portal.population.WriteBackOutlook;

/**
 * Change of household head (Residence Law 2020 art. 26): a member of the household registers who heads it now — the
 * filer (newHeadIs SELF) or the member in newHead (newHeadIs MEMBER) — and the members' relations to the new head:
 * the filer's in relationToNewHead, the others' in the rows member_1..n / memberRelation_1..n; a member left out gets
 * the relation the family links give, else none ({@link PopulationRegister#registerHouseholdHead}, which refuses a new
 * head who is dead or not of the filer's household, and a filer who is not a member).
 */
@Component
class HouseholdHeadWriteBack implements WriteBackHandler {

    private final PopulationRegister register;
    private final AuditLog audit;

    HouseholdHeadWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "household-head";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        IdNumber newHead = newHead(dossier.applicant(), dossier.answers());
        Map<IdNumber, String> relations = Answers.filerAndRows(dossier, "relationToNewHead", "member",
                "memberRelation");
        register.registerHouseholdHead(dossier.applicant(), filedAbout(dossier.answers()), newHead, relations);
        audit.record(dossier.actor(), "population.household-head.registered", "person", newHead.value(),
                Map.of("dossier", dossier.receiptCode()));
    }

    /**
     * The filer learns at once what the approval would refuse, from their own household only (whose members the form
     * lists for them): they belong to none, or the member named is no longer a living member of it.
     */
    @Override
    public Optional<Refusal> refusalAtFiling(Case dossier) {
        IdNumber applicant = dossier.applicant();
        Map<String, String> answers = dossier.answers();
        Optional<Household> household = register.householdOf(applicant);
        if (household.isEmpty()) {
            return Optional.of(new Refusal("newHeadIs", "filing.householdHead.noHousehold", List.of()));
        }
        IdNumber newHead = newHead(applicant, answers);
        boolean member = household.get().members().stream().anyMatch(m -> m.idNumber().equals(newHead));
        boolean alive = register.person(newHead).map(Person::alive).orElse(false);
        return member && alive ? Optional.empty() : Optional.of(new Refusal(
                newHead.equals(applicant) ? "newHeadIs" : "newHead", "filing.householdHead.notMember", List.of()));
    }

    /** The household's head now and the one the dossier registers, for the officer deciding. */
    @Override
    public Optional<WriteBackOutlook> outlook(IdNumber applicant, Map<String, String> answers) {
        return register.householdOf(applicant).map(h -> h.headIdNumber() == null
                ? new WriteBackOutlook("outlook.householdHead.headless")
                : WriteBackOutlook.naming("outlook.householdHead.current", h.headName(), h.headIdNumber()));
    }

    /** The household the dossier was filed about (a locked prefill); null in dossiers filed before it was recorded. */
    private static Long filedAbout(Map<String, String> answers) {
        String number = answers.getOrDefault("householdNumber", "").strip();
        return number.isEmpty() ? null : Long.valueOf(number);
    }

    private static IdNumber newHead(IdNumber applicant, Map<String, String> answers) {
        return "MEMBER".equals(answers.get("newHeadIs"))
                ? Answers.optionalPerson(answers, "newHead").orElseThrow(() -> new IllegalStateException(
                        "a change of household head naming a member names none in 'newHead'"))
                : applicant;
    }
}
