package vn.gov.portal.population.writeback;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/**
 * Records the document a procedure issues (passport, certificate, licence, decision) against the person it is for.
 * Params: documentKind (required), personField (default: the filer; in a repeated section every row's person),
 * validYears or validUntilAge (optional). The document number is the dossier's receipt code prefixed by the kind, so it
 * can be traced to its dossier (with "-2", "-3" … for the second and later people of a repeated section).
 */
@Component
class DocumentWriteBack implements WriteBackHandler {

    private final PopulationRegister register;
    private final AuditLog audit;

    DocumentWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "record-document";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        String kind = dossier.param("documentKind", "");
        if (kind.isBlank()) {
            throw new IllegalStateException("record-document of " + dossier.procedureCode() + " needs documentKind");
        }
        String field = dossier.params().get("personField");
        List<IdNumber> people = field == null ? List.of() : Answers.people(dossier, field);
        if (people.isEmpty()) {
            record(register, audit, dossier, kind, dossier.applicant(), kind + "-" + dossier.receiptCode());
            return;
        }
        // Several people picked on the rows of a repeated section (a family staying together): one record each,
        // numbered apart, since a document number is unique per kind.
        for (int i = 0; i < people.size(); i++) {
            record(register, audit, dossier, kind, people.get(i),
                    kind + "-" + dossier.receiptCode() + (i == 0 ? "" : "-" + (i + 1)));
        }
    }

    /**
     * Params validYears (from the day of issue) or validUntilAge (the holder's birthday at that age, e.g. a child's
     * health insurance card until 72 months).
     */
    private static LocalDate validUntil(PopulationRegister register, CompletedDossier dossier, IdNumber person) {
        String years = dossier.param("validYears", "");
        String age = dossier.param("validUntilAge", "");
        if (!age.isBlank()) {
            return register.person(person).map(p -> p.birthDate().plusYears(Integer.parseInt(age))).orElse(null);
        }
        return years.isBlank() ? null : dossier.decidedOn().plusYears(Integer.parseInt(years));
    }

    static void record(PopulationRegister register, AuditLog audit, CompletedDossier dossier, String kind,
                       IdNumber person) {
        record(register, audit, dossier, kind, person, kind + "-" + dossier.receiptCode());
    }

    private static void record(PopulationRegister register, AuditLog audit, CompletedDossier dossier, String kind,
                               IdNumber person, String documentNumber) {
        LocalDate today = dossier.decidedOn();
        String number = register.recordDocument(person, kind, documentNumber, today,
                validUntil(register, dossier, person), dossier.agencyName(), dossier.dossierId());
        audit.record(dossier.actor(), "population.document.issued", "person", person.value(),
                Map.of("dossier", dossier.receiptCode(), "kind", kind, "number", number));
    }
}
