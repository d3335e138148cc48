package vn.gov.portal.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.agency.StaffMember;
import vn.gov.portal.population.IdNumber;

/**
 * Maps a successful OIDC login to a portal user. Citizens come through the registration {@code vneid}: the ID number
 * and the e-ID level are taken from the token. Staff come through {@code staff} and must exist in the staff table.
 */
@Component
public class PortalUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    public static final String CITIZEN_REGISTRATION = "vneid";
    public static final String STAFF_REGISTRATION = "staff";

    private final OidcUserService delegate = new OidcUserService();
    private final AgencyDirectory agencies;
    private final String idNumberClaim;
    private final String levelClaim;

    public PortalUserService(AgencyDirectory agencies,
                             @Value("${portal.eid.id-number-claim:personal_id}") String idNumberClaim,
                             @Value("${portal.eid.level-claim:eid_level}") String levelClaim) {
        this.agencies = agencies;
        this.idNumberClaim = idNumberClaim;
        this.levelClaim = levelClaim;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        String registration = request.getClientRegistration().getRegistrationId();
        List<GrantedAuthority> authorities = new ArrayList<>();
        PortalUser portalUser;
        if (CITIZEN_REGISTRATION.equals(registration)) {
            String id = user.getClaimAsString(idNumberClaim);
            if (!IdNumber.isWellFormed(id) || !agreesWithBirthDate(id, user.getBirthdate())) {
                throw refused("invalid_id_number", "The e-ID token carries no valid personal ID number");
            }
            portalUser = PortalUser.citizen(new IdNumber(id), user.getFullName(), level(user.getClaims().get(levelClaim)));
            authorities.add(new SimpleGrantedAuthority("ROLE_CITIZEN"));
        } else if (STAFF_REGISTRATION.equals(registration)) {
            StaffMember staff = agencies.staff(user.getPreferredUsername())
                    .orElseThrow(() -> refused("unknown_staff", "No active staff account for this login"));
            portalUser = PortalUser.staff(staff.username(), staff.fullName());
            authorities.add(new SimpleGrantedAuthority("ROLE_STAFF"));
            if (staff.isAdmin()) {
                authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
            }
        } else {
            throw refused("unknown_registration", "Unknown login registration " + registration);
        }
        return PortalOidcUser.afterLogin(authorities, user.getIdToken(), portalUser);
    }

    /** The number's century and year digits must agree with the token's birth date, when it gives one. */
    static boolean agreesWithBirthDate(String idNumber, String birthdate) {
        if (birthdate == null || birthdate.isBlank()) {
            return true;
        }
        try {
            return new IdNumber(idNumber).matchesBirthYear(java.time.LocalDate.parse(birthdate));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** "2", "IAL2", "loa-2": how identity providers write an assurance level (VNeID says IAL / LoA). */
    private static final Pattern LEVEL_TEXT = Pattern.compile("(?:ial|loa)?[-_ ]?(\\d)", Pattern.CASE_INSENSITIVE);

    /**
     * The e-ID level claim may arrive as a number or a string such as "2" or "IAL2"; anything else counts as the lowest
     * level, so an unknown form can only refuse a submission, never allow one.
     */
    static int level(Object claim) {
        if (claim instanceof Number n) {
            return n.intValue();
        }
        if (claim instanceof String s) {
            Matcher m = LEVEL_TEXT.matcher(s.strip());
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 1;
    }

    private static OAuth2AuthenticationException refused(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null), description);
    }
}
