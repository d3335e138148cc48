package vn.gov.portal.dossier;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.population.FilingCheck;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.RegisterGuard;
import vn.gov.portal.population.WriteBackHandler;

/**
 * What the register already tells against a dossier filed now ({@link FilingCheck}): asked of the guards the
 * procedure's transitions name and of its write-back (marriage: the filer's age; birth: the child already registered),
 * so that the citizen is told when submitting rather than by an officer days later.
 */
@Component
class FilingChecks {

    private final Map<String, RegisterGuard> guards;
    private final Map<String, WriteBackHandler> writeBacks;
    private final ProcedureCatalog catalog;

    FilingChecks(List<RegisterGuard> guards, List<WriteBackHandler> writeBacks, ProcedureCatalog catalog) {
        this.guards = guards.stream().collect(Collectors.toMap(RegisterGuard::name, Function.identity()));
        this.writeBacks = writeBacks.stream().collect(Collectors.toMap(WriteBackHandler::name, Function.identity()));
        this.catalog = catalog;
    }

    /** The refusals of a filing of this definition, each at its answer; empty when it may be submitted. */
    List<FieldProblem> refusals(ProcedureDefinition definition, IdNumber applicant, Map<String, String> answers) {
        return filedWith(definition, answers)
                .flatMap(procedure -> {
                    FilingCheck.Case filed = new FilingCheck.Case(applicant, answers, procedure.workflow().party());
                    return checksOf(procedure).map(check -> check.refusalAtFiling(filed));
                })
                .flatMap(Optional::stream)
                .map(refusal -> FieldProblem.of(refusal.answer(), refusal.code(), refusal.args().toArray()))
                .distinct().toList();
    }

    /** The guards the procedure's transitions name (a guard named twice asked once), then its write-back. */
    private Stream<FilingCheck> checksOf(ProcedureDefinition procedure) {
        Stream<FilingCheck> named = procedure.workflow().transitions().stream().flatMap(t -> t.guards().stream())
                .distinct().<FilingCheck>map(guards::get).filter(Objects::nonNull); // the portal's own noFeeDue is no register guard
        return Stream.concat(named, procedure.writeBack() == null ? Stream.empty()
                : Stream.of(writeBacks.get(procedure.writeBack().handler())));
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
