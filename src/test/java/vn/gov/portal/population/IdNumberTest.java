package vn.gov.portal.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdNumberTest {

    @Test
    void theReferenceExampleIsAMaleBornIn1984RegisteredInProvince087() {
        IdNumber id = new IdNumber("087084000999");
        assertThat(id.provinceCode()).isEqualTo(87);
        assertThat(id.sex()).isEqualTo(Sex.M);
        assertThat(id.matches(LocalDate.of(1984, 5, 1), Sex.M)).isTrue();
        assertThat(id.matches(LocalDate.of(1985, 5, 1), Sex.M)).isFalse();
        assertThat(id.matches(LocalDate.of(1984, 5, 1), Sex.F)).isFalse();
    }

    @Test
    void centuryAndSexDigitFollowTheIdentityLaw() {
        assertThat(IdNumber.centuryDigit(1999, Sex.M)).isZero();
        assertThat(IdNumber.centuryDigit(1999, Sex.F)).isEqualTo(1);
        assertThat(IdNumber.centuryDigit(2000, Sex.M)).isEqualTo(2);
        assertThat(IdNumber.centuryDigit(2025, Sex.F)).isEqualTo(3);
        assertThat(IdNumber.centuryDigit(2100, Sex.F)).isEqualTo(5);
    }

    @Test
    void issuedNumbersAreConsistentWithTheBirthDate() {
        IdNumber girl = IdNumber.issue(1, LocalDate.of(2024, 2, 29), Sex.F, 42);
        assertThat(girl.value()).isEqualTo("001324000042");
        assertThat(girl.matches(LocalDate.of(2024, 2, 29), Sex.F)).isTrue();
    }

    @Test
    void malformedNumbersAreRejected() {
        assertThat(IdNumber.isWellFormed("08708400099")).isFalse();   // 11 digits
        assertThat(IdNumber.isWellFormed("0870840009990")).isFalse(); // 13 digits
        assertThat(IdNumber.isWellFormed("08708400099a")).isFalse();
        assertThat(IdNumber.isWellFormed("000084000999")).isFalse();  // province 000
        assertThat(IdNumber.isWellFormed("097084000999")).isFalse();  // province 097
        assertThat(IdNumber.isWellFormed(null)).isFalse();
        assertThatThrownBy(() -> new IdNumber("12345")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBirthYearCheckIgnoresTheSex() {
        IdNumber id = new IdNumber("001301000042");   // a girl born 2001
        assertThat(id.matchesBirthYear(LocalDate.of(2001, 6, 1))).isTrue();
        assertThat(id.matchesBirthYear(LocalDate.of(1901, 6, 1))).isFalse();
        assertThat(id.matchesBirthYear(LocalDate.of(2002, 6, 1))).isFalse();
    }

    @Test
    void maskingHidesTheMiddleDigits() {
        assertThat(new IdNumber("087084000999").masked()).isEqualTo("087******999");
    }
}
