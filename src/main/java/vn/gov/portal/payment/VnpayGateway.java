package vn.gov.portal.payment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
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
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VNPAY payment gateway, protocol version 2.1.0: the browser goes to the pay URL with the order as query
 * parameters signed with HMAC-SHA512 over the merchant's hash secret, and comes back to the return URL with the
 * result signed the same way. An order whose confirmation never came is asked about with VNPAY's transaction query
 * (querydr: a JSON POST to the merchant API, signed with HMAC-SHA512 over its fields joined with '|', and answered
 * signed the same way). Exists only when the merchant is configured (portal.payment.vnpay.*, from the
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
    /** Response code of a return or IPN, and transaction status: money deducted, transaction suspected of fraud. */
    private static final String SUSPECTED = "07";
    /** querydr: no such transaction at VNPAY (never paid, or never reached the checkout). */
    private static final String NOT_FOUND = "91";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** The fields of a querydr request and of its answer, in the order VNPAY joins them with '|' to sign them. */
    static final List<String> QUERY_SIGNED = List.of("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode",
            "vnp_TxnRef", "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo");
    static final List<String> QUERY_ANSWER_SIGNED = List.of("vnp_ResponseId", "vnp_Command", "vnp_ResponseCode",
            "vnp_Message", "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
            "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount");
    /** A gateway slower than this is taken as unreachable: the expiry job asks again on a later run. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String payUrl;
    private final URI queryUrl;
    private final String tmnCode;
    private final byte[] hashSecret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String serverIp;

    public VnpayGateway(@Value("${portal.payment.vnpay.pay-url}") String payUrl,
                        @Value("${portal.payment.vnpay.query-url:}") String queryUrl,
                        @Value("${portal.payment.vnpay.tmn-code}") String tmnCode,
                        @Value("${portal.payment.vnpay.hash-secret}") String hashSecret, Clock clock) {
        if (payUrl.isBlank() || tmnCode.isBlank() || hashSecret.isBlank()) {
            throw new IllegalStateException("portal.payment.vnpay.pay-url, tmn-code and hash-secret must not be empty");
        }
        // Without the query, attempts whose confirmation was lost could only be expired unasked, money taken or not.
        if (queryUrl.isBlank()) {
            throw new IllegalStateException("PORTAL_PAYMENT_VNPAY_QUERY_URL (portal.payment.vnpay.query-url) must be set"
                    + " with the VNPAY merchant: VNPAY's transaction query API, see docs/operations.md");
        }
        this.payUrl = payUrl;
        this.queryUrl = URI.create(queryUrl);
        this.tmnCode = tmnCode;
        this.hashSecret = hashSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public URI checkout(PaymentOrder order, String returnUrl) {
        ZonedDateTime now = order.orderedAt().atZone(VIETNAM);
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
        return new PaymentResult(authentic, !authentic ? PaymentResult.Verdict.NOT_PAID
                : verdict(signed.get("vnp_ResponseCode"), signed.get("vnp_TransactionStatus")),
                signed.get("vnp_TxnRef"), amountVnd(signed.get("vnp_Amount")), signed.get("vnp_TransactionNo"));
    }

    /**
     * A return's or an IPN's verdict: paid only with response code and transaction status both 00. Code 07 in either
     * ("trừ tiền thành công, giao dịch bị nghi ngờ": money deducted, transaction suspected of fraud) is no failure: the
     * citizen's money is at VNPAY until it is reconciled.
     */
    private static PaymentResult.Verdict verdict(String responseCode, String transactionStatus) {
        if (SUCCESS.equals(responseCode) && SUCCESS.equals(transactionStatus)) {
            return PaymentResult.Verdict.PAID;
        }
        return SUSPECTED.equals(responseCode) || SUSPECTED.equals(transactionStatus)
                ? PaymentResult.Verdict.SUSPECTED : PaymentResult.Verdict.NOT_PAID;
    }

    @Override
    public OrderStatus query(String reference, Instant orderedAt) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("vnp_RequestId", UUID.randomUUID().toString().replace("-", ""));   // unique within the day
        request.put("vnp_Version", VERSION);
        request.put("vnp_Command", "querydr");
        request.put("vnp_TmnCode", tmnCode);
        request.put("vnp_TxnRef", reference);
        request.put("vnp_TransactionDate", TIMESTAMP.format(orderedAt.atZone(VIETNAM)));   // the order's vnp_CreateDate
        request.put("vnp_CreateDate", TIMESTAMP.format(ZonedDateTime.now(clock.withZone(VIETNAM))));
        request.put("vnp_IpAddr", serverIp());
        request.put("vnp_OrderInfo", "Truy van giao dich " + reference);
        request.put("vnp_SecureHash", hmac(pipeJoined(request, QUERY_SIGNED)));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(queryUrl).timeout(QUERY_TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return OrderStatus.unreachable(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OrderStatus.unreachable("interrupted");
        }
        if (response.statusCode() != 200) {
            return OrderStatus.unreachable("HTTP " + response.statusCode());
        }
        Map<String, String> answer = new LinkedHashMap<>();
        try {
            JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {}).forEach((name, value) -> {
                if (value != null) {
                    answer.put(name, String.valueOf(value));
                }
            });
        } catch (JacksonException e) {
            return OrderStatus.noAnswer("not JSON");
        }
        return read(answer, reference);
    }

    /**
     * What a querydr answer says, if it is VNPAY's: signed with the merchant's secret over its fields in VNPAY's
     * order (our terminal code among them, so an answer for another merchant fails), about the order asked for.
     */
    private OrderStatus read(Map<String, String> answer, String reference) {
        Map<String, String> signed = new LinkedHashMap<>(answer);
        signed.put("vnp_TmnCode", tmnCode);
        String received = answer.getOrDefault("vnp_SecureHash", "").toLowerCase(Locale.ROOT);
        if (!MessageDigest.isEqual(hmac(pipeJoined(signed, QUERY_ANSWER_SIGNED)).getBytes(StandardCharsets.US_ASCII),
                received.getBytes(StandardCharsets.US_ASCII))) {
            return OrderStatus.noAnswer("invalid signature");
        }
        String code = answer.getOrDefault("vnp_ResponseCode", "");
        String txnRef = answer.getOrDefault("vnp_TxnRef", "");
        String status = answer.getOrDefault("vnp_TransactionStatus", "");
        if (NOT_FOUND.equals(code) && (txnRef.isEmpty() || txnRef.equals(reference))) {
            return OrderStatus.notPaid("vnp_ResponseCode=" + code);
        }
        if (!SUCCESS.equals(code)) {
            return OrderStatus.noAnswer("vnp_ResponseCode=" + code);
        }
        if (!txnRef.equals(reference)) {
            return OrderStatus.noAnswer("answer for another order");
        }
        if (SUCCESS.equals(status)) {
            return OrderStatus.paid(new PaymentResult(true, PaymentResult.Verdict.PAID, reference,
                    amountVnd(answer.get("vnp_Amount")), answer.get("vnp_TransactionNo")));
        }
        if (SUSPECTED.equals(status)) {
            return OrderStatus.suspected(new PaymentResult(true, PaymentResult.Verdict.SUSPECTED, reference,
                    amountVnd(answer.get("vnp_Amount")), answer.get("vnp_TransactionNo")), "vnp_TransactionStatus=" + status);
        }
        if (status.isEmpty()) {
            return OrderStatus.noAnswer("no vnp_TransactionStatus");
        }
        // 01 and 02 took nothing; the others (reversed, refunds) are no payment the portal can apply either: their
        // code, kept in the audit entry, sends the finance desk to VNPAY's merchant portal.
        return OrderStatus.notPaid("vnp_TransactionStatus=" + status);
    }

    /** The values of these fields joined with '|', a missing one as empty: the data a querydr message is signed over. */
    static String pipeJoined(Map<String, String> fields, List<String> names) {
        return names.stream().map(name -> fields.getOrDefault(name, "")).collect(Collectors.joining("|"));
    }

    /** The address of this server, which the query names (vnp_IpAddr); looked up once. */
    private String serverIp() {
        if (serverIp == null) {
            try {
                serverIp = InetAddress.getLocalHost().getHostAddress();
            } catch (IOException e) {
                serverIp = "127.0.0.1";
            }
        }
        return serverIp;
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
