package vn.gov.devstack;

import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.portal.population.synthetic.PopulationGenerator;

/**
 * Seeds an empty database for the demo and the tests: agencies for every commune of the catalogue (a People's
 * Committee and a police unit), their staff with one account per role, an admin, and a synthetic population.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    public static final long SEED = 20250701L;
    public static final String ADMIN = "quantri";

    /** The agency kinds seeded per commune: code prefix for unit codes and usernames, names in vi/en. */
    private record Kind(String kind, String prefix, String nameVi, String nameEn) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("COMMUNE_POLICE", "ca", "Công an %s", "Police of %s"),
            new Kind("COMMUNE_PEOPLES_COMMITTEE", "ub", "Ủy ban nhân dân %s", "People's Committee of %s"));

    /** Province-level agencies, one of each kind per province. */
    private static final List<Kind> PROVINCE_KINDS = List.of(
            new Kind("PROVINCIAL_POLICE", "cat", "Công an %s", "Provincial Police of %s"),
            new Kind("PROVINCIAL_JUSTICE_DEPARTMENT", "stp", "Sở Tư pháp %s", "Department of Justice of %s"),
            new Kind("SOCIAL_INSURANCE_OFFICE", "bhxh", "Bảo hiểm xã hội %s", "Social Insurance of %s"),
            new Kind("EMPLOYMENT_SERVICE_CENTRE", "dvvl", "Trung tâm Dịch vụ việc làm %s", "Employment Service Centre of %s"),
            new Kind("POWER_COMPANY", "dl", "Công ty Điện lực %s", "Power Company of %s"),
            new Kind("TAX_OFFICE", "thue", "Thuế %s", "Tax Office of %s"),
            new Kind("LAND_REGISTRATION_OFFICE", "vpdk", "Văn phòng Đăng ký đất đai %s", "Land Registration Office of %s"),
            new Kind("EDUCATION_EXAM_BOARD", "sgd", "Sở Giáo dục và Đào tạo %s", "Department of Education of %s"));

    /** One account per officer role; the username ends with the Vietnamese name of the role. */
    private record Role(String role, String suffix, String titleVi) {}

    private static final List<Role> ROLES = List.of(
            new Role("RECEIVER", "tiepnhan", "Cán bộ tiếp nhận"),
            new Role("HANDLER", "xuly", "Cán bộ xử lý"),
            new Role("APPROVER", "lanhdao", "Lãnh đạo phê duyệt"));

    private DemoData() {
    }

    public static String staffUsername(String kindPrefix, String communeCode, String roleSuffix) {
        return kindPrefix + "." + communeCode + "." + roleSuffix;
    }

    /**
     * Seeds what is missing; a database that already has data is left as it is.
     *
     * @return how the population was loaded, empty when it was there already
     */
    public static java.util.Optional<PopulationGenerator.GenerationReport> seedIfEmpty(DataSource dataSource, int people) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        if (jdbc.sql("select count(*) from agency").query(Long.class).single() == 0) {
            // One transaction: all agencies or none, so a start cut off half-way seeds them again (a partial seed
            // would count as done), and on one connection (the embedded database's data source opens a new one
            // for every statement, which made the ≈ 2,000 inserts the slowest part of a first start).
            new TransactionTemplate(new DataSourceTransactionManager(dataSource))
                    .executeWithoutResult(status -> seedAgenciesAndStaff(jdbc));
        }
        if (jdbc.sql("select count(*) from population.person").query(Long.class).single() == 0) {
            return java.util.Optional.of(new PopulationGenerator(dataSource).generate(people, SEED));
        }
        return java.util.Optional.empty();
    }

    private static void seedAgenciesAndStaff(JdbcClient jdbc) {
        record Commune(String code, String name, String provinceCode) {}
        List<Commune> communes = jdbc.sql("select code, name, parent_code as province_code from population.admin_unit where level = 'COMMUNE' order by code")
                .query(Commune.class).list();
        for (Commune commune : communes) {
            for (Kind kind : KINDS) {
                addAgency(jdbc, kind, kind.prefix().toUpperCase() + "." + commune.provinceCode() + "." + commune.code(),
                        commune.name(), commune.provinceCode(), commune.code(), commune.code());
            }
        }
        record Province(String code, String name) {}
        List<Province> provinces = jdbc.sql("select code, name from population.admin_unit where level = 'PROVINCE' order by code")
                .query(Province.class).list();
        for (Province province : provinces) {
            for (Kind kind : PROVINCE_KINDS) {
                // "Thành phố Hà Nội" / "Tỉnh Cao Bằng" read as "Công an Thành phố Hà Nội" etc.
                addAgency(jdbc, kind, kind.prefix().toUpperCase() + "." + province.code(), province.name(),
                        province.code(), null, province.code());
            }
        }
        jdbc.sql("insert into staff (username, full_name, email, is_admin) values (?, ?, ?, true)")
                .params(ADMIN, "Quản trị hệ thống", "quantri@example.vn").update();
        log.info("Seeded {} agencies with their staff",
                communes.size() * KINDS.size() + provinces.size() * PROVINCE_KINDS.size());
    }

    /** An agency with one staff account per role, named {@code <prefix>.<place>.<role>}. */
    private static void addAgency(JdbcClient jdbc, Kind kind, String unitCode, String placeName, String provinceCode,
                                  String communeCode, String place) {
        long agencyId = jdbc.sql("""
                        insert into agency (unit_code, kind, name_vi, name_en, province_code, commune_code)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(unitCode, kind.kind(), kind.nameVi().formatted(placeName), kind.nameEn().formatted(placeName),
                        provinceCode, communeCode)
                .query(Long.class).single();
        for (Role role : ROLES) {
            String username = staffUsername(kind.prefix(), place, role.suffix());
            jdbc.sql("insert into staff (username, full_name, email) values (?, ?, ?)")
                    .params(username, role.titleVi() + " – " + kind.nameVi().formatted(placeName), username + "@example.vn")
                    .update();
            jdbc.sql("insert into staff_role (username, agency_id, role) values (?, ?, ?)")
                    .params(username, agencyId, role.role()).update();
        }
    }

    /** A living citizen aged 25-60 of the commune, for the demo logins (first by ID number, so it is stable). */
    public static String adultOf(DataSource dataSource, String communeCode, String idEndingNot, int skip) {
        return JdbcClient.create(dataSource).sql("""
                        select p.id_number from population.person p join population.household h on h.id = p.household_id
                        where h.commune_code = ? and p.birth_date between ? and ? and p.date_of_death is null
                          and right(p.id_number, 1) <> ? order by p.id_number offset ? limit 1""")
                .params(communeCode, LocalDate.now().minusYears(60), LocalDate.now().minusYears(25), idEndingNot, skip)
                .query(String.class).single();
    }
}
