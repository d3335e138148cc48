package vn.gov.portal.dossier;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * New dossiers' ids: UUID version 7 (RFC 9562), the time in milliseconds first, then 74 random bits. Random (version
 * 4) ids put each new dossier at a random place in the primary-key index, so at millions of dossiers every insertion
 * reads a different index page and, after each checkpoint, writes a full copy of it to the WAL; ids that grow with time
 * land on the index's last pages. The random bits keep ids unguessable as before; access is checked regardless.
 * Public for the benchmark suite, whose virtual citizens post the ids a form page would have issued them.
 */
public final class DossierIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DossierIds() {
    }

    public static UUID next() {
        return next(Clock.systemUTC());
    }

    static UUID next(Clock clock) {
        long millis = clock.millis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
