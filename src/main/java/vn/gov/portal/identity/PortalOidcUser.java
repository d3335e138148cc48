package vn.gov.portal.identity;

import java.io.Serial;
import java.util.Collection;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** The OIDC user with the portal's view of them attached; kept in the (database-backed) HTTP session. */
public class PortalOidcUser extends DefaultOidcUser {

    @Serial
    private static final long serialVersionUID = 1L;

    private final PortalUser portalUser;

    public PortalOidcUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
                          OidcUserInfo userInfo, PortalUser portalUser) {
        super(authorities, idToken, userInfo, "sub");
        this.portalUser = portalUser;
    }

    /**
     * The user as the session keeps them until logout: the portal's view and the roles, and of the ID token only what
     * logging out needs (its text, sent back as id_token_hint, and its subject). The other claims of the token and of
     * the user info were read once, at login; kept, they were stored with the session and read back on every request.
     */
    static PortalOidcUser afterLogin(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
                                     PortalUser portalUser) {
        OidcIdToken kept = new OidcIdToken(idToken.getTokenValue(), idToken.getIssuedAt(), idToken.getExpiresAt(),
                Map.of(IdTokenClaimNames.SUB, idToken.getSubject()));
        return new PortalOidcUser(authorities, kept, null, portalUser);
    }

    public PortalUser portalUser() {
        return portalUser;
    }
}
