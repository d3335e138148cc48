package vn.gov.portal.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * How the values of a session are written to the session table. Spring Session writes each with Java serialization,
 * whose stream describes every class of the object graph, and reading that back is slow: the login's security context
 * (token, user, ID token, authorities), read on every request, took 6% of the portal's CPU at submissions
 * (docs/performance.md, "Twelfth round"). The login, the CSRF token, the login time and the language are written here
 * field by field in a form of their own; anything else, and a login of a shape not known here, with Java
 * serialization as before. Java's stream begins with its magic number 0xACED and this form with {@code 'P'}, so
 * sessions stored before keep working. Reading this form also builds only the classes named here, whatever the stored
 * bytes say.
 */
@Component
final class SessionValues implements SessionRepositoryCustomizer<JdbcIndexedSessionRepository> {

    static final byte FORM = 'P';
    private static final byte VERSION = 1;
    private static final byte LOGIN = 1;
    private static final byte CSRF_TOKEN = 2;
    private static final byte INSTANT = 3;
    private static final byte LOCALE = 4;
    private static final byte ROLE = 1;
    private static final byte FACTOR = 2;
    private static final byte TEXT = 1;
    private static final byte TIME = 2;

    private static final Logger log = LoggerFactory.getLogger(SessionValues.class);

    private final SerializingConverter serializer = new SerializingConverter();
    private final DeserializingConverter deserializer;
    private final boolean compact;

    /**
     * Java serialization reads with the class loader of the portal's classes, as Spring Session's does. With
     * {@code compact} off, values are written with Java serialization only, which a release from before this form reads
     * too: for an upgrade with instances of both running (docs/operations.md, "Several instances"). Both forms are read
     * either way.
     */
    SessionValues(@Value("${portal.session.compact-values:true}") boolean compact) {
        this.deserializer = new DeserializingConverter(SessionValues.class.getClassLoader());
        this.compact = compact;
    }

