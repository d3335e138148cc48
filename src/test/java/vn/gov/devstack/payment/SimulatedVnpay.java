package vn.gov.devstack.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A stand-in for the VNPAY checkout (protocol 2.1.0) on the e-ID provider's server: {@code GET /vnpay/pay} checks
 * the merchant's signature and shows the order with "pay" and "cancel"; the choice is recorded, notified to the
 * merchant's IPN URL (registered with the gateway, not sent with the order: {@link #registerIpnUrl}) and sends the
 * browser back to {@code vnp_ReturnUrl}, both with the signed answer (vnp_ResponseCode 00 paid, 24 cancelled), as
 * VNPAY does. {@code POST /vnpay/merchant_webapi/api/transaction} answers the merchant's transaction query (querydr)
 * about the recorded choices.
 *
 * <p>The signing is written here again rather than borrowed from the portal's {@code VnpayGateway}, so that a mistake
 * on one side shows up as a refused signature instead of cancelling out. Like the e-ID provider's configuration, the
 * class is not {@code @Configuration} (lite-mode beans) and is added to the provider's context by {@code EidProvider}.
 */
public class SimulatedVnpay {

    /** The merchant the dev portal is configured as (DevStack.portalProperties). */
    public static final String TMN_CODE = "DEVPORTAL";
    public static final String HASH_SECRET = "dev-payment-secret-not-for-production";
    public static final String PAY_PATH = "/vnpay/pay";
    /** VNPAY's merchant API (querydr, refund) is /merchant_webapi/api/transaction on its host; here under /vnpay. */
    public static final String QUERY_PATH = "/vnpay/merchant_webapi/api/transaction";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SimulatedVnpay.class);
    private static final List<String> QUERY_FIELDS = List.of("vnp_RequestId", "vnp_Version", "vnp_Command",
            "vnp_TmnCode", "vnp_TxnRef", "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo");
    private static final List<String> QUERY_ANSWER_FIELDS = List.of("vnp_ResponseId", "vnp_Command",
            "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate",
            "vnp_TransactionNo", "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode",
            "vnp_PromotionAmount");

    /** The buyers' choices by order reference (vnp_TxnRef), as signed answers: what a query is answered from. */
    private final Map<String, Map<String, String>> choices = new ConcurrentHashMap<>();
    private volatile URI ipnUrl;
    private volatile boolean outOfOrder;
    /** Orders the transaction query answers with an error code about (99), never a verdict. */
    private final Set<String> withoutVerdict = ConcurrentHashMap.newKeySet();
    /** How many times the transaction query was asked about each order. */
    private final Map<String, Integer> queried = new ConcurrentHashMap<>();

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** Only the gateway's pages: public (the buyer is not an e-ID user), with CSRF on the pay / cancel form. */
    @Bean
    @Order(0)
    SecurityFilterChain simulatedVnpayPages(HttpSecurity http) throws Exception {
        http.securityMatcher("/vnpay/**").authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // The merchant's server calls the API with its signature, not with a browser's session.
                .csrf(csrf -> csrf.ignoringRequestMatchers(QUERY_PATH));
        return http.build();
    }

    @Bean
    RouterFunction<ServerResponse> simulatedVnpayRoutes() {
        return RouterFunctions.route().GET(PAY_PATH, this::checkout).POST(PAY_PATH, this::decide)
                .POST(QUERY_PATH, this::query).build();
    }

    /**
     * The merchant's IPN URL, as registered with VNPAY for the terminal code (the dev run: the portal's address;
     * the tests: their portal's random port). Null: no notifications.
     */
    public void registerIpnUrl(URI ipnUrl) {
        this.ipnUrl = ipnUrl;
    }

    /** While out of order, the merchant API answers HTTP 503, as a gateway in trouble does. */
    public void outOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    /** While set, the transaction query about this order answers error 99 (signed): no verdict, as VNPAY may. */
    public void withoutVerdict(String reference, boolean without) {
        if (without) {
            withoutVerdict.add(reference);
        } else {
            withoutVerdict.remove(reference);
        }
    }

    /** How many times the merchant asked about this order with the transaction query. */
    public int timesQueried(String reference) {
        return queried.getOrDefault(reference, 0);
    }

    /**
     * VNPAY took the money but holds the transaction as suspected fraud (response code and transaction status 07):
     * recorded as the choice the query answers from, and returned signed as the browser and the IPN would bring it.
     */
    public Map<String, String> decideSuspected(Map<String, String> order) {
        Map<String, String> answer = new TreeMap<>(answer(order, true));
        answer.put("vnp_ResponseCode", "07");
        answer.put("vnp_TransactionStatus", "07");
        answer.put("vnp_SecureHash", sign(answer));
        choices.put(order.get("vnp_TxnRef"), answer);
        return answer;
    }

    /**
     * The buyer's choice at the checkout, recorded by the gateway, and its signed answer; the checkout page's buttons
     * come here too. Tests call it for a payment whose return and notification are then lost.
     */
    public Map<String, String> decide(Map<String, String> order, boolean pay) {
        Map<String, String> answer = answer(order, pay);
        choices.put(order.get("vnp_TxnRef"), answer);
        return answer;
    }

    private ServerResponse checkout(ServerRequest request) {
        Map<String, String> order = request.params().toSingleValueMap();
        if (!validOrder(order)) {
            return ServerResponse.status(HttpStatus.BAD_REQUEST).render("vnpay-invalid", Map.of());
        }
        CsrfToken csrf = (CsrfToken) request.servletRequest().getAttribute(CsrfToken.class.getName());
        long amount = Long.parseLong(order.get("vnp_Amount")) / 100;
        return ServerResponse.ok().render("vnpay-pay", Map.of("csrf", csrf, "order", new TreeMap<>(order),
                "amount", String.format("%,d", amount).replace(',', '.'), "info", order.getOrDefault("vnp_OrderInfo", "")));
    }

    /** The buyer chose: the order comes back in hidden fields, so it is checked again before answering. */
    private ServerResponse decide(ServerRequest request) {
        Map<String, String> order = new LinkedHashMap<>(request.params().toSingleValueMap());
        boolean pay = "pay".equals(order.remove("decision"));
        order.keySet().removeIf(name -> !name.startsWith("vnp_"));
        if (!validOrder(order)) {
            return ServerResponse.status(HttpStatus.BAD_REQUEST).render("vnpay-invalid", Map.of());
        }
        Map<String, String> answer = decide(order, pay);
        notifyRegisteredIpn(answer);
        return ServerResponse.status(HttpStatus.FOUND)
                .location(URI.create(order.get("vnp_ReturnUrl") + "?" + query(answer))).build();
    }

    /**
     * VNPAY notifies the merchant's IPN URL of each answer, server to server, besides sending the browser back. Here
     * before the redirect, so that the return usually finds the payment settled (the portal takes either order). A
     * merchant that does not answer does not stop the buyer: the failure is logged, as VNPAY would retry later.
     */
    private void notifyRegisteredIpn(Map<String, String> answer) {
        URI registered = ipnUrl;
        if (registered == null) {
            return;
        }
        try {
            IpnAnswer merchant = notifyMerchant(registered, answer);
            if (!"00".equals(merchant.rspCode()) && !"02".equals(merchant.rspCode())) {
                log.warn("The merchant's IPN URL {} answered {}", registered, merchant);
            }
        } catch (RuntimeException e) {
            log.warn("Could not notify the merchant's IPN URL {}: {}", registered, e.toString());
        }
    }

    /**
     * The transaction query (querydr): a JSON POST signed over its fields joined with '|', answered the same way. An
     * order nobody chose anything for is not found (91); a chosen one is paid (transaction status 00) or not (02).
     */
    private ServerResponse query(ServerRequest request) throws Exception {
        if (outOfOrder) {
            return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        Map<String, String> asked = new LinkedHashMap<>();
        request.body(new ParameterizedTypeReference<Map<String, Object>>() {})
                .forEach((name, value) -> asked.put(name, String.valueOf(value)));
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("vnp_ResponseId", UUID.randomUUID().toString().replace("-", ""));
        answer.put("vnp_Command", "querydr");
        answer.put("vnp_TmnCode", TMN_CODE);
        answer.put("vnp_TxnRef", asked.getOrDefault("vnp_TxnRef", ""));
        queried.merge(answer.get("vnp_TxnRef"), 1, Integer::sum);
        Map<String, String> chosen = choices.get(answer.get("vnp_TxnRef"));
        if (!"querydr".equals(asked.get("vnp_Command")) || !TMN_CODE.equals(asked.get("vnp_TmnCode"))) {
            answer.put("vnp_ResponseCode", "02");
        } else if (!MessageDigest.isEqual(hmac(pipeJoined(asked, QUERY_FIELDS)).getBytes(StandardCharsets.US_ASCII),
                asked.getOrDefault("vnp_SecureHash", "").getBytes(StandardCharsets.US_ASCII))) {
            answer.put("vnp_ResponseCode", "97");
        } else if (withoutVerdict.contains(answer.get("vnp_TxnRef"))) {
            answer.put("vnp_ResponseCode", "99");
        } else if (chosen == null) {
            answer.put("vnp_ResponseCode", "91");
        } else {
            answer.put("vnp_ResponseCode", "00");
            for (String field : List.of("vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo", "vnp_OrderInfo")) {
                answer.put(field, chosen.get(field));
            }
            answer.put("vnp_TransactionType", "01");
            answer.put("vnp_TransactionStatus", chosen.get("vnp_TransactionStatus"));
        }
        answer.put("vnp_Message", "00".equals(answer.get("vnp_ResponseCode")) ? "Success" : "Error");
        answer.put("vnp_SecureHash", hmac(pipeJoined(answer, QUERY_ANSWER_FIELDS)));
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    /** The values of these fields joined with '|', a missing one as empty. */
    private static String pipeJoined(Map<String, String> fields, List<String> names) {
        return names.stream().map(name -> fields.getOrDefault(name, "")).collect(Collectors.joining("|"));
    }

    /** Signed by our merchant, for our merchant, a payment. */
    private static boolean validOrder(Map<String, String> order) {
        return TMN_CODE.equals(order.get("vnp_TmnCode")) && "pay".equals(order.get("vnp_Command"))
                && "2.1.0".equals(order.get("vnp_Version")) && order.getOrDefault("vnp_Amount", "").matches("\\d{3,15}")
                && order.containsKey("vnp_ReturnUrl") && order.containsKey("vnp_TxnRef") && signatureHolds(order);
    }

    private static boolean signatureHolds(Map<String, String> params) {
        String received = params.getOrDefault("vnp_SecureHash", "").toLowerCase(java.util.Locale.ROOT);
        return MessageDigest.isEqual(sign(params).getBytes(StandardCharsets.US_ASCII),
                received.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The gateway's signed answer to a checkout order (its parameters as the portal sent them): paid
     * (vnp_ResponseCode 00) or cancelled by the buyer (24). Tests use it to come back from the gateway as a browser
     * would, without a browser.
     */
    public static Map<String, String> answer(Map<String, String> order, boolean pay) {
        Map<String, String> answer = new TreeMap<>();
        answer.put("vnp_TmnCode", order.get("vnp_TmnCode"));
        answer.put("vnp_TxnRef", order.get("vnp_TxnRef"));
        answer.put("vnp_Amount", order.get("vnp_Amount"));
        answer.put("vnp_OrderInfo", order.get("vnp_OrderInfo"));
        answer.put("vnp_BankCode", "NCB");
        answer.put("vnp_PayDate", TIMESTAMP.format(LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh"))));
        answer.put("vnp_ResponseCode", pay ? "00" : "24");
        answer.put("vnp_TransactionStatus", pay ? "00" : "02");
        answer.put("vnp_TransactionNo", pay ? String.valueOf(ThreadLocalRandom.current().nextLong(10_000_000, 100_000_000)) : "0");
        answer.put("vnp_SecureHash", sign(answer));
        return answer;
    }

    private static final HttpClient GATEWAY_SERVER = HttpClient.newHttpClient();

    /** The merchant's answer to an IPN call: the HTTP status and the body's RspCode and Message. */
    public record IpnAnswer(int httpStatus, String rspCode, String message) {}

    /**
     * The gateway's server-to-server notification of an answer (IPN), as VNPAY sends it to the IPN URL registered for
     * the merchant: a GET with the signed answer as query parameters, no cookies, no browser. Tests use it to deliver
     * a payment whose browser never came back.
     */
    public static IpnAnswer notifyMerchant(URI ipnUrl, Map<String, String> answer) {
        try {
            HttpResponse<String> response = GATEWAY_SERVER.send(HttpRequest.newBuilder(URI.create(ipnUrl + "?" + query(answer)))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            return new IpnAnswer(response.statusCode(), field(response.body(), "RspCode"), field(response.body(), "Message"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return value.find() ? value.group(1) : null;
    }

    /** The parameters of a checkout address the portal redirected to. */
    public static Map<String, String> orderOf(URI checkout) {
        Map<String, String> order = new LinkedHashMap<>();
        for (String pair : checkout.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            order.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.US_ASCII),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.US_ASCII));
        }
        return order;
    }

    /** HMAC-SHA512 (hex) over the non-empty vnp_* parameters but the hash, sorted, form-encoded, joined with '&'. */
    public static String sign(Map<String, String> params) {
        TreeMap<String, String> signed = new TreeMap<>(params);
        signed.keySet().removeIf(name -> !name.startsWith("vnp_") || name.equals("vnp_SecureHash")
                || name.equals("vnp_SecureHashType"));
        signed.values().removeIf(value -> value == null || value.isEmpty());
        return hmac(query(signed));
    }

    /** HMAC-SHA512 (hex) with the merchant's hash secret. */
    public static String hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(HASH_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.US_ASCII) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.US_ASCII))
                .collect(Collectors.joining("&"));
    }
}
