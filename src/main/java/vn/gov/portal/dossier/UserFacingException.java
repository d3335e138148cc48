package vn.gov.portal.dossier;

/** A refusal the user must read: carries a message code of the portal's bundles and its arguments. */
public class UserFacingException extends RuntimeException {

    private final String code;
    private final transient Object[] args;
    private final boolean notFound;

    private UserFacingException(String code, boolean notFound, Object... args) {
        super(code);
        this.code = code;
        this.args = args;
        this.notFound = notFound;
    }

    public static UserFacingException refused(String code, Object... args) {
        return new UserFacingException(code, false, args);
    }

    /** Also used when the dossier exists but is not the caller's: guessing an id must reveal nothing. */
    public static UserFacingException notFound() {
        return new UserFacingException("error.notFound", true);
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public boolean isNotFound() {
        return notFound;
    }
}
