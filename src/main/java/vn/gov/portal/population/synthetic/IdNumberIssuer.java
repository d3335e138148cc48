package vn.gov.portal.population.synthetic;

import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Sex;

import java.time.LocalDate;

/**
 * Issues unique ID numbers without remembering them. Numbers sharing province, century/sex digit and birth year
 * (a "bucket") differ only by the 6-digit serial; each bucket keeps a counter, and the serial is
 * {@code (counter * 7919 + offset) mod 10^6}. 7919 is coprime to 10^6, so this is a bijection on 0..999999: serials
 * look scattered but never repeat within a bucket. Memory is one int per possible bucket (97,000), whatever the
 * number of people.
 */
final class IdNumberIssuer {

    private static final int SERIALS = 1_000_000;
    private static final long STRIDE = 7919;

    private final long seed;
    private final int[] issuedPerBucket = new int[97 * 10 * 100];

    IdNumberIssuer(long seed) {
        this.seed = seed;
    }

    IdNumber issue(int provinceCode, LocalDate birthDate, Sex sex) {
        int year = birthDate.getYear();
        int bucket = (provinceCode * 10 + IdNumber.centuryDigit(year, sex)) * 100 + year % 100;
        int counter = issuedPerBucket[bucket];
        if (counter >= SERIALS) {
            throw new IllegalStateException("all 1,000,000 serials used for province " + provinceCode
                    + ", sex " + sex + ", birth year " + year);
        }
        issuedPerBucket[bucket] = counter + 1;
        int serial = (int) ((counter * STRIDE + offset(bucket)) % SERIALS);
        return IdNumber.issue(provinceCode, birthDate, sex, serial);
    }

    /** A per-bucket starting point that depends on the seed, so different seeds give different serials. */
    private long offset(int bucket) {
        long z = seed + bucket * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return Math.floorMod(z, SERIALS);
    }
}
