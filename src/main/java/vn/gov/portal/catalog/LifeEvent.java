package vn.gov.portal.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The life events the catalogue groups procedures by, in the order citizens see them. A definition's
 * {@code lifeEvent} must be one of these ids; the names are in the message bundles ({@code lifeEvent.<id>}).
 */
public enum LifeEvent {
    BIRTH, FAMILY, RESIDENCE, IDENTITY, TRANSPORT, WORK, ELECTRICITY, LAND, BUSINESS, JUSTICE, EDUCATION, DEATH;

    /** The value written in definitions and URLs (?event=residence). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LifeEvent> fromId(String id) {
        return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst();
    }

    static String ids() {
        return Arrays.stream(values()).map(LifeEvent::id).collect(Collectors.joining(", "));
    }
}
