package vn.gov.portal.population.synthetic;

import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.Sex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.gov.portal.population.synthetic.PopulationGenerator.GenerationReport;

/** Loads a small population into a real PostgreSQL with the real migrations and checks what ended up there. */
class PopulationGeneratorTest {

    private static final int PEOPLE = 3_000;
    private static final Set<String> RELATIONS = Set.of("Chủ hộ", "Vợ", "Chồng", "Con", "Bố", "Mẹ", "Cháu");
    private static final Set<Integer> FORMER_PROVINCE_CODES = Set.of(
            1, 4, 8, 2, 11, 12, 14, 10, 15, 19, 6, 20, 22, 27, 24, 25, 26, 17, 31, 30, 33, 34, 37, 35, 36, 38, 40, 42,
            45, 44, 46, 48, 49, 51, 62, 64, 52, 56, 58, 66, 54, 68, 67, 60, 75, 70, 79, 74, 77, 72, 80, 87, 82, 86,
            83, 84, 89, 91, 92, 94, 93, 96, 95);

    private static EmbeddedPostgres postgres;
    private static int databases;
    private static JdbcTemplate db;
    private static GenerationReport report;

    @BeforeAll
    static void loadPopulation() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = freshDatabase();
        report = new PopulationGenerator(dataSource).generate(PEOPLE, 42);
        db = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void loadsExactlyTheRequestedNumberOfPeopleAndReportsWhatItLoaded() {
        assertThat(report.persons()).isEqualTo(PEOPLE);
        assertThat(count("select count(*) from population.person")).isEqualTo(PEOPLE);
        assertThat(count("select count(*) from population.household")).isEqualTo(report.households());
        assertThat(count("select count(*) from population.family_link")).isEqualTo(report.familyLinks());
        assertThat(report.households()).isBetween(PEOPLE / 5L, PEOPLE / 2L);
        assertThat(report.familyLinks()).isPositive();
        assertThat(report.took()).isPositive();
        assertThat(count("select max(id) from population.household")).isEqualTo(report.households());
    }

    @Test
    void everyIdNumberIsWellFormedAndAgreesWithBirthDateAndSex() {
        List<Map<String, Object>> people = db.queryForList(
                "select id_number, birth_date, sex from population.person");
        assertThat(people).hasSize(PEOPLE).allSatisfy(person -> {
            String value = (String) person.get("id_number");
            assertThat(IdNumber.isWellFormed(value)).as(value).isTrue();
            IdNumber id = new IdNumber(value);
            LocalDate birthDate = ((java.sql.Date) person.get("birth_date")).toLocalDate();
            assertThat(id.matches(birthDate, Sex.valueOf((String) person.get("sex")))).as(value).isTrue();
            assertThat(FORMER_PROVINCE_CODES).contains(id.provinceCode());
        });
    }

    @Test
    void everyHouseholdHasExactlyOneHeadWhoseNumberIsTheHouseholdsHead() {
        assertThat(count("""
                select count(*) from population.household h
                where (select count(*) from population.person p
                       where p.household_id = h.id and p.relation_to_head = 'Chủ hộ') <> 1""")).isZero();
        assertThat(count("""
                select count(*) from population.household h
                left join population.person p on p.id_number = h.head_id_number
                where p.household_id is distinct from h.id or p.relation_to_head is distinct from 'Chủ hộ'"""))
                .isZero();
        assertThat(db.queryForList("select distinct relation_to_head from population.person", String.class))
                .isSubsetOf(RELATIONS)
                .contains("Chủ hộ", "Vợ", "Chồng", "Con");
        assertThat(count("select count(*) from population.person where household_id is null")).isZero();
    }

