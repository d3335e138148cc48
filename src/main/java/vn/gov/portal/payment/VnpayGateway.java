package vn.gov.portal.payment;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.stereotype.Component;

/**
 * The VNPAY payment gateway, protocol version 2.1.0: the browser goes to the pay URL with the order as query
 * parameters signed with HMAC-SHA512 over the merchant's hash secret, and comes back to the return URL with the
 * result signed the same way. Exists only when the merchant is configured (portal.payment.vnpay.*, from the
 * PORTAL_PAYMENT_VNPAY_* variables), so that a portal without a merchant account still starts and tells citizens
 * that online payment is not available.
 */
@Component
@Conditional(VnpayGateway.Configured.class)
public class VnpayGateway implements PaymentGateway {

    /**
     * All three settings present and not blank. Not {@code @ConditionalOnProperty}: application.yml maps the
     * PORTAL_PAYMENT_VNPAY_* variables with an empty default, and that condition counts an empty value as set.
     */
    static class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Stream.of("pay-url", "tmn-code", "hash-secret").map(name -> context.getEnvironment()
                    .getProperty("portal.payment.vnpay." + name, "")).noneMatch(String::isBlank);
        }
    }

    static final String VERSION = "2.1.0";
    private static final String SUCCESS = "00";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String payUrl;
    private final String tmnCode;
    private final byte[] hashSecret;
    private final Clock clock;

    public VnpayGateway(@Value("${portal.payment.vnpay.pay-url}") String payUrl,
                        @Value("${portal.payment.vnpay.tmn-code}") String tmnCode,
                        @Value("${portal.payment.vnpay.hash-secret}") String hashSecret, Clock clock) {
        if (payUrl.isBlank() || tmnCode.isBlank() || hashSecret.isBlank()) {
            throw new IllegalStateException("portal.payment.vnpay.pay-url, tmn-code and hash-secret must not be empty");
        }
        this.payUrl = payUrl;
        this.tmnCode = tmnCode;
        this.hashSecret = hashSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public URI checkout(PaymentOrder order, String returnUrl) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(VIETNAM));
        SortedMap<String, String> params = new TreeMap<>();
        params.put("vnp_Version", VERSION);
        params.put("vnp_Command", "pay");
        params.put("vnp_TmnCode", tmnCode);
        params.put("vnp_Amount", String.valueOf(Math.multiplyExact(order.amountVnd(), 100L)));   // in 1/100 VND
        params.put("vnp_CurrCode", "VND");
        params.put("vnp_TxnRef", order.reference());
        params.put("vnp_OrderInfo", order.description());
        params.put("vnp_OrderType", "other");
        params.put("vnp_Locale", "vn");
        params.put("vnp_ReturnUrl", returnUrl);
        params.put("vnp_IpAddr", order.clientIp());
        params.put("vnp_CreateDate", TIMESTAMP.format(now));
        params.put("vnp_ExpireDate", TIMESTAMP.format(now.plus(Payments.CHECKOUT_WINDOW)));
        String query = signedData(params);
        return URI.create(payUrl + "?" + query + "&vnp_SecureHash=" + hmac(query));
    }

    @Override
    public PaymentResult verify(Map<String, String> returnedParams) {
        SortedMap<String, String> signed = new TreeMap<>();
        returnedParams.forEach((name, value) -> {
            if (name.startsWith("vnp_") && !name.equals("vnp_SecureHash") && !name.equals("vnp_SecureHashType")) {
                signed.put(name, value);
            }
        });
        String received = returnedParams.getOrDefault("vnp_SecureHash", "").toLowerCase(Locale.ROOT);
        // Constant time: the comparison must not tell a forger how much of a guessed hash was right.
        boolean authentic = MessageDigest.isEqual(hmac(signedData(signed)).getBytes(StandardCharsets.US_ASCII),
                received.getBytes(StandardCharsets.US_ASCII));
        boolean paid = authentic && SUCCESS.equals(signed.get("vnp_ResponseCode"))
                && SUCCESS.equals(signed.get("vnp_TransactionStatus"));
        return new PaymentResult(authentic, paid, signed.get("vnp_TxnRef"), amountVnd(signed.get("vnp_Amount")),
                signed.get("vnp_TransactionNo"));
    }

    /**
     * The body VNPAY expects from the merchant's IPN URL. VNPAY stops notifying once it gets 00 or 02 and notifies
     * again later on any other code, so an answer the portal could not process ({@code outcome} null) is 99.
     */
    static Map<String, String> ipnAnswer(Payments.Outcome outcome) {
        String[] answer = outcome == null ? new String[] {"99", "Unknown error"} : switch (outcome) {
            case APPLIED -> new String[] {"00", "Confirm Success"};
            case ALREADY_SETTLED -> new String[] {"02", "Order already confirmed"};
            case UNKNOWN_ORDER -> new String[] {"01", "Order not found"};
            case WRONG_AMOUNT -> new String[] {"04", "Invalid amount"};
            case FORGED -> new String[] {"97", "Invalid signature"};
        };
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("RspCode", answer[0]);
        body.put("Message", answer[1]);
        return body;
    }

    /**
     * The string both sides sign: non-empty parameters sorted by name, values form-encoded as VNPAY's reference code
     * does (US-ASCII), joined with '&amp;'. It is also the query string sent, so the gateway sees what was signed.
     */
    static String signedData(SortedMap<String, String> params) {
        return params.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.US_ASCII);
    }

    private String hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(hashSecret, "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is part of every Java runtime", e);
        }
    }

    /** vnp_Amount is in 1/100 VND; -1 when missing or not a number (never equal to an amount due). */
    private static long amountVnd(String amount) {
        try {
            long hundredths = amount == null ? -1 : Long.parseLong(amount);
            return hundredths >= 0 && hundredths % 100 == 0 ? hundredths / 100 : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
