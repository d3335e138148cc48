package vn.gov.portal.identity;

import java.io.Serializable;
import vn.gov.portal.population.IdNumber;

/**
 * Who is logged in, as the portal needs it. For a citizen: the personal ID number and the e-ID assurance level read
 * from the token at login. For staff: the username their roles are kept under.
 */
public record PortalUser(Kind kind, String subject, String displayName, int eidLevel) implements Serializable {

    public enum Kind { CITIZEN, STAFF }

    public static PortalUser citizen(IdNumber idNumber, String name, int eidLevel) {
        return new PortalUser(Kind.CITIZEN, idNumber.value(), name, eidLevel);
    }

    public static PortalUser staff(String username, String name) {
        return new PortalUser(Kind.STAFF, username, name, 0);
    }

    public boolean isCitizen() {
        return kind == Kind.CITIZEN;
    }

    public IdNumber idNumber() {
        if (!isCitizen()) {
            throw new IllegalStateException("staff accounts have no personal ID number here");
        }
        return new IdNumber(subject);
    }

    public String username() {
        return subject;
    }
}
