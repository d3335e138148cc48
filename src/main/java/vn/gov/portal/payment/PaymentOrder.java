package vn.gov.portal.payment;

/** What the citizen pays: our reference (unique per attempt), the amount in whole VND, a text for the gateway. */
public record PaymentOrder(String reference, long amountVnd, String description, String clientIp) {}
