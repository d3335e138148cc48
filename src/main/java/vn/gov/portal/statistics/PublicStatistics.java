package vn.gov.portal.statistics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.gov.portal.statistics.RatingFigures.RatingReport;

/**
 * The public page's figures: every agency, per procedure, the last 12 months. Anyone may ask for them, so they are
 * counted at most once an hour and shared, and a visitor can never make the database count on demand.
 */
@Component
class PublicStatistics {

    static final Duration FRESH_FOR = Duration.ofHours(1);

    record Snapshot(Report report, Optional<RatingReport> ratings, Instant countedAt) {}

    private final DossierStatistics statistics;
    private final RatingFigures ratings;
    private final Clock clock;
    private volatile Snapshot last;

    PublicStatistics(DossierStatistics statistics, RatingFigures ratings, Clock clock) {
        this.statistics = statistics;
        this.ratings = ratings;
        this.clock = clock;
    }

    Snapshot current() {
        Snapshot snapshot = last;
        Instant now = clock.instant();
        if (snapshot == null || snapshot.countedAt().plus(FRESH_FOR).isBefore(now)
                || !snapshot.report().filter().period().to().equals(YearMonth.now(clock))) {
            synchronized (this) {
                if (last == snapshot) {
                    ReportFilter filter = new ReportFilter(Period.lastTwelveMonths(YearMonth.now(clock)), null, null);
                    last = new Snapshot(statistics.report(Scope.NATIONAL, filter), ratings.of(Scope.NATIONAL, filter), now);
                }
                snapshot = last;
            }
        }
        return snapshot;
    }
}
