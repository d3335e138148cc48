package vn.gov.portal.population;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.gov.portal.HeldInMemory;

/**
 * Provinces and communes held in memory. Every form page lists the ~3,300 communes and every dossier page and
 * submission names or checks some, while the units change a few times a year: reading them per request was a
 * large part of a page's cost (docs/performance.md). A change made through this instance is seen at once
 * ({@link #changedAfterCommit()}), one made through another instance within {@link HeldInMemory#MAX_AGE}.
 */
@Component
public class AdminUnitCache {


    /** One consistent reading of the table; the lists are the same objects until the next reading. */
    public record Units(List<AdminUnit> provinces, List<AdminUnit> communes, Map<String, AdminUnit> byCode,
                        Map<String, String> names) {}

    private final JdbcClient jdbc;
    private final HeldInMemory<Units> units = new HeldInMemory<>(HeldInMemory.MAX_AGE, this::read);

    AdminUnitCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Units units() {
        return units.get();
    }

    public Optional<AdminUnit> unit(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(units().byCode().get(code));
    }

    /** Read the table again once the current transaction (which changed a unit) has committed. */
    public void changedAfterCommit() {
        units.changedAfterCommit();
    }

    private Units read() {
        record Row(String code, String name, String nameAscii, String parentCode) {}
        List<Row> rows = jdbc.sql("select code, name, name_ascii, parent_code from population.admin_unit order by code")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
        Comparator<Row> byAsciiName = Comparator.comparing(Row::nameAscii);
        List<AdminUnit> provinces = rows.stream().filter(r -> r.parentCode() == null).sorted(byAsciiName)
                .map(r -> new AdminUnit(r.code(), r.name(), null)).toList();
        List<AdminUnit> communes = rows.stream().filter(r -> r.parentCode() != null)
                .sorted(Comparator.comparing(Row::parentCode).thenComparing(byAsciiName))
                .map(r -> new AdminUnit(r.code(), r.name(), r.parentCode())).toList();
        Map<String, AdminUnit> byCode = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        rows.forEach(r -> {
            byCode.put(r.code(), new AdminUnit(r.code(), r.name(), r.parentCode()));
            names.put(r.code(), r.name());
        });
        return new Units(provinces, communes, java.util.Collections.unmodifiableMap(byCode),
                java.util.Collections.unmodifiableMap(names));
    }
}
