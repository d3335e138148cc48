package vn.gov.portal.dossier;

/** A refusal the user must read: carries a message code of the portal's bundles and its arguments. */
public class UserFacingException extends RuntimeException {

    private final String code;
    private final transient Object[] args;
    private final boolean notFound;
    private final String field;

    /** For a refusal of its own kind ({@link DossierEnded}). */
    protected UserFacingException(String code) {
        this(code, false, null);
    }

    private UserFacingException(String code, boolean notFound, String field, Object... args) {
        super(code);
        this.code = code;
        this.args = args;
        this.notFound = notFound;
        this.field = field;
    }

    public static UserFacingException refused(String code, Object... args) {
        return new UserFacingException(code, false, null, args);
    }

    /** Also used when the dossier exists but is not the caller's: guessing an id must reveal nothing. */
    public static UserFacingException notFound() {
        return new UserFacingException("error.notFound", true, null);
    }

    /**
     * The same refusal, about the answer posted as {@code field} (a request parameter): the form shown again marks
     * that field and links to it from its error summary.
     */
    public UserFacingException at(String field) {
        return new UserFacingException(code, notFound, field, args);
    }

    /** The request parameter the refusal is about, or null when it is about the whole form. */
    public String field() {
        return field;
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
