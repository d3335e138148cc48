package vn.gov.portal.statistics;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Whole months, counted in Vietnamese time: from the first day of {@code from} to the last day of {@code to}. */
record Period(YearMonth from, YearMonth to) {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final int MAX_MONTHS = 60;

    /** The last 12 months, the current one included. */
    static Period lastTwelveMonths(YearMonth current) {
        return new Period(current.minusMonths(11), current);
    }

    Instant start() {
        return from.atDay(1).atStartOfDay(VIETNAM).toInstant();
    }

    Instant end() {
        return to.plusMonths(1).atDay(1).atStartOfDay(VIETNAM).toInstant();
    }

    List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }
}
