package vn.gov.portal.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.FilingCheck;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.RegisterGuard;
import vn.gov.portal.population.WriteBackHandler;

/**
 * A filing is refused at once through one mechanism: the marriage's conditions (a guard its transitions name) and the
 * birth registered once (its write-back) are the same {@link FilingCheck}, asked by {@link FilingChecks} from the
 * definitions, and refuse in one shape — an answer, a message code and its arguments. The checks' own rules are proved
 * by MarriageConditionsTest and BirthRegisteredOnceTest.
 */
class FilingChecksTest extends PortalIntegrationTest {

    private static final IdNumber FILER = new IdNumber("001090000001");

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    List<RegisterGuard> guards;
    @Autowired
    List<WriteBackHandler> writeBacks;

    /** Each check asked, by name, with the field naming the other party it was given. */
    private final List<String> asked = new ArrayList<>();

    @Test
    void theMarriageConditionsAndTheBirthRegisteredOnceCheckRefuseThroughTheSamePath() {
        FilingChecks checks = new FilingChecks(guards.stream().map(g -> (RegisterGuard) new AskedGuard(g.name())).toList(),
                writeBacks.stream().map(w -> (WriteBackHandler) new AskedWriteBack(w.name())).toList(), catalog);
        Map<String, String> answers = Map.of("partner", "001190000002", "childFullName", "Lê Thị Bảo Ngọc");

        List<FieldProblem> marriage = checks.refusals(definition("marriage-registration"), FILER, answers);
        // Each guard the transitions name asked once (in the order they are named), then the write-back; each at the
        // party the workflow names.
        assertThat(asked).containsExactlyInAnyOrder("marriageConditions@partner", "bothUnmarried@partner", "marriage@partner")
                .endsWith("marriage@partner");
        List<Object> args = List.of(FILER.value(), "001190000002");
        assertThat(marriage).extracting(FieldProblem::field, FieldProblem::code, FieldProblem::args).containsExactlyInAnyOrder(
                tuple("partner", "refused.marriageConditions", args), tuple("partner", "refused.bothUnmarried", args),
                tuple("partner", "refused.marriage", args));

        asked.clear();
        List<FieldProblem> birth = checks.refusals(definition("birth-registration"), FILER, answers);
        assertThat(asked).containsExactly("birth@null"); // noFeeDue is the portal's own guard, not the register's
        assertThat(birth).extracting(FieldProblem::field, FieldProblem::code, FieldProblem::args)
                .containsExactly(tuple("childFullName", "refused.birth", args));

        // A group asks its steps filed from its form: the birth; not the residence and card waiting for the child's number.
        asked.clear();
        List<FieldProblem> group = checks.refusals(definition("birth-residence-health-insurance"), FILER, answers);
        assertThat(asked).containsExactly("birth@null");
        assertThat(group).isEqualTo(birth);
    }

    private ProcedureDefinition definition(String code) {
        return catalog.find(code).orElseThrow();
    }

    /** Refuses every filing, at the answer its real counterpart shows the refusal at, saying who and whom it was asked of. */
    private Optional<FilingCheck.Refusal> refuse(String name, String answer, FilingCheck.Case dossier) {
        asked.add(name + "@" + dossier.partyField());
        return Optional.of(new FilingCheck.Refusal(answer, "refused." + name,
                List.of(dossier.applicant().value(), dossier.answers().get("partner"))));
    }

    private final class AskedGuard implements RegisterGuard {
        private final String name;

        AskedGuard(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<Refusal> refusalAtFiling(Case dossier) {
            return refuse(name, dossier.partyField(), dossier);
        }

        @Override
        public Optional<String> refusal(Case dossier) {
            throw new AssertionError("a transition's check, not the filing's");
        }
    }

    private final class AskedWriteBack implements WriteBackHandler {
        private final String name;

        AskedWriteBack(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<Refusal> refusalAtFiling(Case dossier) {
            return refuse(name, dossier.partyField() == null ? "childFullName" : dossier.partyField(), dossier);
        }

        @Override
        public void apply(CompletedDossier dossier) {
            throw new AssertionError("the approval's write, not the filing's");
        }
    }
}
