package vn.gov.portal.statistics;

import vn.gov.portal.dossier.Completion;

/**
 * The figures of one row (a procedure, an agency, a month or the total). Submitted and completed count what
 * happened within the period; overdue counts what is open past its appointment date today (null for months).
 */
record Figures(long submitted, long completed, long onTime, Double averageDays, Long overdueNow) {

    static final Figures NONE = new Figures(0, 0, 0, null, 0L);

    Integer onTimePercent() {
        return Completion.onTimePercent(onTime, completed);
    }

    Figures withSubmitted(long n) {
        return new Figures(n, completed, onTime, averageDays, overdueNow);
    }

    Figures withCompleted(long n, long onTimeN, Double days) {
        return new Figures(submitted, n, onTimeN, days, overdueNow);
    }

    Figures withOverdue(Long n) {
        return new Figures(submitted, completed, onTime, averageDays, n);
    }
}
