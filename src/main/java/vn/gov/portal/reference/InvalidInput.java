package vn.gov.portal.reference;

import java.util.ArrayList;
import java.util.List;

/** Input that changes nothing: every problem found, each a message code for one form field. */
public class InvalidInput extends RuntimeException {

    /** One problem: the form field it concerns and a message code of the portal's bundles with its arguments. */
    public record Problem(String field, String code, List<Object> args) {}

    private final transient List<Problem> problems;

    InvalidInput(List<Problem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Collects problems while a form is checked; {@link #throwIfAny()} ends the check. */
    static final class Collector {
        private final List<Problem> problems = new ArrayList<>();

        Collector add(String field, String code, Object... args) {
            problems.add(new Problem(field, code, List.of(args)));
            return this;
        }

        boolean has(String field) {
            return problems.stream().anyMatch(p -> p.field().equals(field));
        }

        /** A required text: present and at most {@code max} characters. */
        String text(String field, String value, int max) {
            String v = value == null ? "" : value.strip();
            if (v.isEmpty()) {
                add(field, "reference.error.required");
            } else if (v.length() > max) {
                add(field, "reference.error.tooLong", max);
            }
            return v;
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
        }
    }
}
