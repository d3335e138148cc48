package vn.gov.portal.payment;

/**
 * The gateway's answer. {@code paid} only when authentic and the gateway reports success; the other values are as
 * returned, and mean nothing when not authentic.
 */
public record PaymentResult(boolean authentic, boolean paid, String reference, long amountVnd, String transactionNo) {}
