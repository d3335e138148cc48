package vn.gov.portal.population;

import java.util.List;

/**
 * What approving a dossier will write to the register as it stands now (the household the movers join), for the
 * officer who decides: a message code of the portal's bundles, its arguments, and the people whose register data the
 * message shows (their names and numbers), so that showing it is recorded like any other reading.
 */
public record WriteBackOutlook(String code, List<Object> args, List<IdNumber> shown) {

    public WriteBackOutlook(String code) {
        this(code, List.of(), List.of());
    }

    /** A message naming this person, whose name and number are its arguments. */
    public static WriteBackOutlook naming(String code, String name, IdNumber person) {
        return new WriteBackOutlook(code, List.of(name, person.value()), List.of(person));
    }
}
