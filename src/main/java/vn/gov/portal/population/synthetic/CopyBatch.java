package vn.gov.portal.population.synthetic;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Rows of a group of whole households for the four population tables, in PostgreSQL COPY text format
 * (tab-separated, \N for null, backslash escapes). A batch only ever holds a few tens of thousands of people, so a
 * run of any size needs bounded memory.
 */
final class CopyBatch {

    static final String HOUSEHOLD_COPY =
            "copy population.household (id, head_id_number, province_code, commune_code, address_detail) from stdin";
    static final String PERSON_COPY = "copy population.person (id_number, full_name, birth_date, sex, ethnicity,"
            + " religion, nationality, home_town, place_of_birth, marital_status, date_of_death, phone, email,"
            + " household_id, relation_to_head) from stdin";
    static final String RESIDENCE_COPY = "copy population.residence (id_number, kind, province_code, commune_code,"
            + " detail, valid_from, valid_to) from stdin";
    static final String FAMILY_LINK_COPY =
            "copy population.family_link (id_number, relation, related_id_number) from stdin";

    private final StringBuilder households = new StringBuilder(1 << 20);
    private final StringBuilder persons = new StringBuilder(1 << 22);
    private final StringBuilder residences = new StringBuilder(1 << 21);
    private final StringBuilder familyLinks = new StringBuilder(1 << 20);
    private int householdCount;
    private int personCount;
    private int familyLinkCount;

    void household(long id, String headIdNumber, Commune commune, String addressDetail) {
        Row.of(households).value(id).text(headIdNumber).text(commune.provinceCode()).text(commune.code())
                .text(addressDetail).end();
        householdCount++;
    }

    void person(SyntheticPerson person, String phone, String email, long householdId) {
        Row.of(persons).text(person.idNumber).text(person.fullName()).date(person.birthDate)
                .text(person.sex.name()).text(person.ethnicity).text(person.religion).text("Việt Nam")
                .text(person.homeTown.label()).text(person.placeOfBirth.label()).text(person.maritalStatus)
                .date(null).text(phone).text(email).value(householdId).text(person.relation.label()).end();
        personCount++;
    }

    void residence(String idNumber, String kind, Commune commune, String detail, LocalDate validFrom,
            LocalDate validTo) {
        Row.of(residences).text(idNumber).text(kind).text(commune.provinceCode()).text(commune.code()).text(detail)
                .date(validFrom).date(validTo).end();
    }

    void familyLink(String idNumber, String relation, String relatedIdNumber) {
        Row.of(familyLinks).text(idNumber).text(relation).text(relatedIdNumber).end();
        familyLinkCount++;
    }

    int personCount() {
        return personCount;
    }

    /** The batch as UTF-8 bytes ready for CopyIn, releasing the character buffers. */
    Encoded encode() {
        return new Encoded(bytes(households), bytes(persons), bytes(residences), bytes(familyLinks),
                householdCount, personCount, familyLinkCount);
    }

    private static byte[] bytes(StringBuilder rows) {
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    record Encoded(byte[] households, byte[] persons, byte[] residences, byte[] familyLinks,
            int householdCount, int personCount, int familyLinkCount) {
    }

    /** Appends the fields of one row, each but the first preceded by a tab. */
    private static final class Row {
        private final StringBuilder out;
        private boolean first = true;

        private Row(StringBuilder out) {
            this.out = out;
        }

        static Row of(StringBuilder out) {
            return new Row(out);
        }

        Row text(String value) {
            separate();
            if (value == null) {
                out.append("\\N");
            } else {
                appendEscaped(value);
            }
            return this;
        }

        Row value(long value) {
            separate();
            out.append(value);
            return this;
        }

        /** ISO yyyy-MM-dd, written by hand: LocalDate.toString would allocate for every one of tens of millions. */
        Row date(LocalDate date) {
            separate();
            if (date == null) {
                out.append("\\N");
                return this;
            }
            int year = date.getYear();
            int month = date.getMonthValue();
            int day = date.getDayOfMonth();
            out.append(year).append('-');
            if (month < 10) {
                out.append('0');
            }
            out.append(month).append('-');
            if (day < 10) {
                out.append('0');
            }
            out.append(day);
            return this;
        }

        void end() {
            out.append('\n');
        }

        private void separate() {
            if (!first) {
                out.append('\t');
            }
            first = false;
        }

        private void appendEscaped(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
    }
}
