package vn.gov.portal.dossier;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.WriteBackHandler;

/**
 * What the register already holds that the approval of a dossier filed now would be refused for (a birth already
 * registered): asked of the write-backs the filing will run ({@link WriteBackHandler#conflictAtFiling}), so that the
 * citizen is told when submitting rather than by an officer days later.
 */
@Component
class FilingConflicts {

    private final Map<String, WriteBackHandler> writeBacks;
    private final ProcedureCatalog catalog;

    FilingConflicts(List<WriteBackHandler> writeBacks, ProcedureCatalog catalog) {
        this.writeBacks = writeBacks.stream().collect(Collectors.toMap(WriteBackHandler::name, Function.identity()));
        this.catalog = catalog;
    }

    List<FieldProblem> of(ProcedureDefinition definition, IdNumber applicant, Map<String, String> answers) {
        return filedWith(definition, answers)
                .filter(procedure -> procedure.writeBack() != null)
                .map(procedure -> writeBacks.get(procedure.writeBack().handler()).conflictAtFiling(applicant, answers))
                .flatMap(Optional::stream)
                .map(conflict -> FieldProblem.of(conflict.answer(), conflict.code(), conflict.args().toArray()))
                .toList();
    }

    /**
     * The procedure itself, or a group's steps filed from the group's form alone: a step taking inputs from an earlier
     * one (the newborn's ID number) is not known until that step is done.
     */
    private Stream<ProcedureDefinition> filedWith(ProcedureDefinition definition, Map<String, String> answers) {
        if (!definition.isGroup()) {
            return Stream.of(definition);
        }
        List<ProcedureDefinition.Step> steps = definition.steps();
        return IntStream.range(0, steps.size())
                .filter(i -> steps.get(i).inputs().isEmpty() && steps.get(i).filedFor(answers))
                .mapToObj(i -> catalog.step(definition, i));
    }
}
