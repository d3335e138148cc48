package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue's parts of a definition: its life event (a fixed set), search keywords and the routing's place name. */
class LifeEventAndKeywordsTest {

    private final DefinitionParser parser = new DefinitionParser(Set.of("temporary-residence"), Set.of());

    private static String realDefinition() throws IOException {
        return Files.readString(Path.of("workflows/temporary-residence.yaml"));
    }

    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void theRealDefinitionHasItsGroupKeywordsAndPlaceName() throws IOException {
        ProcedureDefinition d = parser.parse("temporary-residence.yaml", realDefinition()).definition();
        assertThat(d.event()).isEqualTo(LifeEvent.RESIDENCE);
        assertThat(d.keywords().vi()).contains("tạm trú", "thuê nhà");
        assertThat(d.keywords().en()).contains("temporary residence");
        assertThat(d.routing().hasPlaceName()).isTrue();
        assertThat(d.routing().placeName().vi()).isEqualTo("nơi bạn tạm trú");
    }

    @Test
    void anUnknownLifeEventIsReportedWithItsLineAndTheAllowedValues() throws IOException {
        String broken = realDefinition().replace("lifeEvent: residence", "lifeEvent: housing");
        DefinitionParser.Result result = parser.parse("broken.yaml", broken);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(lineOf(broken, "lifeEvent: housing"));
            assertThat(p.message()).contains("lifeEvent 'housing'").contains("birth, family, residence");
        });
    }

    @Test
    void theOldFreeFormValuesAreNoLongerAccepted() throws IOException {
        for (String old : new String[] {"health", "travel", "marriage", "tax", "Residence"}) {
            String broken = realDefinition().replace("lifeEvent: residence", "lifeEvent: " + old);
            assertThat(parser.parse("broken.yaml", broken).problems()).extracting(DefinitionProblem::message)
                    .anyMatch(m -> m.contains("lifeEvent '" + old + "'"));
        }
    }

    @Test
    void keywordsAreOptional() throws IOException {
        String without = realDefinition().replaceAll("(?m)^keywords:\\n(  .*\\n)+", "");
        assertThat(without).doesNotContain("keywords:");
        DefinitionParser.Result result = parser.parse("plain.yaml", without);
        assertThat(result.problems()).isEmpty();
        assertThat(result.definition().keywords().all()).isEmpty();
    }

    @Test
    void badlyShapedKeywordsAreReportedWithTheirLines() throws IOException {
        String notAMap = realDefinition().replaceAll("(?m)^keywords:\\n(  .*\\n)+", "keywords: hộ khẩu\n");
        DefinitionParser.Result first = parser.parse("broken.yaml", notAMap);
        assertThat(first.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(lineOf(notAMap, "keywords: hộ khẩu"));
            assertThat(p.message()).contains("'keywords' must have 'vi' and / or 'en'");
        });

        String wrongLanguage = realDefinition().replace("  en: [temporary residence", "  fr: [temporary residence");
        assertThat(parser.parse("broken.yaml", wrongLanguage).problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("unknown key 'fr' in keywords");
            assertThat(p.line()).isEqualTo(lineOf(wrongLanguage, "  fr: ["));
        });

        String emptyWord = realDefinition().replace("vi: [tạm trú,", "vi: [\"–\", tạm trú,");
        assertThat(parser.parse("broken.yaml", emptyWord).problems()).extracting(DefinitionProblem::message)
                .anyMatch(m -> m.contains("keywords.vi has an empty keyword"));
    }

    @Test
    void aGroupIsCheckedToo() throws IOException {
        String group = Files.readString(Path.of("workflows/birth-residence-health-insurance.yaml"))
                .replace("lifeEvent: birth", "lifeEvent: babies");
        assertThat(parser.parse("group.yaml", group).problems()).extracting(DefinitionProblem::toString)
                .anyMatch(m -> m.startsWith("group.yaml:" + lineOf(group, "lifeEvent: babies") + ": lifeEvent 'babies'"));
    }
}
