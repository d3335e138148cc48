package vn.gov.portal.agency;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Agencies and staff roles, read fresh from the database so that an admin's change applies at once. */
@Component
public class AgencyDirectory {

    private static final String AGENCY = "select id, unit_code, kind, name_vi, name_en, province_code, commune_code from agency ";

    private final JdbcClient jdbc;

    public AgencyDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Agency> find(long id) {
        return jdbc.sql(AGENCY + "where id = ?").param(id).query(Agency.class).optional();
    }

    /** The agency of this kind for the commune a procedure concerns. */
    public Optional<Agency> forCommune(String kind, String communeCode) {
        return jdbc.sql(AGENCY + "where kind = ? and commune_code = ?").params(kind, communeCode)
                .query(Agency.class).optional();
    }

    /** The province-level agency of this kind (no commune). */
    public Optional<Agency> forProvince(String kind, String provinceCode) {
        return jdbc.sql(AGENCY + "where kind = ? and province_code = ? and commune_code is null").params(kind, provinceCode)
                .query(Agency.class).optional();
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
