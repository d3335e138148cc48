package vn.gov.portal.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form as it was posted, kept for showing it again when the post is refused: its name on the page, what was typed in
 * each field, and the id of each field's input, so that a refusal about a field marks that input and the error summary
 * links to it. A refusal about the whole form links to {@code wholeId}.
 */
public final class PostedForm {

    private final String name;
    private final String wholeId;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<String, Object> typed = new LinkedHashMap<>();

    public PostedForm(String name, String wholeId) {
        this.name = name;
        this.wholeId = wholeId;
    }

    /** A field: its request parameter, the id of its input and what was posted (a text, a date, a list of choices). */
    public PostedForm field(String parameter, String id, Object value) {
        ids.put(parameter, id);
        typed.put(parameter, value instanceof Collection<?> choices ? List.copyOf(choices)
                : value == null ? "" : value.toString());
        return this;
    }

    public String name() {
        return name;
    }

    /** The input a refusal about {@code parameter} (null: the whole form) is shown at. */
    String idOf(String parameter) {
        return parameter == null ? wholeId : ids.getOrDefault(parameter, wholeId);
    }

    Object typed(String parameter) {
        return typed.get(parameter);
    }
}
