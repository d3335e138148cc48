package vn.gov.portal.web;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A refused post, for its page shown again (model attribute {@code refused}): templates take the typed value of a
 * field from it instead of the stored one, and mark the inputs its problems are about (aria-invalid, the message
 * beside the input with id {@code <input id>-error}). The problems alone are the model's {@code errors}, for the
 * error summary (fragments/errors).
 */
public record RefusedForm(PostedForm form, List<Messages.FieldMessage> errors) {

    /** What was typed in {@code field} when {@code formName} is the refused form, else {@code otherwise}. */
    public Object value(String formName, String field, Object otherwise) {
        return form.name().equals(formName) ? Objects.requireNonNullElse(form.typed(field), "") : otherwise;
    }

    /** Whether the choice {@code option} of a list of checkboxes was ticked, when {@code formName} was refused. */
    public boolean ticked(String formName, String field, String option, boolean otherwise) {
        return form.name().equals(formName) ? form.typed(field) instanceof Collection<?> c && c.contains(option)
                : otherwise;
    }

    /** "true" for aria-invalid on the input with this id, or null (no attribute). */
    public String invalid(String id) {
        return errors.stream().anyMatch(e -> e.field().equals(id)) ? "true" : null;
    }

    /** The id of the message beside the input, for its aria-describedby, or null. */
    public String errorOf(String id) {
        return invalid(id) == null ? null : id + "-error";
    }
}
