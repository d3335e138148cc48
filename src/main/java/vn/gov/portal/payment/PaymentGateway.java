package vn.gov.portal.payment;

import java.net.URI;
import java.util.Map;

/**
 * A payment gateway that takes the citizen's browser to its checkout page and sends it back with a signed result.
 * The portal never sees card or bank data; it trusts a result only after {@link #verify} checked the signature.
 */
public interface PaymentGateway {

    /** The address of the gateway's checkout page for this order; the gateway returns the browser to returnUrl. */
    URI checkout(PaymentOrder order, String returnUrl);

    /** Reads the parameters the gateway returned with the browser; {@code authentic} only if its signature holds. */
    PaymentResult verify(Map<String, String> returnedParams);
}
