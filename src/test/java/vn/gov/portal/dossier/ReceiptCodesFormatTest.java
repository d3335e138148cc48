package vn.gov.portal.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReceiptCodesFormatTest {

    @Test
    void followsCircular01Of2018UnitCodeDateAndFourDigitSequence() {
        assertThat(ReceiptCodes.format("000.00.10.H42", LocalDate.of(2025, 11, 23), 7))
                .isEqualTo("000.00.10.H42-251123-0007");
    }

    @Test
    void sequencesBeyondFourDigitsStayUnique() {
        assertThat(ReceiptCodes.format("CA.01.00304", LocalDate.of(2026, 1, 2), 12345))
                .isEqualTo("CA.01.00304-260102-12345");
    }
}
