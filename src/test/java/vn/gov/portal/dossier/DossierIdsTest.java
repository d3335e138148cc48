package vn.gov.portal.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DossierIdsTest {

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        Instant now = Instant.parse("2026-12-04T08:30:00.123Z");
        UUID id = DossierIds.next(at(now));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsPostgreSqlComparesThem() {
        Instant first = Instant.parse("2026-12-04T08:30:00.123Z");
        // PostgreSQL orders uuids byte by byte, which is the order of their text.
        String earlier = DossierIds.next(at(first)).toString();
        String later = DossierIds.next(at(first.plusMillis(1))).toString();
        String muchLater = DossierIds.next(at(first.plusSeconds(86_400L * 365 * 20))).toString();
        assertThat(earlier).isLessThan(later);
        assertThat(later).isLessThan(muchLater);
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomBits() {
        Clock clock = at(Instant.parse("2026-12-04T08:30:00.123Z"));
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(DossierIds.next(clock));
        }
        assertThat(ids).hasSize(10_000);
    }
}
