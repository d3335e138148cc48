package vn.gov.portal.dossier;

/**
 * When a dossier counts as completed and when as completed on time, in one place for the officers' dashboard and
 * the statistics. Completed: it first reached national status 9 ("Đã giải quyết", {@code dossier.completed_at}).
 * On time: on or before its appointment date (which moves with supplementation and extensions), Vietnamese date.
 */
public final class Completion {

    public static final int STATUS = 9;

    /** SQL condition on unqualified {@code dossier} columns: completed by the end of the appointment day. */
    public static final String ON_TIME = "cast(completed_at at time zone 'Asia/Ho_Chi_Minh' as date) <= appointment_date";

    private Completion() {
    }

    /** Share completed on time, in whole percent; null when nothing was completed. */
    public static Integer onTimePercent(long onTime, long completed) {
        return completed == 0 ? null : (int) Math.round(100.0 * onTime / completed);
    }
}