    @Override
    public void customize(JdbcIndexedSessionRepository sessions) {
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, this::write);
        conversions.addConverter(byte[].class, Object.class, this::read);
        sessions.setConversionService(conversions);
    }

    byte[] write(Object value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORM);
            out.writeByte(VERSION);
            return compact && compact(value, out) ? bytes.toByteArray() : serializer.convert(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stored value, or null when it cannot be read (damaged, or written by a later release): the session goes on
     * without it, as if it had never been set. Without a login that is a visitor, who is asked to log in again.
     */
    Object read(byte[] stored) {
        try {
            return stored.length < 3 || stored[0] != FORM ? deserializer.convert(stored) : compactValue(stored);
        } catch (RuntimeException e) {
            log.warn("A stored session value could not be read and is left out: {}", e.toString());
            return null;
        }
    }

    private static Object compactValue(byte[] stored) {
        if (stored[1] != VERSION) {
            throw new IllegalStateException("A session value in an unknown form (version " + stored[1] + ")");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored, 2, stored.length - 2));
            return switch (in.readByte()) {
                case LOGIN -> new SecurityContextImpl(login(in));
                case CSRF_TOKEN -> new DefaultCsrfToken(text(in), text(in), text(in));
                case INSTANT -> instant(in);
                case LOCALE -> Locale.forLanguageTag(text(in));
                default -> throw new IllegalStateException("A session value of an unknown kind");
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the value in this form; false, with the output to be thrown away, when it is of a shape not known here. */
    private static boolean compact(Object value, DataOutputStream out) throws IOException {
        if (value instanceof Instant instant) {
            out.writeByte(INSTANT);
            instant(out, instant);
            return true;
        }
        if (value instanceof Locale locale && Locale.forLanguageTag(locale.toLanguageTag()).equals(locale)) {
            out.writeByte(LOCALE);
            text(out, locale.toLanguageTag());
            return true;
        }
        if (value instanceof DefaultCsrfToken token) {
            out.writeByte(CSRF_TOKEN);
            text(out, token.getHeaderName());
            text(out, token.getParameterName());
            text(out, token.getToken());
            return true;
        }
        if (value != null && value.getClass() == SecurityContextImpl.class) {
            out.writeByte(LOGIN);
            return login(out, ((SecurityContextImpl) value).getAuthentication());
        }
        return false;
    }

    /** A login as {@link PortalUserService} leaves it; any other authentication is not written in this form. */
    private static boolean login(DataOutputStream out, Authentication authentication) throws IOException {
        if (authentication == null || authentication.getClass() != OAuth2AuthenticationToken.class
                || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof PortalOidcUser user) || user.getClass() != PortalOidcUser.class
                || user.getUserInfo() != null
                || !new HashSet<>(user.getAuthorities()).equals(new HashSet<>(authentication.getAuthorities()))) {
            return false;
        }
        Object details = authentication.getDetails();
        if (details != null && details.getClass() != WebAuthenticationDetails.class) {
            return false;
        }
        text(out, ((OAuth2AuthenticationToken) authentication).getAuthorizedClientRegistrationId());
        PortalUser portalUser = user.portalUser();
        text(out, portalUser.kind().name());
        text(out, portalUser.subject());
        text(out, portalUser.displayName());
        out.writeInt(portalUser.eidLevel());
        out.writeInt(authentication.getAuthorities().size());
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority.getClass() == SimpleGrantedAuthority.class) {
                out.writeByte(ROLE);
                text(out, authority.getAuthority());
            } else if (authority instanceof FactorGrantedAuthority factor) {
                out.writeByte(FACTOR);
                text(out, factor.getAuthority());
                instant(out, factor.getIssuedAt());
            } else {
                return false;
            }
        }
        OidcIdToken idToken = user.getIdToken();
        text(out, idToken.getTokenValue());
        instant(out, idToken.getIssuedAt());
        instant(out, idToken.getExpiresAt());
        out.writeInt(idToken.getClaims().size());
        for (Map.Entry<String, Object> claim : idToken.getClaims().entrySet()) {
            text(out, claim.getKey());
            if (claim.getValue() instanceof String s) {
                out.writeByte(TEXT);
                text(out, s);
            } else if (claim.getValue() instanceof Instant t) {
                out.writeByte(TIME);
                instant(out, t);
            } else {
                return false;
            }
        }
        out.writeBoolean(details != null);
        if (details instanceof WebAuthenticationDetails web) {
            text(out, web.getRemoteAddress());
            text(out, web.getSessionId());
        }
        return true;
    }

    private static OAuth2AuthenticationToken login(DataInputStream in) throws IOException {
        String registration = text(in);
        PortalUser portalUser = new PortalUser(PortalUser.Kind.valueOf(text(in)), text(in), text(in), in.readInt());
        int authorityCount = count(in);
        List<GrantedAuthority> authorities = new ArrayList<>(authorityCount);
        for (int i = 0; i < authorityCount; i++) {
            authorities.add(switch (in.readByte()) {
                case ROLE -> new SimpleGrantedAuthority(text(in));
                case FACTOR -> FactorGrantedAuthority.withAuthority(text(in)).issuedAt(instant(in)).build();
                default -> throw new IllegalStateException("A stored authority of an unknown kind");
            });
        }
        String tokenValue = text(in);
        Instant issuedAt = instant(in);
        Instant expiresAt = instant(in);
        int claimCount = count(in);
        Map<String, Object> claims = new LinkedHashMap<>();
        for (int i = 0; i < claimCount; i++) {
            String name = text(in);
            claims.put(name, switch (in.readByte()) {
                case TEXT -> text(in);
                case TIME -> instant(in);
                default -> throw new IllegalStateException("A stored claim of an unknown kind");
            });
        }
        PortalOidcUser user = new PortalOidcUser(authorities,
                new OidcIdToken(tokenValue, issuedAt, expiresAt, claims), null, portalUser);
        OAuth2AuthenticationToken authentication = new OAuth2AuthenticationToken(user, authorities, registration);
        if (in.readBoolean()) {
            authentication.setDetails(new WebAuthenticationDetails(text(in), text(in)));
        }
        return authentication;
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** A count of entries, each at least a byte long: more than the bytes left means the value is damaged. */
    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IllegalStateException("A damaged session value");
        }
        return count;
    }

    private static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > in.available()) {
            throw new IllegalStateException("A damaged session value");
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void instant(DataOutputStream out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
