package vn.gov.portal.payment;

/**
 * The gateway's word on an order the portal asked about ({@link PaymentGateway#query}). {@code result} is the
 * verified payment when {@code answer} is PAID or SUSPECTED, else null; {@code detail} says what the gateway answered (its codes,
 * or why there is no answer), for the audit log.
 */
public record OrderStatus(Answer answer, PaymentResult result, String detail) {

    public enum Answer {
        /** Signed by the gateway: the order was paid. */
        PAID,
        /**
         * Signed by the gateway: the money was taken but the gateway holds the transaction as suspected fraud (VNPAY
         * transaction status 07); {@code result} carries it. Neither paid nor unpaid: held for reconciliation.
         */
        SUSPECTED,
        /** Signed by the gateway: the order was not paid (unknown to it, cancelled, failed, never completed). */
        NOT_PAID,
        /** The gateway answered, but not with a verdict: an error code, a bad or missing signature, another order. */
        NO_ANSWER,
        /** The gateway could not be reached, or did not answer in time or with HTTP 200. */
        UNREACHABLE
    }

    static OrderStatus paid(PaymentResult result) {
        return new OrderStatus(Answer.PAID, result, "paid");
    }

    static OrderStatus suspected(PaymentResult result, String detail) {
        return new OrderStatus(Answer.SUSPECTED, result, detail);
    }

    static OrderStatus notPaid(String detail) {
        return new OrderStatus(Answer.NOT_PAID, null, detail);
    }

    static OrderStatus noAnswer(String detail) {
        return new OrderStatus(Answer.NO_ANSWER, null, detail);
    }

    static OrderStatus unreachable(String detail) {
        return new OrderStatus(Answer.UNREACHABLE, null, detail);
    }
}