    @Test
    void householdsHaveOneToSevenMembersMostlyTwoToFive() {
        List<Integer> sizes = db.queryForList(
                "select count(*)::int from population.person group by household_id", Integer.class);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 7));
        long twoToFive = sizes.stream().filter(size -> size >= 2 && size <= 5).count();
        assertThat((double) twoToFive / sizes.size()).isGreaterThan(0.65);
        assertThat(sizes).contains(1, 7);
    }

    @Test
    void parentLinksPointToOlderPeopleOfTheRightSexInTheSameHousehold() {
        assertThat(count("select count(*) from population.family_link where relation in ('FATHER', 'MOTHER')"))
                .isGreaterThan(PEOPLE / 4);
        assertThat(count("""
                select count(*) from population.family_link l
                join population.person child on child.id_number = l.id_number
                join population.person parent on parent.id_number = l.related_id_number
                where l.relation in ('FATHER', 'MOTHER')
                  and (parent.birth_date > child.birth_date - interval '14 years'
                       or parent.sex <> case l.relation when 'FATHER' then 'M' else 'F' end
                       or parent.household_id <> child.household_id)""")).isZero();
        // children carry their father's family name
        assertThat(count("""
                select count(*) from population.family_link l
                join population.person child on child.id_number = l.id_number
                join population.person father on father.id_number = l.related_id_number
                where l.relation = 'FATHER'
                  and split_part(child.full_name, ' ', 1) <> split_part(father.full_name, ' ', 1)""")).isZero();
    }

    @Test
    void spouseLinksAreSymmetricBetweenMarriedPeopleOfOppositeSex() {
        assertThat(count("select count(*) from population.family_link where relation = 'SPOUSE'"))
                .isGreaterThan(PEOPLE / 5);
        assertThat(count("""
                select count(*) from population.family_link a
                where a.relation = 'SPOUSE' and not exists (
                    select 1 from population.family_link b
                    where b.relation = 'SPOUSE' and b.id_number = a.related_id_number
                      and b.related_id_number = a.id_number)""")).isZero();
        assertThat(count("""
                select count(*) from population.family_link l
                join population.person a on a.id_number = l.id_number
                join population.person b on b.id_number = l.related_id_number
                where l.relation = 'SPOUSE'
                  and (a.sex = b.sex or a.marital_status <> 'MARRIED' or b.marital_status <> 'MARRIED'
                       or abs(extract(year from a.birth_date) - extract(year from b.birth_date)) > 10)""")).isZero();
        assertThat(count("""
                select count(*) from population.person p
                where p.marital_status = 'MARRIED' and not exists (
                    select 1 from population.family_link l where l.id_number = p.id_number and l.relation = 'SPOUSE')
                """)).isZero();
        assertThat(db.queryForList("select distinct marital_status from population.person", String.class))
                .contains("SINGLE", "MARRIED", "WIDOWED", "DIVORCED");
    }

    @Test
    void namesAreVietnameseWithDiacritics() {
        List<String> names = db.queryForList("select full_name from population.person", String.class);
        assertThat(names).allSatisfy(name -> assertThat(name.split(" ")).hasSizeGreaterThanOrEqualTo(3));
        long withDiacritics = names.stream().filter(name -> !name.equals(VietnameseNames.fold(name))).count();
        assertThat((double) withDiacritics / names.size()).isGreaterThan(0.8);
        long nguyen = names.stream().filter(name -> name.startsWith("Nguyễn ")).count();
        assertThat((double) nguyen / names.size()).isBetween(0.30, 0.46);
        assertThat(names).anyMatch(name -> name.contains(" Thị ")).anyMatch(name -> name.contains(" Văn "));
    }

    @Test
    void everyPersonHasOnePermanentResidenceAtTheHouseholdAddress() {
        assertThat(count("""
                select count(*) from population.person p
                join population.household h on h.id = p.household_id
                where (select count(*) from population.residence r
                       where r.id_number = p.id_number and r.kind = 'PERMANENT'
                         and r.commune_code = h.commune_code and r.province_code = h.province_code
                         and r.detail = h.address_detail and r.valid_from >= p.birth_date
                         and r.valid_to is null) <> 1""")).isZero();
        assertThat(count("""
                select count(*) from population.residence r
                join population.person p on p.id_number = r.id_number
                join population.household h on h.id = p.household_id
                where r.kind = 'TEMPORARY'
                  and (r.commune_code = h.commune_code or r.valid_from < date '2025-01-01'
                       or r.valid_to <= r.valid_from or r.valid_to > r.valid_from + interval '2 years'
                       or p.birth_date > r.valid_from - interval '18 years')""")).isZero();
        assertThat(count("select count(*) from population.residence where kind = 'TEMPORARY'"))
                .isBetween(10L, 200L);
        assertThat(count("""
                select count(*) from population.household h
                left join population.admin_unit c on c.code = h.commune_code and c.level = 'COMMUNE'
                where c.parent_code is distinct from h.province_code""")).isZero();
    }

    @Test
    void personalDetailsArePlausible() {
        assertThat(count("""
                select count(*) from population.person
                where birth_date < date '1930-01-01' or birth_date > date '2025-12-31'
                   or date_of_death is not null or nationality <> 'Việt Nam'
                   or home_town not like '%, %' or place_of_birth not like '%, %'
                   or (phone is not null and phone !~ '^0[3789][0-9]{8}$')
                   or (email is not null and email !~ '^[a-z0-9.]+@example\\.vn$')""")).isZero();
        double kinh = db.queryForObject(
                "select avg(case when ethnicity = 'Kinh' then 1.0 else 0 end) from population.person", Double.class);
        assertThat(kinh).isBetween(0.75, 0.95);
        double noReligion = db.queryForObject(
                "select avg(case when religion = 'Không' then 1.0 else 0 end) from population.person", Double.class);
        assertThat(noReligion).isBetween(0.6, 0.9);
        double adults = db.queryForObject(
                "select avg(case when birth_date <= date '2007-12-31' then 1.0 else 0 end) from population.person",
                Double.class);
        assertThat(adults).isGreaterThan(0.6);
        assertThat(count("select count(*) from population.person where phone is not null")).isGreaterThan(PEOPLE / 2);
        assertThat(count("select count(*) from population.person where email is null")).isGreaterThan(PEOPLE / 3);
    }

    @Test
    void restoresEveryKeyForeignKeyAndIndexItDroppedForTheLoad() {
        List<String> pristine = schemaOf(new JdbcTemplate(freshDatabase()));
        assertThat(pristine).anyMatch(definition -> definition.contains("FOREIGN KEY"))
                .anyMatch(definition -> definition.contains("PRIMARY KEY"))
                .anyMatch(definition -> definition.contains("person_household"));
        assertThat(schemaOf(db)).isEqualTo(pristine);
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        String first = fingerprintAfterLoading(freshDatabase(), 7);
        String again = fingerprintAfterLoading(freshDatabase(), 7);
        String other = fingerprintAfterLoading(freshDatabase(), 8);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void refusesToLoadIntoANonEmptyRegister() {
        PopulationGenerator generator = new PopulationGenerator(db.getDataSource());
        assertThatThrownBy(() -> generator.generate(10, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not empty");
        assertThat(count("select count(*) from population.person")).isEqualTo(PEOPLE);
    }

    @Test
    void serialsNeverRepeatWithinAProvinceSexAndYear() {
        IdNumberIssuer issuer = new IdNumberIssuer(99);
        LocalDate birthDate = LocalDate.of(1990, 5, 17);
        BitSet serials = new BitSet(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            IdNumber id = issuer.issue(79, birthDate, Sex.F);
            int serial = Integer.parseInt(id.value().substring(6));
            assertThat(serials.get(serial)).isFalse();
            serials.set(serial);
        }
        assertThatThrownBy(() -> issuer.issue(79, birthDate, Sex.F)).isInstanceOf(IllegalStateException.class);
        assertThat(issuer.issue(79, birthDate, Sex.M).value()).startsWith("079090");
    }

    private static String fingerprintAfterLoading(DataSource dataSource, long seed) {
        GenerationReport loaded = new PopulationGenerator(dataSource).generate(1_000, seed);
        assertThat(loaded.persons()).isEqualTo(1_000);
        return new JdbcTemplate(dataSource).queryForObject("""
                select md5(string_agg(id_number || full_name || birth_date, ',' order by id_number))
                    || (select md5(string_agg(id || head_id_number || commune_code || address_detail, ','
                                              order by id)) from population.household)
                    || (select md5(string_agg(id_number || relation || related_id_number, ','
                                              order by id_number, relation)) from population.family_link)
                from population.person""", String.class);
    }

    private static List<String> schemaOf(JdbcTemplate database) {
        return database.queryForList("""
                select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
                from pg_constraint where connamespace = 'population'::regnamespace
                union all
                select indexdef from pg_indexes where schemaname = 'population'
                order by 1""", String.class);
    }

    private static long count(String sql) {
        Long value = db.queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }

    /** A new, migrated database in the shared embedded server. */
    private static DataSource freshDatabase() {
        String name = "population_" + ++databases;
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database " + name);
        DataSource dataSource = postgres.getDatabase("postgres", name);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
