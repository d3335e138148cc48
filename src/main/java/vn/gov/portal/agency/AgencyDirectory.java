package vn.gov.portal.agency;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.gov.portal.HeldInMemory;

/**
 * Agencies and staff roles. The agencies are held in memory: routing a submission and every dossier page look one up,
 * and they change a few times a year; an admin's change shows at once on the instance that made it
 * ({@link #changedAfterCommit()}) and within {@link HeldInMemory#MAX_AGE} on the others, where an agency not held yet
 * is looked up in the table. Staff and their roles are read fresh, so that a role taken away applies at once everywhere.
 */
@Component
public class AgencyDirectory {

    private static final String AGENCY = "select id, unit_code, kind, name_vi, name_en, province_code, commune_code from agency ";

    /** One reading of the agency table: by id, and by kind and place (a commune, or a province for its own level). */
    private record Agencies(Map<Long, Agency> byId, Map<String, Agency> byPlace) {

        static Agencies of(List<Agency> all) {
            Map<Long, Agency> byId = new HashMap<>();
            Map<String, Agency> byPlace = new HashMap<>();
            for (Agency agency : all) {
                byId.put(agency.id(), agency);
                byPlace.put(agency.communeCode() != null ? commune(agency.kind(), agency.communeCode())
                        : province(agency.kind(), agency.provinceCode()), agency);
            }
            return new Agencies(byId, byPlace);
        }

        static String commune(String kind, String communeCode) {
            return kind + "/commune/" + communeCode;
        }

        static String province(String kind, String provinceCode) {
            return kind + "/province/" + provinceCode;
        }
    }

    private final JdbcClient jdbc;
    private final HeldInMemory<Agencies> agencies;

    public AgencyDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.agencies = new HeldInMemory<>(HeldInMemory.MAX_AGE,
                () -> Agencies.of(jdbc.sql(AGENCY).query(Agency.class).list()));
    }

    // An agency not held yet may have been added through another instance within the last minute: it is looked up
    // in the table, so a dossier routed to it there can be shown and worked here at once.

    public Optional<Agency> find(long id) {
        Agency held = agencies.get().byId().get(id);
        return held != null ? Optional.of(held)
                : jdbc.sql(AGENCY + "where id = ?").param(id).query(Agency.class).optional();
    }

    /** The agency of this kind for the commune a procedure concerns. */
    public Optional<Agency> forCommune(String kind, String communeCode) {
        Agency held = agencies.get().byPlace().get(Agencies.commune(kind, communeCode));
        return held != null ? Optional.of(held)
                : jdbc.sql(AGENCY + "where kind = ? and commune_code = ?").params(kind, communeCode)
                        .query(Agency.class).optional();
    }

    /** The province-level agency of this kind (no commune). */
    public Optional<Agency> forProvince(String kind, String provinceCode) {
        Agency held = agencies.get().byPlace().get(Agencies.province(kind, provinceCode));
        return held != null ? Optional.of(held)
                : jdbc.sql(AGENCY + "where kind = ? and province_code = ? and commune_code is null")
                        .params(kind, provinceCode).query(Agency.class).optional();
    }

    /** An agency was added or changed in the current transaction: read them again once it has committed. */
    public void changedAfterCommit() {
        agencies.changedAfterCommit();
    }

    public Optional<StaffMember> staff(String username) {
        return jdbc.sql("select username, full_name, is_admin from staff where username = ? and active")
                .param(username).query(StaffMember.class).optional();
    }

    /** The roles (RECEIVER, HANDLER, APPROVER) the staff member holds in the agency; empty when none. */
    public Set<String> rolesIn(String username, long agencyId) {
        return Set.copyOf(jdbc.sql("""
                        select r.role from staff_role r join staff s on s.username = r.username
                        where r.username = ? and r.agency_id = ? and s.active""")
                .params(username, agencyId).query(String.class).list());
    }

    /** The active staff holding any role in the agency. */
    public List<String> staffOf(long agencyId) {
        return jdbc.sql("""
                        select distinct r.username from staff_role r join staff s on s.username = r.username
                        where r.agency_id = ? and s.active order by r.username""")
                .param(agencyId).query(String.class).list();
    }

    /** The roles active staff hold in some agency of this kind: a workflow naming another role could never move. */
    public Set<String> rolesHeldIn(String kind) {
        return Set.copyOf(jdbc.sql("""
                        select distinct r.role from staff_role r join staff s on s.username = r.username
                        join agency a on a.id = r.agency_id where a.kind = ? and s.active""")
                .param(kind).query(String.class).list());
    }

    public List<Agency> agenciesOf(String username) {
        return jdbc.sql(AGENCY + """
                        where id in (select r.agency_id from staff_role r join staff s on s.username = r.username
                                     where r.username = ? and s.active) order by name_vi""")
                .param(username).query(Agency.class).list();
    }
}
