package vn.gov.portal.statistics;

import java.util.List;

/** Whose dossiers a report counts: every agency (admins, the public page) or only the listed ones (a leader's). */
record Scope(List<Long> agencyIds) {

    static final Scope NATIONAL = new Scope(null);

    static Scope of(List<Long> agencyIds) {
        return new Scope(List.copyOf(agencyIds));
    }

    boolean national() {
        return agencyIds == null;
    }
}
