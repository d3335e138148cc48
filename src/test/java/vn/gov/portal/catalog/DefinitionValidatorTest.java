package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;

/** The validator bean with the portal's real guards, write-backs, procedures and staff roles. */
class DefinitionValidatorTest extends PortalIntegrationTest {

    @Autowired
    DefinitionValidator validator;
    @Autowired
    ProcedureCatalog catalog;

    @Test
    void everyLoadedProcedureIsStaffedAndHasNoProblem() throws Exception {
        List<DefinitionProblem> problems = new ArrayList<>();
        int files = 0;
        for (ProcedureDefinition d : catalog.all()) {
            // The procedures of workflows/ (other tests publish copies of their own, which have no file).
            Path file = Path.of("workflows", d.code() + ".yaml");
            if (Files.exists(file)) {
                problems.addAll(validator.problems(d, Files.readString(file)));
                files++;
            }
        }
        assertThat(files).isEqualTo(31);
        assertThat(problems).isEmpty();
    }

    @Test
    void officerRolesNobodyHoldsInTheRoutedKindAreReportedWithTheirLines() {
        String yaml = DefinitionRulesTest.TINY.replace("agencyKind: COMMUNE_POLICE", "agencyKind: NOBODY_WORKS_HERE");
        ProcedureDefinition d = new DefinitionParser(java.util.Set.of(), java.util.Set.of()).parse("tiny.yaml", yaml)
                .definition();
        assertThat(validator.problems(d, yaml)).extracting(DefinitionProblem::toString).containsExactly(
                "tiny.yaml:21: role RECEIVER (transition 'receive') is held by no active staff member of any NOBODY_WORKS_HERE agency",
                "tiny.yaml:22: role APPROVER (transition 'finish') is held by no active staff member of any NOBODY_WORKS_HERE agency");
        assertThat(validator.problems(d)).allSatisfy(p -> assertThat(p.line()).isZero()).hasSize(2);
    }

    @Test
    void theRealGuardsAndWriteBacksDeclareWhatTheyRead() {
        String yaml = DefinitionRulesTest.TINY.replace("roles: [APPROVER],", "roles: [APPROVER], guards: [notDeceased, bothUnmarried],");
        ProcedureDefinition d = new DefinitionParser(java.util.Set.of(), DefinitionRulesTest.PORTAL_GUARDS)
                .parse("tiny.yaml", yaml).definition();
        assertThat(validator.problems(d, yaml)).extracting(DefinitionProblem::message).containsExactlyInAnyOrder(
                "guard 'notDeceased' of transition 'finish' reads the field 'deceased', which the form does not have",
                "guard 'bothUnmarried' of transition 'finish' checks the other party, but the workflow names no party");
    }
}
