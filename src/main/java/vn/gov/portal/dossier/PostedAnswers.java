package vn.gov.portal.dossier;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.ProcedureDefinition.FormSection;

/**
 * What one post of a form carries: the answers of the sections on that page. A page of a multi-step form carries one
 * section, the check-your-answers page none, a form on one page all. Answers of the other sections are kept as saved.
 */
public record PostedAnswers(Map<String, String> values, Set<String> sections) {

    public static PostedAnswers wholeForm(Map<String, String> values) {
        return new PostedAnswers(values, null);
    }

    public static PostedAnswers section(String sectionId, Map<String, String> values) {
        return new PostedAnswers(values, Set.of(sectionId));
    }

    /** The check-your-answers page: confirmations only, every answer as saved. */
    public static PostedAnswers none(Map<String, String> values) {
        return new PostedAnswers(values, Set.of());
    }

    boolean covers(FormSection section) {
        return sections == null || sections.contains(section.id());
    }

    /**
     * The answers to work with: the saved ones, replaced by the posted ones for the sections on this page. A field of
     * such a section that was not posted is empty: an unticked checkbox sends nothing.
     */
    Map<String, String> over(Map<String, String> saved, ProcedureDefinition definition) {
        if (sections == null) {
            return values;
        }
        Map<String, String> merged = new HashMap<>(saved);
        if (sections.isEmpty() && values.containsKey(ProcedureDefinition.EXEMPTION_ANSWER)) {
            // The exemption ground is declared on the check-your-answers page, with the fee it waives.
            merged.put(ProcedureDefinition.EXEMPTION_ANSWER, values.get(ProcedureDefinition.EXEMPTION_ANSWER));
        }
        for (FormSection section : definition.sections()) {
            if (covers(section)) {
                section.fields().forEach(f -> section.answerIds(f)
                        .forEach(id -> merged.put(id, values.getOrDefault(id, ""))));
            }
        }
        return merged;
    }
}
