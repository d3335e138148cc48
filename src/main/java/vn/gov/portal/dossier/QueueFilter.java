package vn.gov.portal.dossier;

/**
 * What an officer narrows the queue to. {@code status} null means the open dossiers that wait for an officer;
 * {@code search} matches a receipt code (prefix), a personal ID number or the applicant's name without diacritics.
 */
public record QueueFilter(String procedure, Integer status, Scope scope, Due due, String search) {

    public enum Scope { ALL, MINE, UNASSIGNED }

    public enum Due { ANY, TODAY, OVERDUE }

    public static QueueFilter open() {
        return new QueueFilter(null, null, Scope.ALL, Due.ANY, null);
    }

    /** The status codes of the national reference (1 submitted … 10 result returned). */
    static final int LOWEST_STATUS = 1;
    static final int HIGHEST_STATUS = 10;

    public QueueFilter {
        if (status != null && (status < LOWEST_STATUS || status > HIGHEST_STATUS)) {
            throw UserFacingException.refused("queue.unknownStatus");
        }
        procedure = blankToNull(procedure);
        search = blankToNull(search);
        scope = scope == null ? Scope.ALL : scope;
        due = due == null ? Due.ANY : due;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
