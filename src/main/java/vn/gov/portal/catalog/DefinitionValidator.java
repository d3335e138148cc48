package vn.gov.portal.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.population.RegisterGuard;
import vn.gov.portal.population.WriteBackHandler;

/**
 * Checks a parsed definition as a whole ({@link DefinitionRules}) against the running portal: its guards and
 * write-backs, the other procedures (for a group's steps) and the staff roles held today. The procedure editor
 * shows these problems before a version is published; the parser's own problems come first, from parsing.
 */
@Component
public class DefinitionValidator {

    private final DefinitionRules rules;
    private final AgencyDirectory agencies;
    private final ProcedureCatalog catalog;

    public DefinitionValidator(List<WriteBackHandler> writeBacks, List<RegisterGuard> guards, AgencyDirectory agencies,
                               ProcedureCatalog catalog) {
        this.rules = rules(writeBacks, guards);
        this.agencies = agencies;
        this.catalog = catalog;
    }

    /** The rules with what the portal's guards read and its write-backs add. */
    static DefinitionRules rules(List<WriteBackHandler> writeBacks, List<RegisterGuard> guards) {
        Map<String, Set<String>> reads = guards.stream()
                .collect(Collectors.toMap(RegisterGuard::name, RegisterGuard::reads, (a, b) -> a));
        Map<String, Set<String>> outputs = writeBacks.stream()
                .collect(Collectors.toMap(WriteBackHandler::name, WriteBackHandler::outputs, (a, b) -> a));
        return new DefinitionRules(reads, outputs);
    }

    /** Every problem of the definition, without lines (line 0: the whole file). */
    public List<DefinitionProblem> problems(ProcedureDefinition definition) {
        return problems(definition, null);
    }

    /** Every problem of the definition, with its line in {@code yaml}, the text the definition was parsed from. */
    public List<DefinitionProblem> problems(ProcedureDefinition definition, String yaml) {
        return rules.problems(definition, DefinitionLines.of(yaml), catalog::find, agencies::rolesHeldIn);
    }
}
