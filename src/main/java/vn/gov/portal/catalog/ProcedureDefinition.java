package vn.gov.portal.catalog;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Everything a procedure is, as data: what the citizen fills, who handles it, how long it may take and its steps. */
public record ProcedureDefinition(
        String code,
        String nationalCode,
        int version,
        LocalizedText name,
        LocalizedText summary,
        String lifeEvent,
        Routing routing,
        Deadline deadline,
        Fees fees,
        int eidLevel,
        List<FormSection> sections,
        WorkflowDefinition workflow,
        String writeBack,
        LocalizedText result,
        String source) {

    /** Which agency handles a dossier: the agency of this kind for the commune chosen in {@code communeField}. */
    public record Routing(String agencyKind, String communeField) {}

    /** Legal deadline in working days, counted from the working day of receipt. */
    public record Deadline(int workingDays) {}

    /** Fees in VND at the counter and online. */
    public record Fees(long counter, long online, LocalizedText note) {}

    public record FormSection(String id, LocalizedText title, List<FormField> fields) {}

    public Stream<FormField> fields() {
        return sections.stream().flatMap(s -> s.fields().stream());
    }

    public Optional<FormField> field(String id) {
        return fields().filter(f -> f.id().equals(id)).findFirst();
    }
}
