package vn.gov.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import vn.gov.portal.population.IdNumber;

/** The session's values in the portal's own form, and everything else (and everything stored before) as Java's. */
class SessionValuesTest {

    private final SessionValues values = new SessionValues(true);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    /** A citizen's login as PortalUserService leaves it after the e-ID provider's callback. */
    private SecurityContextImpl login(Map<String, Object> extraClaims) {
        List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_CITIZEN"),
                FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY).issuedAt(now).build());
        OidcIdToken.Builder token = OidcIdToken.withTokenValue("header.payload.signature").subject("001090012345")
                .issuedAt(now).expiresAt(now.plusSeconds(300));
        extraClaims.forEach(token::claim);
        PortalUser citizen = PortalUser.citizen(new IdNumber("001090012345"), "Nguyễn Văn An", 2);
        PortalOidcUser user = new PortalOidcUser(authorities, token.build(), null, citizen);
        OAuth2AuthenticationToken authentication = new OAuth2AuthenticationToken(user, authorities, "vneid");
        authentication.setDetails(new WebAuthenticationDetails("203.0.113.7", "session-before-login"));
        return new SecurityContextImpl(authentication);
    }

    @Test
    void theLoginIsStoredInThePortalsFormAndReadBackWhole() {
        SecurityContextImpl stored = login(Map.of("name", "Nguyễn Văn An"));
        byte[] bytes = values.write(stored);

        assertThat(bytes[0]).isEqualTo(SessionValues.FORM);
        assertThat(bytes.length).isLessThan(new SerializingConverter().convert(stored).length / 4);
        Object read = values.read(bytes);
        assertSameLogin(read, stored);
        assertSameLogin(values.read(values.write(read)), stored);
    }

    /** The classes' own equals do not survive even Java serialization, so the login is compared part by part. */
    private static void assertSameLogin(Object read, Object stored) {
        OAuth2AuthenticationToken authentication = (OAuth2AuthenticationToken) ((SecurityContextImpl) read).getAuthentication();
        OAuth2AuthenticationToken original = (OAuth2AuthenticationToken) ((SecurityContextImpl) stored).getAuthentication();
        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getAuthorizedClientRegistrationId()).isEqualTo(original.getAuthorizedClientRegistrationId());
        assertThat(authentication.getName()).isEqualTo(original.getName());
        assertThat(authentication.getAuthorities()).containsExactlyElementsOf(original.getAuthorities());
        assertThat(authentication.getDetails()).isEqualTo(original.getDetails());
        PortalOidcUser user = (PortalOidcUser) authentication.getPrincipal();
        PortalOidcUser originalUser = (PortalOidcUser) original.getPrincipal();
        assertThat(user.portalUser()).isEqualTo(originalUser.portalUser());
        assertThat(Set.copyOf(user.getAuthorities())).isEqualTo(Set.copyOf(originalUser.getAuthorities()));
        assertThat(user.getIdToken().getTokenValue()).isEqualTo(originalUser.getIdToken().getTokenValue());
        assertThat(user.getIdToken().getClaims()).isEqualTo(originalUser.getIdToken().getClaims());
        assertThat(user.getIdToken().getIssuedAt()).isEqualTo(originalUser.getIdToken().getIssuedAt());
        assertThat(user.getIdToken().getExpiresAt()).isEqualTo(originalUser.getIdToken().getExpiresAt());
        assertThat(user.getUserInfo() == null ? null : user.getUserInfo().getClaims())
                .isEqualTo(originalUser.getUserInfo() == null ? null : originalUser.getUserInfo().getClaims());
    }

    @Test
    void theCsrfTokenTheLoginTimeAndTheLanguageAreStoredInThePortalsForm() {
        DefaultCsrfToken csrf = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "a1b2c3");
        byte[] bytes = values.write(csrf);
        assertThat(bytes[0]).isEqualTo(SessionValues.FORM);
        DefaultCsrfToken read = (DefaultCsrfToken) values.read(bytes);
        assertThat(List.of(read.getHeaderName(), read.getParameterName(), read.getToken()))
                .containsExactly("X-CSRF-TOKEN", "_csrf", "a1b2c3");

        assertThat(values.write(now)[0]).isEqualTo(SessionValues.FORM);
        assertThat(values.read(values.write(now))).isEqualTo(now);
        assertThat(values.write(Locale.ENGLISH)[0]).isEqualTo(SessionValues.FORM);
        assertThat(values.read(values.write(Locale.ENGLISH))).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void valuesOfOtherShapesAreStoredWithJavaSerialization() {
        Map<String, Object> map = new HashMap<>(Map.of("step", 2));
        SecurityContextImpl numericClaim = login(Map.of("eid_level", 2));
        OAuth2AuthenticationToken login = (OAuth2AuthenticationToken) login(Map.of()).getAuthentication();
        PortalOidcUser user = (PortalOidcUser) login.getPrincipal();
        SecurityContextImpl withUserInfo = new SecurityContextImpl(new OAuth2AuthenticationToken(
                new PortalOidcUser(user.getAuthorities(), user.getIdToken(), new OidcUserInfo(Map.of("sub", "x")),
                        user.portalUser()), user.getAuthorities(), "vneid"));

        Locale illFormedVariant = new Locale("en", "US", "WIN 32"); // no language tag gives it back
        for (Object value : List.of(map, illFormedVariant, numericClaim, withUserInfo)) {
            assertThat(values.write(value)).startsWith((byte) 0xAC, (byte) 0xED);
        }
        assertThat(values.read(values.write(map))).isEqualTo(map);
        assertThat(values.read(values.write(illFormedVariant))).isEqualTo(illFormedVariant);
        assertSameLogin(values.read(values.write(numericClaim)), numericClaim);
        assertSameLogin(values.read(values.write(withUserInfo)), withUserInfo);
    }

    @Test
    void sessionsStoredBeforeAreReadAsJavaSerializedThem() {
        SecurityContextImpl stored = login(Map.of());
        byte[] before = new SerializingConverter().convert(stored);
        assertSameLogin(values.read(before), stored);
    }

    @Test
    void aValueThatCannotBeReadIsLeftOutOfTheSession() {
        byte[] later = values.write(now);
        later[1] = 9; // a later version of the form
        byte[] login = values.write(login(Map.of()));
        byte[] truncated = java.util.Arrays.copyOf(login, login.length / 2);
        byte[] hugeLength = login.clone();
        hugeLength[3] = 0x7f; // the registration's length, now beyond the bytes there are
        byte[] javaGarbage = {(byte) 0xAC, (byte) 0xED, 0, 5, 1, 2, 3};
        for (byte[] unreadable : List.of(later, truncated, hugeLength, javaGarbage)) {
            assertThat(values.read(unreadable)).isNull();
        }
    }

    @Test
    void withTheCompactFormOffEverythingIsWrittenAsBeforeAndBothFormsAreRead() {
        SessionValues javaOnly = new SessionValues(false);
        SecurityContextImpl login = login(Map.of());
        assertThat(javaOnly.write(login)).startsWith((byte) 0xAC, (byte) 0xED);
        assertThat(javaOnly.write(now)).startsWith((byte) 0xAC, (byte) 0xED);
        assertSameLogin(javaOnly.read(values.write(login)), login);
        assertSameLogin(values.read(javaOnly.write(login)), login);
    }
}
