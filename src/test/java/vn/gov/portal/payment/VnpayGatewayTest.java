package vn.gov.portal.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import vn.gov.devstack.payment.SimulatedVnpay;

/** The VNPAY 2.1.0 adapter against the protocol as written down, and against the dev stack's simulated gateway. */
class VnpayGatewayTest {

    private static final String SECRET = SimulatedVnpay.HASH_SECRET;
    /** 2025-11-23 02:30 UTC = 09:30 in Hà Nội. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-23T02:30:00Z"), ZoneOffset.UTC);

    private final VnpayGateway gateway = new VnpayGateway("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
            SimulatedVnpay.TMN_CODE, SECRET, CLOCK);

    private URI checkout() {
        return gateway.checkout(new PaymentOrder("0a1b2c3d4e5f60718293a4b5c6d7e8f9", 1_250_000,
                "Thanh toan ho so CA.01-251123-0001", "203.0.113.7"), "https://dichvucong.example.vn/payments/return");
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

        VnpayGateway otherMerchant = new VnpayGateway("https://pay.example", "OTHER", "another-secret", CLOCK);
        assertThat(otherMerchant.verify(answer).authentic()).isFalse();
    }

    @Test
    void theHashIsAcceptedInUpperCaseAsSomeGatewayVersionsSendIt() {
        Map<String, String> answer = new LinkedHashMap<>(SimulatedVnpay.answer(SimulatedVnpay.orderOf(checkout()), true));
        answer.put("vnp_SecureHash", answer.get("vnp_SecureHash").toUpperCase());
        answer.put("vnp_SecureHashType", "HmacSHA512");   // not part of the signed data
        assertThat(gateway.verify(answer).paid()).isTrue();
    }

    /** Without a merchant (or with an empty setting) there is no gateway, and the portal starts all the same. */
    @Test
    void theGatewayExistsOnlyWhenAllThreeSettingsAreGiven() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withBean(Clock.class, () -> CLOCK).withUserConfiguration(VnpayGateway.class);
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PaymentGateway.class));
        runner.withPropertyValues("portal.payment.vnpay.pay-url=https://pay.example", "portal.payment.vnpay.tmn-code=X",
                        "portal.payment.vnpay.hash-secret=")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PaymentGateway.class));
        runner.withPropertyValues("portal.payment.vnpay.pay-url=https://pay.example", "portal.payment.vnpay.tmn-code=X",
                        "portal.payment.vnpay.hash-secret=s")
                .run(context -> assertThat(context).hasSingleBean(PaymentGateway.class));
    }

    private static String hmacSha512(String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
