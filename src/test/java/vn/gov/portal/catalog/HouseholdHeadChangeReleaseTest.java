package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The household number recorded at filing (householdNumber, prefill household.number) was added
 * to household-head-change.yaml without a new version. A portal whose store already publishes version 1 (every
 * install in use) keeps the stored text (CatalogSeed: "differs ... although both say version 1") and offers no
 * import of the same version, so the field never reaches a form and the approval's otherHousehold check never runs.
 */
class HouseholdHeadChangeReleaseTest {

    private final DefinitionParser parser = new DefinitionParser(Set.of("household-head"), Set.of());

    @Test
    void theFileWithTheHouseholdNumberReachesAStoreThatPublishesTheVersionBeforeIt() throws IOException {
        String before = Files.readString(Path.of("src/test/resources/review/household-head-change.published-v1.yaml"));
        String now = Files.readString(Path.of("workflows/household-head-change.yaml"));
        ProcedureDefinition published = parser.parse("household-head-change.yaml", before).definition();
        assertThat(published.sections().stream().flatMap(s -> s.fields().stream()).map(FormField::id))
                .doesNotContain("householdNumber");
        assertThat(now).contains("prefill: household.number");

        CatalogSeed.Plan plan = CatalogSeed.plan(List.of(new CatalogSeed.SeedFile("household-head-change.yaml", now)),
                parser, Map.of("household-head-change", new StoredVersion("household-head-change",
                        published.version(), before, StoredVersion.Status.PUBLISHED, "quantri", Instant.now(),
                        "quantri", Instant.now())), Set.of("household-head-change"));

        // The changed file must be importable as a new version; with the same version it is set aside as a conflict.
        assertThat(parser.parse("household-head-change.yaml", now).definition().version())
                .isGreaterThan(published.version());
        assertThat(plan.warnings()).noneMatch(w -> w.contains("although both say version"));
    }
}
