package vn.gov.portal.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at start when any definition is broken: the portal must not run with a procedure silently missing. */
public class InvalidDefinitionException extends RuntimeException {

    private final transient List<DefinitionProblem> problems;

    public InvalidDefinitionException(List<DefinitionProblem> problems) {
        super("Invalid procedure definition(s):\n  " + problems.stream().map(DefinitionProblem::toString)
                .collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }
}
