package vn.gov.portal.catalog;

import java.util.List;

/**
 * One question of a procedure form. A field with a {@code prefill} source is filled from the population register;
 * unless {@code editable}, the register's value is authoritative and whatever the browser sends is ignored.
 * A {@code person} field holds the 12-digit ID number of someone the filer may pick ({@code relation}).
 * An {@code officersOnly} field is filled from the register on the server and shown to the handling officers alone:
 * what the law asks about a person whose number was typed (a partner, a parent), which the filer must not read.
 * A date may be at most {@code maxDaysAhead} days after today, and not before the birth of the people picked in the
 * person field {@code notBeforeBirthOf} (every row of a repeated section). With {@code showRepeats} the officer's page
 * lists the other dossiers of the procedure with the same answer (a penalty decision filed twice).
 */
public record FormField(
        String id,
        FieldType type,
        LocalizedText label,
        LocalizedText help,
        boolean required,
        int maxLength,
        String pattern,
        LocalizedText patternMessage,
        String prefill,
        boolean editable,
        List<Option> options,
        String provinceField,
        String notBefore,
        String notAfter,
        String after,
        Integer maxYearsAfter,
        Integer min,
        Integer max,
        Relation relation,
        boolean officersOnly,
        Integer maxDaysAhead,
        String notBeforeBirthOf,
        boolean showRepeats) {

    public enum FieldType { TEXT, TEXTAREA, DATE, SELECT, PHONE, EMAIL, PROVINCE, COMMUNE, NUMBER, CHECKBOX, PERSON }

    /**
     * Whom a person field may name, relative to the filer: people the register links to them, picked from a list, or
     * someone whose number they type — any living person ({@code ANY}) or a person whose death the register records
     * ({@code DECEASED}: the funeral allowance, claimed after the death is registered).
     */
    public enum Relation {
        SELF_OR_CHILD, CHILD, SPOUSE, HOUSEHOLD_MEMBER, ANY, DECEASED;

        /** Typed by number: anyone's, so the form shows the name to confirm and discloses nothing more. */
        public boolean typed() {
            return this == ANY || this == DECEASED;
        }
    }

    public record Option(String value, LocalizedText label) {}

    public boolean prefilled() {
        return prefill != null;
    }

    /** A person field whose number the citizen types (see {@link Relation#typed()}). */
    public boolean typedPerson() {
        return relation != null && relation.typed();
    }

    /** Locked fields show the register's value and cannot be changed by the citizen. */
    public boolean locked() {
        return prefill != null && !editable;
    }
}
