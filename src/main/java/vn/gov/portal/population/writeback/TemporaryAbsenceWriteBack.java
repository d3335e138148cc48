package vn.gov.portal.population.writeback;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.WriteBackHandler;

/** Temporary absence: the period and destination. Answers: periodFrom, periodTo, destination (or destinationDetail). */
@Component
class TemporaryAbsenceWriteBack implements WriteBackHandler {

    private final PopulationRegister register;
    private final AuditLog audit;

    TemporaryAbsenceWriteBack(PopulationRegister register, AuditLog audit) {
        this.register = register;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "temporary-absence";
    }

    @Override
    public void apply(CompletedDossier dossier) {
        LocalDate from = Answers.date(dossier, "periodFrom");
        LocalDate to = Answers.date(dossier, "periodTo");
        String destination = dossier.answers().getOrDefault("destination",
                dossier.answers().getOrDefault("destinationDetail", ""));
        register.registerTemporaryAbsence(dossier.applicant(), from, to, destination);
        audit.record(dossier.actor(), "population.temporary-absence.registered", "person", dossier.applicant().value(),
                Map.of("dossier", dossier.receiptCode(), "from", from.toString(), "to", to.toString()));
    }
}
