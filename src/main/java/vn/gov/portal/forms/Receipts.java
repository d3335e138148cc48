package vn.gov.portal.forms;

import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.DossierMoved;
import vn.gov.portal.dossier.DossierSubmitted;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.FeesDue;
import vn.gov.portal.payment.PaidFees;

/**
 * A dossier's receipt (form 01 / CT04), issued with the submission and kept. When the facts it states change
 * ({@link ReceiptFacts}: the payment settles, an officer confirms the amount, the receiver refuses the exemption ground,
 * the agency receives the dossier), the portal issues a new receipt with its own code and the earlier one verifies as
 * superseded by it; a receipt nobody could have yet (its PDF not drawn) is simply restated. One receipt is current per
 * dossier (a unique index), so a retry or a second trigger issues nothing twice.
 */
@Service
class Receipts {

    private final IssuedDocuments issued;
    private final Dossiers dossiers;
    private final ProcedureCatalog catalog;
    private final PaidFees paidFees;
    private final FeesDue feesDue;
    private final AuditLog audit;

    Receipts(IssuedDocuments issued, Dossiers dossiers, ProcedureCatalog catalog, PaidFees paidFees, FeesDue feesDue,
             AuditLog audit) {
        this.audit = audit;
        this.issued = issued;
        this.dossiers = dossiers;
        this.catalog = catalog;
        this.paidFees = paidFees;
        this.feesDue = feesDue;
    }

    /** What the dossier's receipt states now: the one source of both the drawing and the comparison. */
    ReceiptFacts factsOf(Dossier dossier) {
        Optional<PaidFees.Paid> paid = paidFees.of(dossier);
        ProcedureDefinition.FeeDue due = feesDue.of(dossier);
        return new ReceiptFacts(ReceiptFacts.receivedAt(dossier), dossier.amountDueVnd(), paid.orElse(null),
                paid.isEmpty() && due.exempt() ? due.ground() : null);
    }

    /** The current receipt, issued now with the facts of now if the dossier never had one. */
    IssuedDocument current(Dossier dossier) {
        OneStopForm form = formOf(dossier);
        return issued.currentReceipt(dossier.id(), form, false)
                .orElseGet(() -> issued.issueReceipt(dossier, form, dossier.submittedAt(), factsOf(dossier).fingerprint()));
    }

    /**
     * The receipt is issued with the submission, in its transaction: the dossier's page then only reads its code, and
     * the first view of a new dossier writes nothing.
     */
    @EventListener
    void submitted(DossierSubmitted event) {
        Dossier dossier = event.dossier();
        issued.issueReceipt(dossier, formOf(dossier), dossier.submittedAt(), factsOf(dossier).fingerprint());
    }

    /**
     * Every fact a receipt states changes in a move of the dossier, so this is the one trigger: just before the move's
     * transaction commits, when everything it wrote is there (the payment is marked paid after its move fires). The
     * move holds the dossier's row lock, so moves of one dossier compare one after another.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void moved(DossierMoved event) {
        reconcile(dossiers.refreshed(event.before()));
    }

    /**
     * Brings the current receipt in line with the dossier's facts: after a move, and when a download found the facts
     * changed while it drew (then the receipt is not drawn, so this restates it). None yet: it is issued, with the
     * facts of its time, with the submission or when first listed.
     */
    @Transactional
    public void reconcile(Dossier dossier) {
        issued.currentReceipt(dossier.id(), formOf(dossier), true).ifPresent(receipt -> reconcile(receipt, dossier));
    }

    private void reconcile(IssuedDocument receipt, Dossier dossier) {
        ReceiptFacts facts = factsOf(dossier);
        String now = facts.fingerprint();
        if (now.equals(receipt.facts())) {
            return;
        }
        if (!receipt.drawn()) {
            issued.restate(receipt, now, false);
        } else if (receipt.facts() == null && facts.sameAsAnyEarlierDrawing(dossier)) {
            issued.restate(receipt, now, true);
        } else {
            IssuedDocument replacement = issued.supersede(receipt, dossier, now);
            audit.record("portal", "document.receipt-superseded", "dossier", dossier.id().toString(), Map.of(
                    "receiptCode", dossier.receiptCode(), "form", receipt.form().number(),
                    "superseded", receipt.code(), "by", replacement.code()));
        }
    }

    private OneStopForm formOf(Dossier dossier) {
        return OneStopForm.receiptOf(catalog.of(dossier).formSet());
    }
}
