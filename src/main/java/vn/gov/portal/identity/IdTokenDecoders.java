package vn.gov.portal.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.stereotype.Component;

/**
 * The decoders that check the ID token of each login, one per identity provider registration, kept for reuse.
 * Spring Security 7's {@link OidcIdTokenDecoderFactory} builds a new decoder for every login (it stopped caching so
 * that registrations changed at run time take effect). A new decoder knows no keys: each login then fetched the
 * provider's key set over HTTP once more, and building its HTTP client scanned the class path, tens of milliseconds of
 * CPU per login (docs/performance.md, "Eleventh round"). A kept decoder keeps the key set for five minutes (Nimbus's
 * cache) and fetches it sooner when a token names a key it does not know, so the provider can still rotate its keys.
 * The key includes what the decoder depends on, so a registration that changes gets a new decoder.
 *
 * <p>Spring Security's OAuth 2.0 login uses the one bean of this type for every OpenID Connect registration.
 */
@Component
class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

    private final OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
    private final Map<Key, JwtDecoder> decoders = new ConcurrentHashMap<>();

    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        return decoders.computeIfAbsent(Key.of(registration), key -> factory.createDecoder(registration));
    }

    private record Key(String registrationId, String clientId, String clientSecret, String issuer, String jwkSetUri) {
        static Key of(ClientRegistration registration) {
            ClientRegistration.ProviderDetails provider = registration.getProviderDetails();
            return new Key(registration.getRegistrationId(), registration.getClientId(), registration.getClientSecret(),
                    provider.getIssuerUri(), provider.getJwkSetUri());
        }
    }
}
