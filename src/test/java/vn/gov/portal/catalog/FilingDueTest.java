package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 23:00 of the notification of stay (Residence Law art. 30): before it is on time, from it on is late. */
class FilingDueTest {

    private static ProcedureDefinition stay() throws IOException {
        return new DefinitionParser(Set.of("record-document"), Set.of()).parse("notification-of-stay.yaml",
                Files.readString(Path.of("workflows/notification-of-stay.yaml"))).definition();
    }

    private static final Map<String, String> ARRIVED_7_DECEMBER = Map.of("arrivalDate", "2026-12-07");

    @Test
    void aNotificationFiledBefore23OfTheArrivalDayIsOnTimeAndFrom23OnItIsLate() throws IOException {
        ProcedureDefinition stay = stay();
        LocalDateTime due = LocalDateTime.of(2026, 12, 7, 23, 0);
        assertThat(stay.missedFilingDue(ARRIVED_7_DECEMBER, LocalDateTime.of(2026, 12, 7, 8, 0))).isEmpty();
        assertThat(stay.missedFilingDue(ARRIVED_7_DECEMBER, LocalDateTime.of(2026, 12, 7, 22, 59, 59, 999_000_000)))
                .isEmpty();
        assertThat(stay.missedFilingDue(ARRIVED_7_DECEMBER, due)).contains(due);
        assertThat(stay.missedFilingDue(ARRIVED_7_DECEMBER, LocalDateTime.of(2026, 12, 7, 23, 30))).contains(due);
        assertThat(stay.missedFilingDue(ARRIVED_7_DECEMBER, LocalDateTime.of(2026, 12, 8, 0, 5))).contains(due);
        assertThat(stay.missedFilingDue(ARRIVED_7_DECEMBER, LocalDateTime.of(2026, 12, 6, 23, 30)))
                .as("notified the evening before the guest arrives").isEmpty();
    }

    @Test
    void aGuestArrivingAfter23IsNotifiedBefore08TheNextMorning() throws IOException {
        ProcedureDefinition stay = stay();
        Map<String, String> arrivedLate = Map.of("arrivalDate", "2026-12-07", "arrivedAfter23", "true");
        LocalDateTime due = LocalDateTime.of(2026, 12, 8, 8, 0);
        assertThat(stay.missedFilingDue(arrivedLate, LocalDateTime.of(2026, 12, 7, 23, 40))).isEmpty();
        assertThat(stay.missedFilingDue(arrivedLate, LocalDateTime.of(2026, 12, 8, 7, 59, 59))).isEmpty();
        assertThat(stay.missedFilingDue(arrivedLate, due)).contains(due);
        assertThat(stay.missedFilingDue(Map.of("arrivalDate", "2026-12-07", "arrivedAfter23", ""),
                LocalDateTime.of(2026, 12, 7, 23, 40))).as("not ticked: 23:00 of the arrival day")
                .contains(LocalDateTime.of(2026, 12, 7, 23, 0));
    }

    @Test
    void withoutAnArrivalDateOrAFilingTimeNothingIsLate() throws IOException {
        LocalDateTime late = LocalDateTime.of(2030, 1, 1, 23, 59);
        assertThat(stay().missedFilingDue(Map.of(), late)).isEmpty();
        assertThat(stay().missedFilingDue(Map.of("arrivalDate", "07/12/2026"), late)).isEmpty();
        ProcedureDefinition residence = new DefinitionParser(Set.of("temporary-residence"), Set.of())
                .parse("temporary-residence.yaml", Files.readString(Path.of("workflows/temporary-residence.yaml")))
                .definition();
        assertThat(residence.filingDue()).isNull();
        assertThat(residence.missedFilingDue(ARRIVED_7_DECEMBER, late)).isEmpty();
    }
}
