package vn.gov.portal.payment;

import java.time.Instant;

/**
 * What the citizen pays: our reference (unique per attempt), the amount in whole VND, a text for the gateway. The
 * attempt's creation time is the order's time at the gateway (VNPAY's vnp_CreateDate), which a query must repeat.
 * {@code clientIp} is the citizen's address (VNPAY's vnp_IpAddr: the customer's), as the reverse proxy forwarded it
 * ({@code server.forward-headers-strategy}); the transaction query names the portal's own address instead.
 */
public record PaymentOrder(String reference, long amountVnd, String description, String clientIp, Instant orderedAt) {}
