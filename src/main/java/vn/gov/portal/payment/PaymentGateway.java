package vn.gov.portal.payment;

import java.net.URI;
import java.time.Instant;
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

    /**
     * Asks the gateway, server to server, what became of the order with this reference sent to its checkout at
     * {@code orderedAt} ({@link PaymentOrder#orderedAt}): for the attempts whose confirmation never came. Never
     * throws for the gateway's trouble: that is an answer too ({@link OrderStatus.Answer#UNREACHABLE}).
     */
    OrderStatus query(String reference, Instant orderedAt);
}
