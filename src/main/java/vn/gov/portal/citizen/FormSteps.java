package vn.gov.portal.citizen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.gov.portal.catalog.LocalizedText;
import vn.gov.portal.catalog.ProcedureDefinition;

/**
 * The pages of a procedure's form: one per section that applies to this citizen's answers, then "check your answers".
 * Sections can start or stop applying as answers change, so the pages are worked out anew for every request.
 */
public record FormSteps(List<Step> steps, int current) {

    static final String REVIEW = "review";
    static final String DOCUMENTS = "documents";

    /** A page: a section of the form, or the review page (no title of its own: the page names it from the bundle). */
    public record Step(String id, LocalizedText title) {
        public boolean review() {
            return REVIEW.equals(id);
        }

        /** The page of the papers to attach (its own upload forms; no answers). */
        public boolean documents() {
            return DOCUMENTS.equals(id);
        }
    }

    /** The pages, positioned on the one asked for (the first page when it is unknown or no longer applies). */
    static FormSteps of(ProcedureDefinition definition, Set<String> applicable, String requested) {
        List<Step> steps = new ArrayList<>();
        definition.sections().stream().filter(s -> applicable.contains(s.id()))
                .forEach(s -> steps.add(new Step(s.id(), s.title())));
        if (!definition.documents().isEmpty()) {
            steps.add(new Step(DOCUMENTS, LocalizedText.EMPTY));
        }
        steps.add(new Step(REVIEW, LocalizedText.EMPTY));
        int index = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(requested)) {
                index = i;
            }
        }
        return new FormSteps(List.copyOf(steps), index);
    }

    public Step step() {
        return steps.get(current);
    }

    /** 1-based, for "Bước 2/4". */
    public int number() {
        return current + 1;
    }

    public int total() {
        return steps.size();
    }

    public Optional<Step> previous() {
        return current == 0 ? Optional.empty() : Optional.of(steps.get(current - 1));
    }

    public Optional<Step> next() {
        return current + 1 < steps.size() ? Optional.of(steps.get(current + 1)) : Optional.empty();
    }

    /** The page holding an answer, to link an error found on the review page to where it can be corrected. */
    static String stepOf(ProcedureDefinition definition, String answerId) {
        return definition.sections().stream()
                .filter(s -> s.fields().stream().anyMatch(f -> s.answerIds(f).contains(answerId)))
                .map(ProcedureDefinition.FormSection::id).findFirst()
                .orElse(answerId.startsWith("attachment-") ? DOCUMENTS : REVIEW);
    }
}
