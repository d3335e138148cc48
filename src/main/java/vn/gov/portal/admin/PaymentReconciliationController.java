package vn.gov.portal.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.gov.portal.payment.PaymentsToReconcile;

/** The online payments to check against VNPAY's statement, for admins (/admin/** is admins only). */
@Controller
class PaymentReconciliationController {

    private final PaymentsToReconcile payments;

    PaymentReconciliationController(PaymentsToReconcile payments) {
        this.payments = payments;
    }

    @GetMapping("/admin/payments")
    String page(Model model) {
        model.addAttribute("payments", payments.all());
        return "admin/payments";
    }
}
