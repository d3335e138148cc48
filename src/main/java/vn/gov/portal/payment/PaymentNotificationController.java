package vn.gov.portal.payment;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * VNPAY's IPN URL: the gateway calls it server to server with the same signed vnp_* parameters the browser brings
 * back, whether or not the browser ever comes back. No login and no session (security configuration); the signature
 * is what is trusted. The address must be registered with VNPAY for the merchant (docs/operations.md).
 */
@RestController
class PaymentNotificationController {

    static final String PATH = "/payments/vnpay/ipn";
    private static final Logger log = LoggerFactory.getLogger(PaymentNotificationController.class);

    private final Payments payments;

    PaymentNotificationController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping(PATH)
    Map<String, String> notified(@RequestParam Map<String, String> params) {
        try {
            return VnpayGateway.ipnAnswer(payments.notified(params).outcome());
        } catch (RuntimeException e) {
            // Rolled back; any code but 00 and 02 makes VNPAY notify again later.
            log.warn("Could not process a payment notification", e);
            return VnpayGateway.ipnAnswer(null);
        }
    }
}
