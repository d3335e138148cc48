package vn.gov.portal.reference;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.population.AdminUnit;
import vn.gov.portal.population.AdminUnitCache;

/**
 * Provinces and communes of population.admin_unit: rename one, add a commune. Codes never change and units are not
 * deleted: residences, households and agencies refer to them. The register's cache of them is refreshed after a
 * change ({@link AdminUnitCache}).
 */
@Component
public class AdminUnits {

    private static final Pattern COMMUNE_CODE = Pattern.compile("\\d{5}");
    private static final String UNIT = "select code, name, parent_code from population.admin_unit ";

    private final JdbcClient jdbc;
    private final ReferenceAudit audit;
    private final AdminUnitCache cache;

    AdminUnits(JdbcClient jdbc, ReferenceAudit audit, AdminUnitCache cache) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cache = cache;
    }

    public List<AdminUnit> provinces() {
        return jdbc.sql(UNIT + "where level = 'PROVINCE' order by code").query(AdminUnit.class).list();
    }

    public List<AdminUnit> communesOf(String provinceCode) {
        return jdbc.sql(UNIT + "where level = 'COMMUNE' and parent_code = ? order by code").param(provinceCode)
                .query(AdminUnit.class).list();
    }

    public Optional<AdminUnit> find(String code) {
        return jdbc.sql(UNIT + "where code = ?").param(code).query(AdminUnit.class).optional();
    }

    /** Empty when there is no such unit. */
    @Transactional
    public Optional<AdminUnit> rename(String actor, String code, String name) {
        Optional<AdminUnit> before = jdbc.sql(UNIT + "where code = ? for update").param(code).query(AdminUnit.class).optional();
        if (before.isEmpty()) {
            return Optional.empty();
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String clean = problems.text("newName", name, 200);
        problems.throwIfAny();
        jdbc.sql("update population.admin_unit set name = ?, name_ascii = ? where code = ?")
                .params(clean, ascii(clean), code).update();
        cache.changedAfterCommit();
        audit.record(actor, "unit.rename", "admin_unit", code, ReferenceAudit.snapshot("name", before.get().name()),
                ReferenceAudit.snapshot("name", clean));
        return find(code);
    }

    @Transactional
    public AdminUnit addCommune(String actor, String provinceCode, String code, String name) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Optional<AdminUnit> province = provinceCode == null ? Optional.empty()
                : find(provinceCode).filter(u -> u.parentCode() == null);
        if (province.isEmpty()) {
            problems.add("province", "reference.error.unknownProvince");
        }
        String c = code == null ? "" : code.strip();
        if (c.isEmpty()) {
            problems.add("code", "reference.error.required");
        } else if (!COMMUNE_CODE.matcher(c).matches()) {
            problems.add("code", "reference.unit.error.code");
        } else if (find(c).isPresent()) {
            problems.add("code", "reference.unit.error.codeTaken", c);
        }
        String clean = problems.text("name", name, 200);
        problems.throwIfAny();
        jdbc.sql("insert into population.admin_unit (code, name, name_ascii, level, parent_code) values (?, ?, ?, 'COMMUNE', ?)")
                .params(c, clean, ascii(clean), provinceCode).update();
        cache.changedAfterCommit();
        audit.record(actor, "unit.add", "admin_unit", c, null,
                ReferenceAudit.snapshot("code", c, "name", clean, "province", provinceCode));
        return find(c).orElseThrow();
    }

    /** "Phường Đồng Hới" → "Phuong Dong Hoi", as the name_ascii column holds it (case kept for sorting). */
    static String ascii(String name) {
        String noMarks = java.text.Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'),
                java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return noMarks;
    }

}
