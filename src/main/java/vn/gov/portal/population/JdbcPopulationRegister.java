package vn.gov.portal.population;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The population register in its own PostgreSQL schema. */
@Repository
class JdbcPopulationRegister implements PopulationRegister {

    private final JdbcClient jdbc;

    JdbcPopulationRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Person> person(IdNumber idNumber) {
        return jdbc.sql("""
                        select id_number, full_name, birth_date, sex, ethnicity, religion, nationality, home_town,
                               place_of_birth, marital_status, date_of_death, phone, email
                        from population.person where id_number = ?""")
                .param(idNumber.value())
                .query(JdbcPopulationRegister::person)
                .optional();
    }

    private static Person person(ResultSet rs, int row) throws SQLException {
        return new Person(new IdNumber(rs.getString("id_number")), rs.getString("full_name"),
                rs.getObject("birth_date", LocalDate.class), Sex.valueOf(rs.getString("sex")), rs.getString("ethnicity"),
                rs.getString("religion"), rs.getString("nationality"), rs.getString("home_town"),
                rs.getString("place_of_birth"), rs.getString("marital_status"),
                rs.getObject("date_of_death", LocalDate.class), rs.getString("phone"), rs.getString("email"));
    }

    @Override
    public Optional<Household> householdOf(IdNumber idNumber) {
        record Row(long id, String head, String province, String commune, String detail) {}
        Optional<Row> row = jdbc.sql("""
                        select h.id, h.head_id_number, h.province_code, h.commune_code, h.address_detail
                        from population.person p join population.household h on h.id = p.household_id
                        where p.id_number = ?""")
                .param(idNumber.value())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
        return row.map(h -> {
            List<Household.Member> members = jdbc.sql("""
                            select id_number, full_name, relation_to_head from population.person
                            where household_id = ? order by (relation_to_head = 'Chủ hộ') desc, birth_date""")
                    .param(h.id())
                    .query((rs, n) -> new Household.Member(new IdNumber(rs.getString(1)), rs.getString(2), rs.getString(3)))
                    .list();
            String headName = members.stream().filter(m -> m.idNumber().value().equals(h.head()))
                    .map(Household.Member::fullName).findFirst().orElse("");
            return new Household(h.id(), new IdNumber(h.head()), headName, h.province(), h.commune(), h.detail(), members);
        });
    }

    @Override
    public List<Residence> residences(IdNumber idNumber) {
        return jdbc.sql("""
                        select kind, province_code, commune_code, detail, valid_from, valid_to
                        from population.residence where id_number = ? order by kind""")
                .param(idNumber.value())
                .query((rs, n) -> new Residence(Residence.Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)))
                .list();
    }

    @Override
    public List<AdminUnit> provinces() {
        return jdbc.sql("select code, name, parent_code from population.admin_unit where level = 'PROVINCE' order by name_ascii")
                .query(AdminUnit.class).list();
    }

    @Override
    public List<AdminUnit> communes() {
        return jdbc.sql("select code, name, parent_code from population.admin_unit where level = 'COMMUNE' order by parent_code, name_ascii")
                .query(AdminUnit.class).list();
    }

    @Override
    public List<AdminUnit> units() {
        return jdbc.sql("select code, name, parent_code from population.admin_unit order by code").query(AdminUnit.class).list();
    }

    @Override
    public Optional<AdminUnit> unit(String code) {
        return jdbc.sql("select code, name, parent_code from population.admin_unit where code = ?")
                .param(code).query(AdminUnit.class).optional();
    }

    @Override
    public void registerTemporaryResidence(IdNumber idNumber, String provinceCode, String communeCode, String detail,
                                           LocalDate from, LocalDate to) {
        jdbc.sql("""
                        insert into population.residence (id_number, kind, province_code, commune_code, detail, valid_from, valid_to)
                        values (?, 'TEMPORARY', ?, ?, ?, ?, ?)
                        on conflict (id_number, kind) do update set province_code = excluded.province_code,
                            commune_code = excluded.commune_code, detail = excluded.detail,
                            valid_from = excluded.valid_from, valid_to = excluded.valid_to""")
                .params(idNumber.value(), provinceCode, communeCode, detail, from, to)
                .update();
    }
}
