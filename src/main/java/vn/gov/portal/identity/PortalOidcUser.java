package vn.gov.portal.identity;

import java.io.Serial;
import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
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

    public PortalUser portalUser() {
        return portalUser;
    }
}
