package vn.gov.portal.dossier;

import java.util.List;
import vn.gov.portal.catalog.LocalizedText;

/**
 * A problem with one answer: a message code of the portal's bundles with its arguments, or the definition's own
 * text (e.g. the message for a pattern). In a repeated section, {@code row} (from 1) says which row's answer it is,
 * so that the message can say it; null elsewhere.
 */
public record FieldProblem(String field, String code, List<Object> args, LocalizedText text, Integer row) {

    public FieldProblem(String field, String code, List<Object> args, LocalizedText text) {
        this(field, code, args, text, null);
    }

    static FieldProblem of(String field, String code, Object... args) {
        return new FieldProblem(field, code, List.of(args), null);
    }

    static FieldProblem text(String field, LocalizedText text) {
        return new FieldProblem(field, null, List.of(), text);
    }

    FieldProblem inRow(int number) {
        return new FieldProblem(field, code, args, text, number);
    }
}
