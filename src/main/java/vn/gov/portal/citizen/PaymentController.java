package vn.gov.portal.citizen;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.payment.Payments;
import vn.gov.portal.web.Messages;

/** Paying a dossier online: off to the payment gateway, and back with its result. */
@Controller
class PaymentController {

    private final Payments payments;
    private final Messages messages;

    PaymentController(Payments payments, Messages messages) {
        this.payments = payments;
        this.messages = messages;
    }

    @PostMapping("/my/dossiers/{id}/payment")
    String pay(@PathVariable UUID id, PortalUser citizen, HttpServletRequest request, Locale locale,
               RedirectAttributes redirect) {
        // Built from the request as the proxy forwarded it, so that the gateway sends the browser back to us.
        String returnUrl = ServletUriComponentsBuilder.fromContextPath(request).path("/payments/return").toUriString();
        try {
            return "redirect:" + payments.start(citizen, id, returnUrl, request.getRemoteAddr());
        } catch (UserFacingException e) {
            if (e.isNotFound()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", messages.of(e, locale));
            return "redirect:/my/dossiers/" + id;
        }
    }

    /** The citizen's browser back from the gateway, with the gateway's signed result as query parameters. */
    @GetMapping("/payments/return")
    String returned(@RequestParam Map<String, String> params, Locale locale, RedirectAttributes redirect) {
        try {
            Payments.Completion completion = payments.complete(params);
            redirect.addFlashAttribute(completion.paid() ? "notice" : "problem",
                    messages.text(completion.messageCode(), null, locale));
            return "redirect:/my/dossiers/" + completion.dossierId();
        } catch (UserFacingException e) {
            redirect.addFlashAttribute("problem", messages.of(e, locale));
            return "redirect:/my/dossiers";
        }
    }
}
