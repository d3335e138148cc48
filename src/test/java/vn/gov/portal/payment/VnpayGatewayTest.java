package vn.gov.portal.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.gov.devstack.payment.SimulatedVnpay;

/** The VNPAY 2.1.0 adapter against the protocol as written down, and against the dev stack's simulated gateway. */
class VnpayGatewayTest {

    private static final String SECRET = SimulatedVnpay.HASH_SECRET;
    /** 2025-11-23 02:30 UTC = 09:30 in Hà Nội. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-23T02:30:00Z"), ZoneOffset.UTC);

    private static final String REFERENCE = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private final VnpayGateway gateway = new VnpayGateway("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
            "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction", SimulatedVnpay.TMN_CODE, SECRET, CLOCK);

    private URI checkout() {
        return gateway.checkout(new PaymentOrder(REFERENCE, 1_250_000, "Thanh toan ho so CA.01-251123-0001",
                "203.0.113.7", CLOCK.instant()), "https://dichvucong.example.vn/payments/return");
    }

    @Test
    void theCheckoutAddressCarriesTheSortedOrderSignedWithHmacSha512OfTheSameQuery() throws Exception {
        URI uri = checkout();
        assertThat(uri.getHost()).isEqualTo("sandbox.vnpayment.vn");
        String query = uri.getRawQuery();
        String expectedSigned = "vnp_Amount=125000000&vnp_Command=pay&vnp_CreateDate=20251123093000"
                + "&vnp_CurrCode=VND&vnp_ExpireDate=20251123094500&vnp_IpAddr=203.0.113.7&vnp_Locale=vn"
                + "&vnp_OrderInfo=Thanh+toan+ho+so+CA.01-251123-0001&vnp_OrderType=other"
                + "&vnp_ReturnUrl=https%3A%2F%2Fdichvucong.example.vn%2Fpayments%2Freturn"
                + "&vnp_TmnCode=DEVPORTAL&vnp_TxnRef=0a1b2c3d4e5f60718293a4b5c6d7e8f9&vnp_Version=2.1.0";
        assertThat(query).isEqualTo(expectedSigned + "&vnp_SecureHash=" + hmacSha512(expectedSigned));

        List<String> names = List.of(query.split("&")).stream().map(p -> p.substring(0, p.indexOf('='))).toList();
        assertThat(names.subList(0, names.size() - 1)).isSorted();
    }

    @Test
    void theSimulatedGatewaysAnswersAreAuthenticPaidOrCancelled() {
        Map<String, String> order = SimulatedVnpay.orderOf(checkout());
        PaymentResult paid = gateway.verify(SimulatedVnpay.answer(order, true));
        assertThat(paid.authentic()).isTrue();
        assertThat(paid.paid()).isTrue();
        assertThat(paid.reference()).isEqualTo("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assertThat(paid.amountVnd()).isEqualTo(1_250_000);
        assertThat(paid.transactionNo()).matches("\\d{8}");

        PaymentResult cancelled = gateway.verify(SimulatedVnpay.answer(order, false));
        assertThat(cancelled.authentic()).isTrue();
        assertThat(cancelled.paid()).isFalse();
    }

    @Test
    void aTamperedAmountOrReferenceOrAMissingOrForeignHashIsNotAuthentic() {
        Map<String, String> answer = SimulatedVnpay.answer(SimulatedVnpay.orderOf(checkout()), true);

        Map<String, String> cheaper = new LinkedHashMap<>(answer);
        cheaper.put("vnp_Amount", "100");
        assertThat(gateway.verify(cheaper)).matches(r -> !r.authentic() && !r.paid());

        Map<String, String> otherReference = new LinkedHashMap<>(answer);
        otherReference.put("vnp_TxnRef", "ffffffffffffffffffffffffffffffff");
        assertThat(gateway.verify(otherReference)).matches(r -> !r.authentic() && !r.paid());

        Map<String, String> cancelledMadePaid = new LinkedHashMap<>(SimulatedVnpay.answer(SimulatedVnpay.orderOf(checkout()), false));
        cancelledMadePaid.put("vnp_ResponseCode", "00");
        cancelledMadePaid.put("vnp_TransactionStatus", "00");
        assertThat(gateway.verify(cancelledMadePaid)).matches(r -> !r.authentic() && !r.paid());

        Map<String, String> unsigned = new LinkedHashMap<>(answer);
        unsigned.remove("vnp_SecureHash");
        assertThat(gateway.verify(unsigned).authentic()).isFalse();

        VnpayGateway otherMerchant = new VnpayGateway("https://pay.example", "https://pay.example/api", "OTHER", "another-secret", CLOCK);
        assertThat(otherMerchant.verify(answer).authentic()).isFalse();
    }

    @Test
    void theHashIsAcceptedInUpperCaseAsSomeGatewayVersionsSendIt() {
        Map<String, String> answer = new LinkedHashMap<>(SimulatedVnpay.answer(SimulatedVnpay.orderOf(checkout()), true));
        answer.put("vnp_SecureHash", answer.get("vnp_SecureHash").toUpperCase());
        answer.put("vnp_SecureHashType", "HmacSHA512");   // not part of the signed data
        assertThat(gateway.verify(answer).paid()).isTrue();
    }

    /**
     * Without a merchant (or with an empty setting) there is no gateway, and the portal starts all the same; a merchant
     * without the query API refuses to start, since its lost confirmations could not be asked about.
     */
    @Test
    void theGatewayExistsOnlyWhenAllThreeSettingsAreGivenAndThenNeedsTheQueryApi() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withBean(Clock.class, () -> CLOCK).withUserConfiguration(VnpayGateway.class);
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PaymentGateway.class));
        runner.withPropertyValues("portal.payment.vnpay.pay-url=https://pay.example", "portal.payment.vnpay.tmn-code=X",
                        "portal.payment.vnpay.hash-secret=")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PaymentGateway.class));
        runner.withPropertyValues("portal.payment.vnpay.pay-url=https://pay.example", "portal.payment.vnpay.tmn-code=X",
                        "portal.payment.vnpay.hash-secret=s", "portal.payment.vnpay.query-url=https://api.example/transaction")
                .run(context -> assertThat(context).hasSingleBean(PaymentGateway.class));
        runner.withPropertyValues("portal.payment.vnpay.pay-url=https://pay.example", "portal.payment.vnpay.tmn-code=X",
                        "portal.payment.vnpay.hash-secret=s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("PORTAL_PAYMENT_VNPAY_QUERY_URL"));
    }

    // ---------------------------------------------------------------- the transaction query (querydr)

    /** VNPAY's documented order of the fields a querydr request is signed over, joined with '|'. */
    private static final List<String> REQUEST_ORDER = List.of("vnp_RequestId", "vnp_Version", "vnp_Command",
            "vnp_TmnCode", "vnp_TxnRef", "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo");
    /** And of the fields of its answer. */
    private static final List<String> ANSWER_ORDER = List.of("vnp_ResponseId", "vnp_Command", "vnp_ResponseCode",
            "vnp_Message", "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
            "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A stand-in for VNPAY's merchant API on a local port: records what it is sent, answers what the test says. */
    private static final class MerchantApi implements AutoCloseable {
        final HttpServer server;
        final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();
        /** Each request's method and content type. */
        final List<String> kinds = new CopyOnWriteArrayList<>();
        volatile int status = 200;
        volatile String body = "{}";

        MerchantApi() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/merchant_webapi/api/transaction", exchange -> {
                kinds.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
                requests.add(JSON.readValue(exchange.getRequestBody().readAllBytes(), new TypeReference<Map<String, Object>>() {}));
                byte[] answer = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        VnpayGateway gateway() {
            return new VnpayGateway("https://pay.example/vpcpay.html", "http://127.0.0.1:" + server.getAddress().getPort()
                    + "/merchant_webapi/api/transaction", SimulatedVnpay.TMN_CODE, SECRET, CLOCK);
        }

        /** Answers with these fields, signed over VNPAY's order with the merchant's secret (or the given one). */
        void answers(Map<String, String> fields, String secret) throws Exception {
            Map<String, String> answer = new LinkedHashMap<>(fields);
            String data = ANSWER_ORDER.stream().map(name -> fields.getOrDefault(name, "")).collect(Collectors.joining("|"));
            answer.put("vnp_SecureHash", hmacSha512(data, secret));
            body = JSON.writeValueAsString(answer);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static Map<String, String> paidAnswer() {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("vnp_ResponseId", "4f9b1c0e2d");
        answer.put("vnp_Command", "querydr");
        answer.put("vnp_ResponseCode", "00");
        answer.put("vnp_Message", "QueryDR Success");
        answer.put("vnp_TmnCode", SimulatedVnpay.TMN_CODE);
        answer.put("vnp_TxnRef", REFERENCE);
        answer.put("vnp_Amount", "125000000");
        answer.put("vnp_BankCode", "NCB");
        answer.put("vnp_PayDate", "20251123093512");
        answer.put("vnp_TransactionNo", "14226112");
        answer.put("vnp_TransactionType", "01");
        answer.put("vnp_TransactionStatus", "00");
        answer.put("vnp_OrderInfo", "Truy van giao dich " + REFERENCE);
        return answer;
    }

    @Test
    void theQueryIsAJsonPostSignedOverItsFieldsInVnpaysOrderAndASignedPaidAnswerIsAPayment() throws Exception {
        try (MerchantApi vnpay = new MerchantApi()) {
            vnpay.answers(paidAnswer(), SECRET);
            // The order went to the checkout at 09:15 in Hà Nội; asked at 09:30 (the clock).
            OrderStatus status = vnpay.gateway().query(REFERENCE, Instant.parse("2025-11-23T02:15:00Z"));

            assertThat(vnpay.kinds).containsExactly("POST application/json");
            Map<String, Object> sent = vnpay.requests.get(0);
            assertThat(sent).containsEntry("vnp_Version", "2.1.0").containsEntry("vnp_Command", "querydr")
                    .containsEntry("vnp_TmnCode", SimulatedVnpay.TMN_CODE).containsEntry("vnp_TxnRef", REFERENCE)
                    .containsEntry("vnp_TransactionDate", "20251123091500").containsEntry("vnp_CreateDate", "20251123093000")
                    .containsKeys("vnp_IpAddr", "vnp_OrderInfo");
            assertThat((String) sent.get("vnp_RequestId")).matches("[0-9a-f]{32}");
            String signed = REQUEST_ORDER.stream().map(name -> (String) sent.get(name)).collect(Collectors.joining("|"));
            assertThat(signed).startsWith(sent.get("vnp_RequestId") + "|2.1.0|querydr|DEVPORTAL|" + REFERENCE
                    + "|20251123091500|20251123093000|");
            assertThat(sent.get("vnp_SecureHash")).isEqualTo(hmacSha512(signed, SECRET));

            assertThat(status.answer()).isEqualTo(OrderStatus.Answer.PAID);
            assertThat(status.result()).isEqualTo(new PaymentResult(true, PaymentResult.Verdict.PAID, REFERENCE, 1_250_000, "14226112"));
            // Each question is a new request (VNPAY refuses a request id seen the same day).
            vnpay.gateway().query(REFERENCE, Instant.parse("2025-11-23T02:15:00Z"));
            assertThat(vnpay.requests.get(1).get("vnp_RequestId")).isNotEqualTo(sent.get("vnp_RequestId"));
        }
    }

    @Test
    void aTamperedUnsignedForeignOrMisdirectedAnswerIsNoAnswer() throws Exception {
        try (MerchantApi vnpay = new MerchantApi()) {
            VnpayGateway asking = vnpay.gateway();
            Instant orderedAt = CLOCK.instant();

            vnpay.answers(paidAnswer(), SECRET);
            vnpay.body = vnpay.body.replace("\"125000000\"", "\"100\"");   // the amount changed after signing
            assertThat(asking.query(REFERENCE, orderedAt)).matches(s -> s.answer() == OrderStatus.Answer.NO_ANSWER
                    && s.result() == null && s.detail().equals("invalid signature"));

            vnpay.body = JSON.writeValueAsString(paidAnswer());   // no signature at all
            assertThat(asking.query(REFERENCE, orderedAt).answer()).isEqualTo(OrderStatus.Answer.NO_ANSWER);

            vnpay.answers(paidAnswer(), "another-merchants-secret");
            assertThat(asking.query(REFERENCE, orderedAt).answer()).isEqualTo(OrderStatus.Answer.NO_ANSWER);

            Map<String, String> otherMerchant = paidAnswer();
            otherMerchant.put("vnp_TmnCode", "OTHERTMN");
            vnpay.answers(otherMerchant, SECRET);
            assertThat(asking.query(REFERENCE, orderedAt).answer()).isEqualTo(OrderStatus.Answer.NO_ANSWER);

            Map<String, String> otherOrder = paidAnswer();
            otherOrder.put("vnp_TxnRef", "ffffffffffffffffffffffffffffffff");
            vnpay.answers(otherOrder, SECRET);
            assertThat(asking.query(REFERENCE, orderedAt).answer()).isEqualTo(OrderStatus.Answer.NO_ANSWER);

            vnpay.body = "<html>maintenance</html>";
            assertThat(asking.query(REFERENCE, orderedAt).answer()).isEqualTo(OrderStatus.Answer.NO_ANSWER);
        }
    }

    @Test
    void notFoundOrUnfinishedIsNotPaidAnErrorCodeIsNoAnswerAndAGatewayDownIsUnreachable() throws Exception {
        MerchantApi vnpay = new MerchantApi();
        VnpayGateway asking = vnpay.gateway();
        Instant orderedAt = CLOCK.instant();
        try (vnpay) {
            vnpay.answers(Map.of("vnp_ResponseId", "1", "vnp_Command", "querydr", "vnp_ResponseCode", "91",
                    "vnp_Message", "Not found", "vnp_TmnCode", SimulatedVnpay.TMN_CODE, "vnp_TxnRef", REFERENCE), SECRET);
            assertThat(asking.query(REFERENCE, orderedAt)).isEqualTo(new OrderStatus(OrderStatus.Answer.NOT_PAID, null,
                    "vnp_ResponseCode=91"));

            Map<String, String> cancelled = paidAnswer();
            cancelled.put("vnp_TransactionStatus", "02");
            vnpay.answers(cancelled, SECRET);
            assertThat(asking.query(REFERENCE, orderedAt)).isEqualTo(new OrderStatus(OrderStatus.Answer.NOT_PAID, null,
                    "vnp_TransactionStatus=02"));

            for (String error : List.of("94", "97", "99")) {
                vnpay.answers(Map.of("vnp_ResponseId", "1", "vnp_Command", "querydr", "vnp_ResponseCode", error,
                        "vnp_TmnCode", SimulatedVnpay.TMN_CODE, "vnp_TxnRef", REFERENCE), SECRET);
                assertThat(asking.query(REFERENCE, orderedAt).answer()).isEqualTo(OrderStatus.Answer.NO_ANSWER);
            }

            vnpay.status = 503;
            assertThat(asking.query(REFERENCE, orderedAt)).isEqualTo(new OrderStatus(OrderStatus.Answer.UNREACHABLE, null,
                    "HTTP 503"));
        }
        // The server is gone: nobody listens on its port.
        assertThat(asking.query(REFERENCE, orderedAt).answer()).isEqualTo(OrderStatus.Answer.UNREACHABLE);
    }

    /**
     * Status 07, "suspected fraud" with the money deducted, is neither paid nor unpaid, in the query's answer and in
     * the return / IPN alike; an answer with no transaction status is no verdict.
     */
    @Test
    void suspectedFraudIsNeitherPaidNorUnpaidAndAnAnswerWithoutAStatusIsNoAnswer() throws Exception {
        try (MerchantApi vnpay = new MerchantApi()) {
            VnpayGateway asking = vnpay.gateway();
            Map<String, String> suspected = paidAnswer();
            suspected.put("vnp_TransactionStatus", "07");
            vnpay.answers(suspected, SECRET);
            assertThat(asking.query(REFERENCE, CLOCK.instant())).isEqualTo(new OrderStatus(OrderStatus.Answer.SUSPECTED,
                    new PaymentResult(true, PaymentResult.Verdict.SUSPECTED, REFERENCE, 1_250_000, "14226112"),
                    "vnp_TransactionStatus=07"));

            Map<String, String> noStatus = paidAnswer();
            noStatus.remove("vnp_TransactionStatus");
            vnpay.answers(noStatus, SECRET);
            assertThat(asking.query(REFERENCE, CLOCK.instant()).answer()).isEqualTo(OrderStatus.Answer.NO_ANSWER);
        }
        Map<String, String> returned = new LinkedHashMap<>(SimulatedVnpay.answer(SimulatedVnpay.orderOf(checkout()), true));
        returned.put("vnp_ResponseCode", "07");
        returned.put("vnp_TransactionStatus", "07");
        returned.put("vnp_SecureHash", SimulatedVnpay.sign(returned));
        assertThat(gateway.verify(returned)).matches(r -> r.authentic() && !r.paid()
                && r.verdict() == PaymentResult.Verdict.SUSPECTED);
        returned.put("vnp_Amount", "100");   // tampered: not authentic, so no verdict of any kind
        assertThat(gateway.verify(returned).verdict()).isEqualTo(PaymentResult.Verdict.NOT_PAID);
    }

    private static String hmacSha512(String data) throws Exception {
        return hmacSha512(data, SECRET);
    }

    private static String hmacSha512(String data, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
