package vn.gov.portal.population;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The 12-digit personal identification number: PPP province of birth registration, G century and sex,
 * YY birth year, NNNNNN serial. There is no check digit, so validation is format plus consistency of G/YY
 * with the birth date. The province part is not checked against a list: codes of the provinces merged in
 * 2025 remain in use.
 */
public record IdNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("\\d{12}");

    public IdNumber {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("A personal ID number has exactly 12 digits with a province code 001-096");
        }
    }

    public static boolean isWellFormed(String value) {
        if (value == null || !FORMAT.matcher(value).matches()) {
            return false;
        }
        int province = Integer.parseInt(value.substring(0, 3));
        return province >= 1 && province <= 96;
    }

    /** Builds the number of a person registered in {@code provinceCode} (1-96) with the given serial (0-999999). */
    public static IdNumber issue(int provinceCode, LocalDate birthDate, Sex sex, int serial) {
        if (serial < 0 || serial > 999_999) {
            throw new IllegalArgumentException("serial out of range: " + serial);
        }
        return new IdNumber(String.format("%03d%d%02d%06d", provinceCode, centuryDigit(birthDate.getYear(), sex),
                birthDate.getYear() % 100, serial));
    }

    /** 1900s: male 0, female 1; 2000s: 2/3; 2100s: 4/5; 2200s: 6/7; 2300s: 8/9. */
    public static int centuryDigit(int year, Sex sex) {
        int century = year / 100 - 19;
        if (century < 0 || century > 4) {
            throw new IllegalArgumentException("birth year outside 1900-2399: " + year);
        }
        return century * 2 + (sex == Sex.F ? 1 : 0);
    }

    public int provinceCode() {
        return Integer.parseInt(value.substring(0, 3));
    }

    public Sex sex() {
        return (value.charAt(3) - '0') % 2 == 0 ? Sex.M : Sex.F;
    }

    /** Whether the century/sex digit and the two year digits agree with this birth date and sex. */
    public boolean matches(LocalDate birthDate, Sex sex) {
        int year = birthDate.getYear();
        if (year < 1900 || year > 2399) {
            return false;
        }
        return value.charAt(3) - '0' == centuryDigit(year, sex)
                && Integer.parseInt(value.substring(4, 6)) == year % 100;
    }

    /** Whether the century digit and the two year digits agree with this birth date (whatever the sex). */
    public boolean matchesBirthYear(LocalDate birthDate) {
        int year = birthDate.getYear();
        return year >= 1900 && year <= 2399 && (value.charAt(3) - '0') / 2 == year / 100 - 19
                && Integer.parseInt(value.substring(4, 6)) == year % 100;
    }

    /** For logs and lists where the full number must not appear. */
    public String masked() {
        return value.substring(0, 3) + "******" + value.substring(9);
    }

    @Override
    public String toString() {
        return value;
    }
}
