package vn.gov.portal.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.catalog.SearchText;

/**
 * Staff accounts and their roles per agency. The username is matched with the staff identity provider's
 * {@code preferred_username}, so it cannot change; an account is deactivated instead of deleted (dossiers and the
 * audit log name it). An admin may not take away their own admin flag nor deactivate themselves: nobody else might
 * be left to undo it. Roles and the active flag are read at every request (AgencyDirectory); the admin flag at the
 * next login.
 */
@Component
public class StaffAccounts {

    public static final int PAGE_SIZE = 50;
    public static final Set<String> ROLES = Set.of("RECEIVER", "HANDLER", "APPROVER");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String ACCOUNT = "select username, full_name, email, is_admin, active from staff ";

    /** What an admin types for an account; the username only when creating. */
    public record Form(String username, String fullName, String email, boolean admin) {}

    private final JdbcClient jdbc;
    private final ReferenceAudit audit;

    StaffAccounts(JdbcClient jdbc, ReferenceAudit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<StaffAccount> list(String search, int page) {
        StringBuilder where = new StringBuilder("where true");
        List<Object> params = new ArrayList<>();
        for (String word : SearchText.words(search)) {
            where.append(" and (portal_fold(full_name) like ? or lower(username) like ?)");
            params.add("%" + word + "%");
            params.add("%" + word + "%");
        }
        params.add(PAGE_SIZE + 1);
        params.add(Math.max(0, page) * PAGE_SIZE);
        return jdbc.sql(ACCOUNT + where + " order by username limit ? offset ?").params(params)
                .query(StaffAccount.class).list();
    }

    public Optional<StaffAccount> find(String username) {
        return jdbc.sql(ACCOUNT + "where username = ?").param(username).query(StaffAccount.class).optional();
    }

    public List<StaffRole> roles(String username) {
        return jdbc.sql("""
                        select a.id, a.unit_code, a.kind, a.name_vi, a.name_en, a.province_code, a.commune_code, r.role
                        from staff_role r join agency a on a.id = r.agency_id where r.username = ?
                        order by a.name_vi, r.role""")
                .param(username)
                .query((rs, n) -> new StaffRole(new Agency(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)), rs.getString(8)))
                .list();
    }

    @Transactional
    public StaffAccount create(String actor, Form form) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String username = form.username() == null ? "" : form.username().strip();
        if (username.isEmpty()) {
            problems.add("username", "reference.error.required");
        } else if (!USERNAME.matcher(username).matches()) {
            problems.add("username", "reference.staff.error.username");
        } else if (find(username).isPresent()) {
            problems.add("username", "reference.staff.error.usernameTaken", username);
        }
        Form clean = check(problems, form, username);
        problems.throwIfAny();
        jdbc.sql("insert into staff (username, full_name, email, is_admin) values (?, ?, ?, ?)")
                .params(clean.username(), clean.fullName(), clean.email(), clean.admin()).update();
        StaffAccount created = find(username).orElseThrow();
        audit.record(actor, "staff.create", "staff", username, null, snapshot(created));
        return created;
    }

    /** Name, e-mail and admin flag; empty when there is no such account. */
    @Transactional
    public Optional<StaffAccount> update(String actor, String username, Form form) {
        Optional<StaffAccount> before = locked(username);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Form clean = check(problems, form, username);
        if (actor.equals(username) && before.get().isAdmin() && !clean.admin()) {
            problems.add("admin", "reference.staff.error.ownAdmin");
        }
        problems.throwIfAny();
        jdbc.sql("update staff set full_name = ?, email = ?, is_admin = ? where username = ?")
                .params(clean.fullName(), clean.email(), clean.admin(), username).update();
        StaffAccount after = find(username).orElseThrow();
        audit.record(actor, "staff.update", "staff", username, snapshot(before.get()), snapshot(after));
        return Optional.of(after);
    }

    @Transactional
    public Optional<StaffAccount> setActive(String actor, String username, boolean active) {
        Optional<StaffAccount> before = locked(username);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        if (actor.equals(username) && !active) {
            new InvalidInput.Collector().add("active", "reference.staff.error.ownDeactivate").throwIfAny();
        }
        jdbc.sql("update staff set active = ? where username = ?").params(active, username).update();
        StaffAccount after = find(username).orElseThrow();
        audit.record(actor, active ? "staff.reactivate" : "staff.deactivate", "staff", username,
                snapshot(before.get()), snapshot(after));
        return Optional.of(after);
    }

    /** Adds a role in an agency (given by unit code, as admins know agencies); empty when there is no such account. */
    @Transactional
    public Optional<StaffAccount> addRole(String actor, String username, String unitCode, String role) {
        Optional<StaffAccount> account = locked(username);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String code = unitCode == null ? "" : unitCode.strip().toUpperCase(java.util.Locale.ROOT);
        Optional<Long> agencyId = code.isEmpty() ? Optional.empty()
                : jdbc.sql("select id from agency where unit_code = ?").param(code).query(Long.class).optional();
        if (code.isEmpty()) {
            problems.add("unitCode", "reference.error.required");
        } else if (agencyId.isEmpty()) {
            problems.add("unitCode", "reference.staff.error.unknownAgency", code);
        }
        if (role == null || !ROLES.contains(role)) {
            problems.add("role", "reference.staff.error.role");
        }
        problems.throwIfAny();
        int added = jdbc.sql("insert into staff_role (username, agency_id, role) values (?, ?, ?) on conflict do nothing")
                .params(username, agencyId.get(), role).update();
        if (added == 0) {
            problems.add("role", "reference.staff.error.roleHeld", role, code).throwIfAny();
        }
        audit.record(actor, "staff.role.add", "staff", username, null,
                ReferenceAudit.snapshot("agency", code, "role", role));
        return account;
    }

    /** Removes a role; empty when the account or the role does not exist. */
    @Transactional
    public Optional<StaffAccount> removeRole(String actor, String username, long agencyId, String role) {
        Optional<StaffAccount> account = locked(username);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> code = jdbc.sql("""
                        delete from staff_role r using agency a
                        where r.username = ? and r.agency_id = ? and r.role = ? and a.id = r.agency_id
                        returning a.unit_code""")
                .params(username, agencyId, role).query(String.class).optional();
        if (code.isEmpty()) {
            return Optional.empty();
        }
        audit.record(actor, "staff.role.remove", "staff", username,
                ReferenceAudit.snapshot("agency", code.get(), "role", role), null);
        return account;
    }

    private Optional<StaffAccount> locked(String username) {
        return jdbc.sql(ACCOUNT + "where username = ? for update").param(username).query(StaffAccount.class).optional();
    }

    private static Form check(InvalidInput.Collector problems, Form form, String username) {
        String fullName = problems.text("fullName", form.fullName(), 200);
        String email = form.email() == null || form.email().isBlank() ? null : form.email().strip();
        if (email != null && (email.length() > 200 || !EMAIL.matcher(email).matches())) {
            problems.add("email", "reference.staff.error.email");
        }
        return new Form(username, fullName, email, form.admin());
    }

    private static Map<String, Object> snapshot(StaffAccount a) {
        return ReferenceAudit.snapshot("fullName", a.fullName(), "email", a.email(), "admin", a.isAdmin(),
                "active", a.active());
    }
}
