package vn.gov.portal.dossier;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Service;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.ProcedureDefinition.FeeDue;

/**
 * The fee due for a dossier, asked of its own version of the procedure with the facts only the dossier has: the day it
 * was filed (a late birth registration), whether an officer refused the exemption ground it declares, and whether it
 * is a step of an interconnected group (the group's fee covers its steps: one payment, Decree 63/2024), and the amount
 * an officer confirmed ({@code setsAmount}: a fine checked against its penalty decision). The review page, the
 * workflow's skip of the payment state, the payment's amount, the receipt and the pages all ask here.
 */
@Service
public class FeesDue {

    private final ProcedureCatalog catalog;
    private final Clock clock;

    FeesDue(ProcedureCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public FeeDue of(Dossier dossier) {
        if (dossier.parentId() != null) {
            return FeeDue.FREE;
        }
        if (dossier.amountDueVnd() != null) {
            return new FeeDue(dossier.amountDueVnd(), FeeDue.Reason.DUE, null);
        }
        LocalDate filedOn = dossier.submittedAt() == null ? LocalDate.now(clock)
                : LocalDate.ofInstant(dossier.submittedAt(), clock.getZone());
        return catalog.of(dossier)
                .feeDue(dossier.answers(), filedOn, dossier.feeExemptionRefused());
    }

    /** The grounds declared and not refused, by dossier, for a page of the queue. */
    public Map<java.util.UUID, ProcedureDefinition.Exemption> exemptions(java.util.List<Dossier> dossiers) {
        Map<java.util.UUID, ProcedureDefinition.Exemption> grounds = new java.util.HashMap<>();
        dossiers.forEach(d -> {
            FeeDue due = of(d);
            if (due.exempt()) {
                grounds.put(d.id(), due.ground());
            }
        });
        return grounds;
    }

    /** Before sending: what these answers would owe if the form were sent today. */
    public FeeDue ofForm(ProcedureDefinition definition, Map<String, String> answers) {
        return definition.feeDue(answers, LocalDate.now(clock), false);
    }
}
