package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules between the definition files and the store: seed an empty store, never overwrite either silently. */
class CatalogSeedTest {

    private final DefinitionParser parser = new DefinitionParser(Set.of("temporary-residence"), Set.of());
    private final String file = read();
    /** The file's own version: procedures are versioned data, so the file moves on (2 since the CT01 consent). */
    private final int version = parser.parse("temporary-residence.yaml", file).definition().version();

    private static String read() {
        try {
            return Files.readString(Path.of("workflows/temporary-residence.yaml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static StoredVersion published(int version, String text) {
        return new StoredVersion("temporary-residence", version, text, StoredVersion.Status.PUBLISHED, "quantri",
                Instant.now(), "quantri", Instant.now());
    }

    /** The file as another version: its version line changed, nothing else. */
    private String asVersion(int other) {
        String changed = DefinitionEdits.version(file, other);
        assertThat(changed).isNotEqualTo(file).contains("\nversion: " + other + "\n");
        return changed;
    }

    private CatalogSeed.Plan plan(String text, Map<String, StoredVersion> published, Set<String> stored) {
        return CatalogSeed.plan(List.of(new CatalogSeed.SeedFile("temporary-residence.yaml", text)), parser, published,
                stored);
    }

    @Test
    void anEmptyStoreTakesEveryFileWithTheVersionItSays() {
        CatalogSeed.Plan plan = plan(asVersion(version + 3), Map.of(), Set.of());
        assertThat(plan.inserts()).singleElement().satisfies(insert -> {
            assertThat(insert.code()).isEqualTo("temporary-residence");
            assertThat(insert.version()).isEqualTo(version + 3);
            assertThat(insert.text()).isEqualTo(asVersion(version + 3));
        });
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aBrokenFileStopsTheSeedingOfAnEmptyStore() {
        assertThatThrownBy(() -> plan(file.replace("workingDays: 3", "workingDays: three"), Map.of(), Set.of()))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("workingDays");
    }

    @Test
    void theSameVersionAndTextChangesNothingAndSaysNothing() {
        CatalogSeed.Plan plan = plan(file, Map.of("temporary-residence", published(version, file)),
                Set.of("temporary-residence"));
        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aFileWithAnotherVersionThanThePublishedOneIsReportedAndTheStoreKept() {
        String edited = asVersion(version + 1).replace("workingDays: 3", "workingDays: 5");
        CatalogSeed.Plan newerInDatabase = plan(file, Map.of("temporary-residence", published(version + 2, edited)),
                Set.of("temporary-residence"));
        assertThat(newerInDatabase.inserts()).isEmpty();
        assertThat(newerInDatabase.warnings()).singleElement().asString().contains(
                "temporary-residence.yaml is version " + version, "publishes version " + (version + 2), "import it");

        CatalogSeed.Plan newerFile = plan(edited, Map.of("temporary-residence", published(version, file)),
                Set.of("temporary-residence"));
        assertThat(newerFile.inserts()).isEmpty();
        assertThat(newerFile.warnings()).singleElement().asString().contains("is version " + (version + 1),
                "publishes version " + version);
    }

    @Test
    void aFileThatDiffersUnderTheSameVersionIsReportedNotImported() {
        String changed = file.replace("workingDays: 3", "workingDays: 5");
        CatalogSeed.Plan plan = plan(changed, Map.of("temporary-residence", published(version, file)),
                Set.of("temporary-residence"));
        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.warnings()).singleElement().asString().contains("differs from the published version " + version);
    }

    @Test
    void aStoreInUseOnlyGainsProceduresItDoesNotKnow() {
        CatalogSeed.Plan plan = plan(file, Map.of(), Set.of("passport"));
        assertThat(plan.inserts()).extracting(CatalogSeed.Insert::code).containsExactly("temporary-residence");
        assertThat(plan.warnings()).singleElement().asString().contains("New procedure 'temporary-residence'");
    }

    @Test
    void aBrokenFileNextToAStoreInUseIsReportedAndDoesNotStopTheStart() {
        CatalogSeed.Plan plan = plan(file.replace("workingDays: 3", "workingDays: three"),
                Map.of("temporary-residence", published(version, file)), Set.of("temporary-residence"));
        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.warnings()).singleElement().asString().contains("ignored", "workingDays");
    }

    @Test
    void aCodeKnownOnlyAsADraftIsNotOverwrittenByAFile() {
        CatalogSeed.Plan plan = plan(file, Map.of(), Set.of("temporary-residence"));
        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.warnings()).singleElement().asString().contains("only as a draft");
    }
}
