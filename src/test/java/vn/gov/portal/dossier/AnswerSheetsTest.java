package vn.gov.portal.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.population.PopulationRegister;

/** The answers as dossier pages show them: labels of options, dates, units by name, repeated sections, register marks. */
class AnswerSheetsTest extends PortalIntegrationTest {

    @Autowired
    AnswerSheets sheets;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    PopulationRegister register;

    private static AnswerSheets.Row row(List<AnswerSheets.Section> sections, String answerId) {
        return sections.stream().flatMap(s -> s.rows().stream()).filter(r -> r.answerId().equals(answerId)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + answerId));
    }

    @Test
    void answersAreShownAsPeopleReadThem() {
        ProcedureDefinition criminal = catalog.find("criminal-record-certificate").orElseThrow();
        Map<String, String> answers = new HashMap<>(Map.of("sex", "F", "birthDate", "1990-03-07", "fullName", "  Lê Thị Hoa ",
                "pastProvince_1", "01", "pastAddress_1", "Số 1, phố Huế", "pastProvince_3", "79"));
        var vi = sheets.of(answers, Set.of("fullName", "birthDate"), criminal, Map.of("01", "Thành phố Hà Nội"), null,
                Locale.forLanguageTag("vi"));

        assertThat(row(vi, "sex").value()).isEqualTo("Nữ");
        assertThat(row(vi, "birthDate").value()).isEqualTo("07/03/1990");
        assertThat(row(vi, "birthDate").fromRegister()).isTrue();
        assertThat(row(vi, "sex").fromRegister()).isFalse();
        assertThat(row(vi, "fullName").value()).isEqualTo("Lê Thị Hoa");
        assertThat(row(vi, "phone").empty()).isTrue();
        // A repeated section: numbered rows, the first always, later ones only when given; units by code and name.
        assertThat(row(vi, "pastProvince_1").number()).isEqualTo(1);
        assertThat(row(vi, "pastProvince_1").unit()).isTrue();
        assertThat(row(vi, "pastProvince_1").value()).isEqualTo("01");
        assertThat(row(vi, "pastProvince_1").unitName()).isEqualTo("Thành phố Hà Nội");
        assertThat(row(vi, "pastProvince_3").unitName()).as("a code without a known name").isNull();
        assertThat(vi.stream().flatMap(s -> s.rows().stream()).map(AnswerSheets.Row::answerId))
                .contains("pastAddress_1").doesNotContain("pastProvince_2", "pastAddress_2");

        var en = sheets.of(answers, Set.of(), criminal, null, null, Locale.ENGLISH);
        assertThat(row(en, "sex").value()).isEqualTo("Female");
        assertThat(row(en, "sex").label()).isEqualTo("Sex");
        assertThat(row(en, "pastProvince_1").unit()).as("without unit names, a plain value").isFalse();
        assertThat(row(en, "pastProvince_1").value()).isEqualTo("01");
    }

    @Test
    void aNonsenseDateIsShownAsGivenAndAPersonWithTheLookedUpName() {
        ProcedureDefinition criminal = catalog.find("criminal-record-certificate").orElseThrow();
        var sections = sheets.of(Map.of("birthDate", "2026-13-45"), Set.of(), criminal, null, null, Locale.ENGLISH);
        assertThat(row(sections, "birthDate").value()).isEqualTo("2026-13-45");

        var person = catalog.all().stream().flatMap(d -> d.sections().stream().flatMap(section -> section.fields().stream()
                        .filter(f -> f.type() == vn.gov.portal.catalog.FormField.FieldType.PERSON)
                        .map(f -> Map.entry(d, section.answerIds(f).get(0)))))
                .findFirst().orElseThrow();
        ProcedureDefinition marriage = person.getKey();
        String personField = person.getValue();
        var withName = sheets.of(Map.of(personField, "001090012345"), Set.of(), marriage, null,
                Map.of(personField, "Trần Văn Bình"), Locale.ENGLISH);
        assertThat(row(withName, personField).value()).isEqualTo("001090012345 – Trần Văn Bình");
    }

    @Test
    void aTickedBoxReadsAsAWordAndAnUntickedOneAsNoAnswer() {
        ProcedureDefinition criminal = catalog.find("criminal-record-certificate").orElseThrow();
        Map<String, String> ticked = Map.of("includePositionBan", "true");
        assertThat(row(sheets.of(ticked, Set.of(), criminal, null, null, Locale.forLanguageTag("vi")),
                "includePositionBan").value()).isEqualTo("Có");
        assertThat(row(sheets.of(ticked, Set.of(), criminal, null, null, Locale.ENGLISH), "includePositionBan").value())
                .isEqualTo("Yes");
        assertThat(row(sheets.of(Map.of(), Set.of(), criminal, null, null, Locale.ENGLISH), "includePositionBan").empty())
                .isTrue();
    }

    @Test
    void aFormOnItsPageHasUnitsNamedFromTheRegisterAndPeopleWithTheirLookedUpNames() {
        ProcedureDefinition criminal = catalog.find("criminal-record-certificate").orElseThrow();
        String province = register.provinces().get(0).code();
        var form = new Filing.FormState(UUID.randomUUID(), Map.of("pastProvince_1", province, "sex", "M"),
                Set.of("sex"), Set.of(), true, Map.of(), java.util.List.of());
        var sections = sheets.of(form, criminal, false, Locale.forLanguageTag("vi"));
        assertThat(row(sections, "pastProvince_1").unitName()).isEqualTo(register.provinces().get(0).name())
                .isNotBlank();
        assertThat(row(sections, "sex").fromRegister()).isTrue();
    }
}
