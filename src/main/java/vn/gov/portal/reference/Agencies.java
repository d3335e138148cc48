package vn.gov.portal.reference;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.SearchText;

/**
 * Agencies as admins maintain them. The unit code starts every receipt code the agency issues (Circular 01/2018
 * art. 19), so once an agency has issued one its unit code is fixed: changing it would leave the issued codes naming
 * a unit that no longer exists and let a later agency take the old code over. A reorganised unit gets a new agency.
 */
@Component
public class Agencies {

    public static final int PAGE_SIZE = 50;
    /** Letters, digits and dots; no hyphen, which separates the parts of a receipt code. */
    private static final Pattern UNIT_CODE = Pattern.compile("[A-Z0-9][A-Z0-9.]{0,39}");
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z_]{1,59}");
    private static final String AGENCY = "select id, unit_code, kind, name_vi, name_en, province_code, commune_code from agency ";

    /** A page of the list with a filter: kind, province (code) and words of the name or unit code. */
    public record Filter(String kind, String province, String search) {}

    private final JdbcClient jdbc;
    private final ProcedureCatalog catalog;
    private final ReferenceAudit audit;
    private final AgencyDirectory directory;

    Agencies(JdbcClient jdbc, ProcedureCatalog catalog, ReferenceAudit audit, AgencyDirectory directory) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
        this.directory = directory;
    }

    public List<Agency> list(Filter filter, int page) {
        StringBuilder where = new StringBuilder("where true");
        java.util.ArrayList<Object> params = new java.util.ArrayList<>();
        if (filter.kind() != null && !filter.kind().isBlank()) {
            where.append(" and kind = ?");
            params.add(filter.kind());
        }
        if (filter.province() != null && !filter.province().isBlank()) {
            where.append(" and province_code = ?");
            params.add(filter.province());
        }
        for (String word : SearchText.words(filter.search())) {
            where.append(" and (portal_fold(name_vi) like ? or lower(unit_code) like ?)");
            params.add("%" + word + "%");
            params.add("%" + word + "%");
        }
        params.add(PAGE_SIZE + 1);
        params.add(Math.max(0, page) * PAGE_SIZE);
        return jdbc.sql(AGENCY + where + " order by province_code, commune_code nulls first, kind limit ? offset ?")
                .params(params).query(Agency.class).list();
    }

    public Optional<Agency> find(long id) {
        return jdbc.sql(AGENCY + "where id = ?").param(id).query(Agency.class).optional();
    }

    /**
     * The kinds an agency may have, with the level the procedures route them at (COMMUNE or PROVINCE; a kind no
     * procedure routes to yet has no level and may be either).
     */
    public Map<String, String> kinds() {
        Map<String, String> kinds = new TreeMap<>();
        jdbc.sql("select distinct kind from agency").query(String.class).list().forEach(k -> kinds.put(k, ""));
        for (ProcedureDefinition d : catalog.all()) {
            if (d.routing() != null && d.routing().agencyKind() != null) {
                kinds.put(d.routing().agencyKind(), d.routing().level().name());
            }
        }
        return kinds;
    }

    /** Whether the agency's unit code already started a receipt code, so it may no longer change. */
    public boolean hasIssuedReceipts(Agency agency) {
        return jdbc.sql("""
                        select exists (select 1 from dossier where agency_id = ? and receipt_code is not null)
                            or exists (select 1 from receipt_sequence where unit_code = ?)""")
                .params(agency.id(), agency.unitCode()).query(Boolean.class).single();
    }

    @Transactional
    public Agency create(String actor, AgencyForm form) {
        AgencyForm clean = check(form, null);
        long id = jdbc.sql("""
                        insert into agency (unit_code, kind, name_vi, name_en, province_code, commune_code)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(clean.unitCode(), clean.kind(), clean.nameVi(), clean.nameEn(), clean.provinceCode(),
                        clean.communeCode())
                .query(Long.class).single();
        Agency created = find(id).orElseThrow();
        directory.changedAfterCommit();
        audit.record(actor, "agency.create", "agency", String.valueOf(id), null, snapshot(created));
        return created;
    }

    /** Empty when there is no such agency (the page answers 404). */
    @Transactional
    public Optional<Agency> update(String actor, long id, AgencyForm form) {
        Optional<Agency> before = jdbc.sql(AGENCY + "where id = ? for update").param(id).query(Agency.class).optional();
        if (before.isEmpty()) {
            return Optional.empty();
        }
        AgencyForm clean = check(form, before.get());
        jdbc.sql("""
                        update agency set unit_code = ?, kind = ?, name_vi = ?, name_en = ?, province_code = ?, commune_code = ?
                        where id = ?""")
                .params(clean.unitCode(), clean.kind(), clean.nameVi(), clean.nameEn(), clean.provinceCode(),
                        clean.communeCode(), id)
                .update();
        Agency after = find(id).orElseThrow();
        directory.changedAfterCommit();
        audit.record(actor, "agency.update", "agency", String.valueOf(id), snapshot(before.get()), snapshot(after));
        return Optional.of(after);
    }

    /** All problems of the form, or the cleaned form; {@code existing} is null for a new agency. */
    private AgencyForm check(AgencyForm form, Agency existing) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String nameVi = problems.text("nameVi", form.nameVi(), 200);
        String nameEn = problems.text("nameEn", form.nameEn(), 200);
        String kind = form.kind() == null ? "" : form.kind().strip();
        Map<String, String> kinds = kinds();
        if (kind.isEmpty()) {
            problems.add("kind", "reference.error.required");
        } else if (!KIND.matcher(kind).matches() || !kinds.containsKey(kind)) {
            problems.add("kind", "reference.agency.error.kind");
        }
        String province = form.provinceCode() == null ? "" : form.provinceCode().strip();
        String commune = form.communeCode() == null || form.communeCode().isBlank() ? null : form.communeCode().strip();
        if (province.isEmpty()) {
            problems.add("provinceCode", "reference.error.required");
        } else if (!isUnit(province, "PROVINCE", null)) {
            problems.add("provinceCode", "reference.error.unknownProvince");
        } else if (commune != null && !isUnit(commune, "COMMUNE", province)) {
            problems.add("communeCode", "reference.agency.error.commune");
        }
        String level = kinds.getOrDefault(kind, "");
        if ("COMMUNE".equals(level) && commune == null && !problems.has("communeCode")) {
            problems.add("communeCode", "reference.agency.error.communeRequired");
        } else if ("PROVINCE".equals(level) && commune != null) {
            problems.add("communeCode", "reference.agency.error.noCommune");
        }
        String unitCode = form.unitCode() == null ? "" : form.unitCode().strip().toUpperCase(java.util.Locale.ROOT);
        boolean unitChanges = existing == null || !existing.unitCode().equals(unitCode);
        if (unitCode.isEmpty()) {
            problems.add("unitCode", "reference.error.required");
        } else if (!UNIT_CODE.matcher(unitCode).matches()) {
            problems.add("unitCode", "reference.agency.error.unitCodeFormat");
        } else if (unitChanges && existing != null && hasIssuedReceipts(existing)) {
            problems.add("unitCode", "reference.agency.error.unitCodeFixed", existing.unitCode());
        } else if (unitChanges && jdbc.sql("""
                        select exists (select 1 from agency where unit_code = ?)
                            or exists (select 1 from receipt_sequence where unit_code = ?)""")
                .params(unitCode, unitCode).query(Boolean.class).single()) {
            problems.add("unitCode", "reference.agency.error.unitCodeTaken", unitCode);
        }
        if (!problems.has("kind") && !problems.has("provinceCode") && !problems.has("communeCode")
                && jdbc.sql("""
                        select exists (select 1 from agency where kind = ? and province_code = ?
                                       and coalesce(commune_code, '') = coalesce(?, '') and id <> ?)""")
                .params(kind, province, commune, existing == null ? -1L : existing.id()).query(Boolean.class).single()) {
            problems.add("kind", "reference.agency.error.placeTaken");
        }
        problems.throwIfAny();
        return new AgencyForm(kind, nameVi, nameEn, province, commune, unitCode);
    }

    private boolean isUnit(String code, String level, String parent) {
        return jdbc.sql("""
                        select exists (select 1 from population.admin_unit where code = ? and level = ?
                                       and (cast(? as text) is null or parent_code = ?))""")
                .params(code, level, parent, parent).query(Boolean.class).single();
    }

    private static Map<String, Object> snapshot(Agency a) {
        return ReferenceAudit.snapshot("unitCode", a.unitCode(), "kind", a.kind(), "nameVi", a.nameVi(),
                "nameEn", a.nameEn(), "provinceCode", a.provinceCode(), "communeCode", a.communeCode());
    }
}
