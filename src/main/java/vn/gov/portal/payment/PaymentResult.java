package vn.gov.portal.payment;

/**
 * The gateway's answer. {@code verdict} is PAID only when authentic and the gateway reports success; the other values
 * are as returned, and mean nothing when not authentic.
 */
public record PaymentResult(boolean authentic, Verdict verdict, String reference, long amountVnd, String transactionNo) {

    public enum Verdict {
        PAID,
        /** Nothing taken: cancelled, failed, timed out, unknown to the gateway. */
        NOT_PAID,
        /**
         * The money was taken but the gateway holds the transaction as suspected fraud (VNPAY 07): neither paid nor
         * unpaid until it is reconciled.
         */
        SUSPECTED
    }

    public boolean paid() {
        return verdict == Verdict.PAID;
    }
}
