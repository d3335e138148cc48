package vn.gov.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import vn.gov.devstack.DevStack;
import vn.gov.devstack.payment.SimulatedVnpay;
import vn.gov.portal.payment.PaymentGateway;
import vn.gov.portal.payment.PaymentOrder;
import vn.gov.devstack.TestStack;

/**
 * The production configuration: only PORTAL_* variables, an external PostgreSQL and standard OIDC issuers found by
 * discovery. The dev stack plays the external systems here; nothing of it is enabled inside the portal.
 */
class ProductionConfigurationTest {

    /** The authorization server jar is on the test classpath only; production has no such auto-configuration. */
    private static final String EXCLUDE_TEST_CLASSPATH_ONLY = "spring.autoconfigure.exclude="
            + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
            + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration";

    @Test
    void withoutThePortalVariablesThePortalRefusesToStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(PortalApplication.class)
                .properties("server.port=0", EXCLUDE_TEST_CLASSPATH_ONLY).run().close())
                .hasStackTraceContaining("environment variables are not set: PORTAL_DB_URL, PORTAL_DB_USER");
    }

    @Test
    void withThePortalVariablesItUsesTheExternalDatabaseAndIssuers() throws Exception {
        DevStack external = TestStack.get();
        Map<String, String> variables = external.productionVariables();
        String[] args = variables.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext portal = new SpringApplicationBuilder(PortalApplication.class)
                .properties("server.port=0", "server.address=127.0.0.1", EXCLUDE_TEST_CLASSPATH_ONLY).run(args)) {
            var registrations = portal.getBean(ClientRegistrationRepository.class);
            assertThat(registrations.findByRegistrationId("vneid").getProviderDetails().getIssuerUri())
                    .isEqualTo(external.eid().issuerUri());
            assertThat(registrations.findByRegistrationId("vneid").getProviderDetails().getAuthorizationUri())
                    .startsWith(external.eid().issuerUri());
            assertThat(registrations.findByRegistrationId("staff").getClientId()).isEqualTo(DevStack.STAFF_CLIENT);
            assertThat(portal.getBean(PaymentGateway.class).checkout(
                    new PaymentOrder("ref", 1000, "Thu nghiem", "127.0.0.1", java.time.Instant.now()), "https://portal.example/payments/return"))
                    .hasHost("127.0.0.1").hasPath(SimulatedVnpay.PAY_PATH);
            int port = ((WebServerApplicationContext) portal).getWebServer().getPort();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"db\":{\"status\":\"UP\"");
        }
    }
}
