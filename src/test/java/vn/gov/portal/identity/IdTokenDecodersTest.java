package vn.gov.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import vn.gov.portal.PortalIntegrationTest;

/** The ID token of a login is checked with keys the portal already holds, not with the provider's key set fetched anew. */
class IdTokenDecodersTest extends PortalIntegrationTest {

    @Autowired
    JwtDecoderFactory<ClientRegistration> decoders;
    @Autowired
    ClientRegistrationRepository registrations;
    @LocalServerPort
    int port;

    @Test
    void loginsAfterTheFirstFetchNoKeysFromTheProvider() throws Exception {
        new ProviderLogin(port, stack().eid().issuerUri()).logIn(freeAdult(2241));
        int fetched = stack().eid().keySetRequests();
        assertThat(fetched).as("key set requests so far, this test's first login included").isPositive();

        ProviderLogin last = null;
        for (int offset = 2242; offset <= 2244; offset++) {
            last = new ProviderLogin(port, stack().eid().issuerUri());
            last.logIn(freeAdult(offset));
        }

        // The kept keys expire after five minutes (Nimbus's cache): at most once in three logins, never per login.
        assertThat(stack().eid().keySetRequests() - fetched).as("key set requests during three more logins")
                .isLessThanOrEqualTo(1);
        assertThat(last.get(last.portal() + "/my/dossiers").statusCode()).isEqualTo(200);
    }

    @Test
    void eachRegistrationKeepsItsDecoderUntilItChanges() {
        ClientRegistration vneid = registrations.findByRegistrationId("vneid");
        ClientRegistration staff = registrations.findByRegistrationId("staff");
        assertThat(decoders.createDecoder(vneid)).isSameAs(decoders.createDecoder(vneid));
        assertThat(decoders.createDecoder(staff)).isNotSameAs(decoders.createDecoder(vneid));

        ClientRegistration moved = ClientRegistration.withClientRegistration(vneid)
                .jwkSetUri(stack().eid().issuerUri() + "/other-keys").build();
        assertThat(decoders.createDecoder(moved)).isNotSameAs(decoders.createDecoder(vneid));
    }
}
