package vn.gov.portal.population;

/**
 * A write the register refuses because what it already holds contradicts it: the birth is already registered, a
 * party is already married. Checked under the people's row locks, so it also catches a decision taken at the same
 * moment as another; the decision that ran the write-back is refused with this message code and nothing is written.
 */
public class RegisterConflict extends RuntimeException {

    private final String code;
    private final transient Object[] args;

    public RegisterConflict(String code, Object... args) {
        super(code);
        this.code = code;
        this.args = args;
    }

    /** A message code of the portal's bundles. */
    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }
}
