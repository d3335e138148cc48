package vn.gov.portal.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which paper forms a procedure's dossiers get (definition key {@code formSet}): the one-stop-shop forms of Circular
 * 01/2018 for every procedure, or the residence forms of Circular 66/2023/TT-BCA (CT04, CT05, CT06, CT08) that the
 * residence registration offices must use instead.
 */
public enum FormSet {
    ONE_STOP, RESIDENCE;

    /** The value written in definitions: one-stop, residence. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<FormSet> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }

    static String ids() {
        return Arrays.stream(values()).map(FormSet::id).collect(Collectors.joining(", "));
    }
}
