package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Matching and ranking on small made-up procedures, then on the real catalogue in workflows/. */
class ProcedureSearchTest {

    private static List<ProcedureDefinition> real;

    @BeforeAll
    static void loadTheCatalogue() {
        DefinitionParser parser = new DefinitionParser(Set.of("birth", "death", "marriage", "permanent-residence",
                "temporary-residence", "temporary-absence", "deregister-residence", "id-card", "record-document",
                "newborn-residence", "household-head"), DefinitionRulesTest.PORTAL_GUARDS);
        real = List.copyOf(ProcedureCatalog.load(parser, DefinitionRulesTest.PORTAL_RULES, "file:workflows/").values());
    }

    private static ProcedureDefinition procedure(String code, String name, String summary, String event,
                                                 List<String> keywords) {
        return new ProcedureDefinition(code, "", 1, new LocalizedText(name, code), new LocalizedText(summary, ""),
                event, List.of("SELF"), null, null, null, 2, List.of(), List.of(), null, null, LocalizedText.EMPTY,
                List.of(), code + ".yaml", new ProcedureDefinition.Keywords(keywords, List.of()));
    }

    private static List<String> codes(List<ProcedureDefinition> found) {
        return found.stream().map(ProcedureDefinition::code).toList();
    }

    private final ProcedureDefinition inSummary = procedure("summary-only", "Khai báo tạm vắng",
            "Khi bạn đi khỏi nơi cư trú, không phải đăng ký tạm trú ở nơi khác", "residence", List.of());
    private final ProcedureDefinition byKeyword = procedure("keyword", "Thông báo lưu trú", "", "residence",
            List.of("tạm trú ngắn ngày"));
    private final ProcedureDefinition wordsInName = procedure("words", "Gia hạn tạm trú, đăng ký lại", "", "residence",
            List.of());
    private final ProcedureDefinition phrase = procedure("phrase", "Đăng ký tạm trú", "", "residence", List.of());
    private final List<ProcedureDefinition> made = List.of(inSummary, byKeyword, wordsInName, phrase);

    @Test
    void everyWordMustMatchInAnyOrderWithOrWithoutMarks() {
        assertThat(codes(ProcedureSearch.search(made, "tam tru dang ky"))).contains("phrase", "words", "summary-only")
                .doesNotContain("keyword");
        assertThat(codes(ProcedureSearch.search(made, "TẠM TRÚ ĐĂNG KÝ")))
                .isEqualTo(codes(ProcedureSearch.search(made, "tam tru dang ky")));
        assertThat(ProcedureSearch.search(made, "tạm trú hộ chiếu")).isEmpty();
    }

    @Test
    void nameMatchesComeBeforeKeywordMatchesAndKeywordMatchesBeforeSummaryMatches() {
        assertThat(codes(ProcedureSearch.search(made, "dang ky tam tru")))
                .containsExactly("phrase", "words", "summary-only");
        // Both names hold the phrase: within a rank the given (catalogue) order stays.
        assertThat(codes(ProcedureSearch.search(made, "tam tru"))).containsExactly("words", "phrase", "keyword",
                "summary-only");
    }

    @Test
    void wordsMatchTheStartOfWordsNotTheirMiddle() {
        assertThat(codes(ProcedureSearch.search(made, "tạm"))).hasSize(4);
        assertThat(ProcedureSearch.search(made, "am tru")).isEmpty();
    }

    @Test
    void aBlankQueryListsEverythingInTheGivenOrder() {
        assertThat(ProcedureSearch.search(made, "  ")).isEqualTo(made);
        assertThat(ProcedureSearch.search(made, null)).isEqualTo(made);
        assertThat(ProcedureSearch.search(made, " ,;– ")).isEqualTo(made);
    }

    @Test
    void theRealCatalogueAnswersWhatCitizensType() {
        assertThat(codes(ProcedureSearch.search(real, "dang ky tam tru"))).first().isEqualTo("temporary-residence");
        assertThat(codes(ProcedureSearch.search(real, "Đăng ký tạm trú"))).first().isEqualTo("temporary-residence");
        assertThat(codes(ProcedureSearch.search(real, "ho chieu"))).first().isEqualTo("passport");
        assertThat(codes(ProcedureSearch.search(real, "passport"))).first().isEqualTo("passport");
        assertThat(codes(ProcedureSearch.search(real, "khai sinh")))
                .contains("birth-registration", "birth-residence-health-insurance");
        assertThat(codes(ProcedureSearch.search(real, "CCCD"))).contains("id-card-renewal", "id-card-reissue");
        assertThat(codes(ProcedureSearch.search(real, "can cuoc"))).startsWith("id-card-reissue", "id-card-renewal");
        assertThat(codes(ProcedureSearch.search(real, "xe may"))).first().isEqualTo("motorbike-registration");
        assertThat(codes(ProcedureSearch.search(real, "bằng lái"))).containsExactly("driving-licence-exchange");
        assertThat(codes(ProcedureSearch.search(real, "tro cap that nghiep"))).first().isEqualTo("unemployment-benefit");
        assertThat(codes(ProcedureSearch.search(real, "hộ khẩu"))).contains("permanent-residence");
        assertThat(codes(ProcedureSearch.search(real, "1.004194"))).containsExactly("temporary-residence");
        assertThat(codes(ProcedureSearch.search(real, "driving licence"))).containsExactly("driving-licence-exchange");
        assertThat(ProcedureSearch.search(real, "xyzzy")).isEmpty();
    }

    @Test
    void aVeryLongQueryIsCutNotRefused() {
        String query = "tam tru " + "x".repeat(500);
        assertThat(ProcedureSearch.search(real, query)).isEmpty();
        assertThat(codes(ProcedureSearch.search(real, "tam tru" + " ".repeat(200) + "passport")))
                .contains("temporary-residence");
    }

    @Test
    void groupsFollowTheLifeEventOrderAndHoldEveryProcedureOnce() {
        List<ProcedureSearch.Group> groups = ProcedureSearch.byLifeEvent(real);
        assertThat(groups).extracting(ProcedureSearch.Group::event).isSorted().doesNotHaveDuplicates();
        assertThat(groups.stream().mapToInt(g -> g.procedures().size()).sum()).isEqualTo(real.size());
        assertThat(groups).allSatisfy(g -> assertThat(g.procedures()).allMatch(p -> p.event() == g.event()));
        ProcedureSearch.Group identity = groups.stream().filter(g -> g.event() == LifeEvent.IDENTITY).findFirst()
                .orElseThrow();
        assertThat(codes(identity.procedures())).contains("passport", "id-card-renewal", "old-id-number-confirmation");
        ProcedureSearch.Group birth = groups.stream().filter(g -> g.event() == LifeEvent.BIRTH).findFirst()
                .orElseThrow();
        // Single procedures first, then the interconnected group.
        assertThat(codes(birth.procedures())).last().isEqualTo("birth-residence-health-insurance");
    }
}
