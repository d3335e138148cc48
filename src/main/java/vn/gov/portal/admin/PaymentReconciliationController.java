package vn.gov.portal.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.payment.Payments;
import vn.gov.portal.payment.PaymentsToReconcile;
import vn.gov.portal.web.Messages;
import vn.gov.portal.web.PostedForm;
import vn.gov.portal.web.RefusedForms;

/**
 * The online payments to check against VNPAY's statement, for admins (/admin/** is admins only), and the close by
 * hand of one held for reconciliation once it is checked.
 */
@Controller
class PaymentReconciliationController {

    private final PaymentsToReconcile toReconcile;
    private final Payments payments;
    private final Messages messages;
    private final RefusedForms refusals;

    PaymentReconciliationController(PaymentsToReconcile toReconcile, Payments payments, Messages messages,
                                    RefusedForms refusals) {
        this.toReconcile = toReconcile;
        this.payments = payments;
        this.messages = messages;
        this.refusals = refusals;
    }

    @GetMapping("/admin/payments")
    String page(Model model) {
        model.addAttribute("payments", toReconcile.all());
        return "admin/payments";
    }

    /** Refused: the page again, the form as typed and the reason beside its field; nothing changed. */
    @PostMapping("/admin/payments/{reference}/close")
    String close(@PathVariable String reference, @RequestParam(required = false) String verdict,
                 @RequestParam(required = false) String gatewayTxn, @RequestParam(required = false) String note,
                 PortalUser admin, Model model, Locale locale, HttpServletResponse response,
                 RedirectAttributes redirect) {
        try {
            Payments.ClosedByHand closed = payments.closeHeld(admin, reference, Payments.Reconciled.of(verdict), gatewayTxn,
                    note);
            redirect.addFlashAttribute("notice",
                    messages.text("reconciliation.closed." + closed.status(), new Object[] {reference}, locale));
            return "redirect:/admin/payments";
        } catch (UserFacingException e) {
            PostedForm form = new PostedForm("close-" + reference, "close-" + reference)
                    .field("verdict", "verdict-paid-" + reference, verdict)
                    .field("gatewayTxn", "txn-" + reference, gatewayTxn)
                    .field("note", "note-" + reference, note);
            refusals.show(e, form, model, locale, response);
            return page(model);
        }
    }
}
