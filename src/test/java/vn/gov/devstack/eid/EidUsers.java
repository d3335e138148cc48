package vn.gov.devstack.eid;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The provider's view of its users, read from the portal's database at login time (the population register may
 * still be empty when the provider starts): citizens from {@code population.person}, staff from {@code public.staff},
 * and each citizen's e-ID level from {@code devstack.eid_account}, which this provider owns.
 */
final class EidUsers implements UserDetailsService {

    /** Authorities that tell the two kinds of account apart when a client asks for a token. */
    static final String CITIZEN = "EID_CITIZEN";
    static final String STAFF = "EID_STAFF";

    /** Every account of the dev stack has the same password. */
    private static final String PASSWORD = "{noop}demo";

    record Citizen(String idNumber, String fullName, LocalDate birthDate) {}

    record Staff(String username, String fullName) {}

    private final JdbcClient jdbc;
    private final FailedLogins failedLogins;

    EidUsers(JdbcClient jdbc, FailedLogins failedLogins) {
        this.jdbc = jdbc;
        this.failedLogins = failedLogins;
    }

    /** Creates the provider's own table; idempotent, so it is safe on every start and next to the portal's Flyway. */
    void createSchemaIfMissing() {
        jdbc.sql("create schema if not exists devstack").update();
        jdbc.sql("""
                create table if not exists devstack.eid_account (
                    id_number char(12) primary key,
                    level     smallint not null check (level in (1, 2))
                )""").update();
    }

    static boolean isIdNumber(String username) {
        return username != null && username.matches("\\d{12}");
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        // Too many wrong passwords: locked (checked before the password, so guessing on does not help).
        boolean locked = failedLogins.locked(username);
        if (isIdNumber(username) && findCitizen(username).isPresent()) {
            return User.withUsername(username).password(PASSWORD).authorities(CITIZEN).accountLocked(locked).build();
        }
        if (!isIdNumber(username) && findStaff(username).isPresent()) {
            return User.withUsername(username).password(PASSWORD).authorities(STAFF).accountLocked(locked).build();
        }
        throw new UsernameNotFoundException("No e-ID account");
    }

    /** A living person of the register; the dead cannot log in. */
    Optional<Citizen> findCitizen(String idNumber) {
        return jdbc.sql("""
                        select id_number, full_name, birth_date from population.person
                        where id_number = ? and date_of_death is null""")
                .param(idNumber)
                .query((rs, i) -> new Citizen(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .optional();
    }

    Optional<Staff> findStaff(String username) {
        return jdbc.sql("select username, full_name from public.staff where username = ? and active")
                .param(username)
                .query((rs, i) -> new Staff(rs.getString(1), rs.getString(2)))
                .optional();
    }

    /** The citizen's e-ID level, giving them the default level of {@link EidProvider#levelFor} on first use. */
    int levelOf(String idNumber) {
        jdbc.sql("insert into devstack.eid_account (id_number, level) values (?, ?) on conflict (id_number) do nothing")
                .params(idNumber, EidProvider.levelFor(idNumber))
                .update();
        return jdbc.sql("select level from devstack.eid_account where id_number = ?")
                .param(idNumber)
                .query(Integer.class)
                .single();
    }

    void setLevel(String idNumber, int level) {
        jdbc.sql("""
                        insert into devstack.eid_account (id_number, level) values (?, ?)
                        on conflict (id_number) do update set level = excluded.level""")
                .params(idNumber, level)
                .update();
    }
}
