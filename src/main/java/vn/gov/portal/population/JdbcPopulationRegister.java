package vn.gov.portal.population;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The population register in its own PostgreSQL schema. */
@Repository
class JdbcPopulationRegister implements PopulationRegister {

    private static final java.security.SecureRandom SERIALS = new java.security.SecureRandom();

    private final JdbcClient jdbc;
    private final AdminUnitCache units;

    JdbcPopulationRegister(JdbcClient jdbc, AdminUnitCache units) {
        this.jdbc = jdbc;
        this.units = units;
    }

    private static final String PERSON = """
            select id_number, full_name, birth_date, sex, ethnicity, religion, nationality, home_town,
                   place_of_birth, marital_status, date_of_death, phone, email
            from population.person""";
    private static final String RESIDENCE = """
            select id_number, kind, province_code, commune_code, detail, valid_from, valid_to
            from population.residence""";

    @Override
    public Optional<Person> person(IdNumber idNumber) {
        return jdbc.sql(PERSON + " where id_number = ?").param(idNumber.value())
                .query(JdbcPopulationRegister::person).optional();
    }

    @Override
    public Map<IdNumber, Person> people(Collection<IdNumber> idNumbers) {
        Map<IdNumber, Person> people = new LinkedHashMap<>();
        jdbc.sql(PERSON + " where id_number = any(?)").param(numbers(idNumbers))
                .query(JdbcPopulationRegister::person).list().forEach(p -> people.put(p.idNumber(), p));
        return people;
    }

    private static String[] numbers(Collection<IdNumber> idNumbers) {
        return idNumbers.stream().map(IdNumber::value).distinct().toArray(String[]::new);
    }

    private static Person person(ResultSet rs, int row) throws SQLException {
        return new Person(new IdNumber(rs.getString("id_number")), rs.getString("full_name"),
                rs.getObject("birth_date", LocalDate.class), Sex.valueOf(rs.getString("sex")), rs.getString("ethnicity"),
                rs.getString("religion"), rs.getString("nationality"), rs.getString("home_town"),
                rs.getString("place_of_birth"), rs.getString("marital_status"),
                rs.getObject("date_of_death", LocalDate.class), rs.getString("phone"), rs.getString("email"));
    }

    /**
     * The order of a household's members: the head first, then by age, then by number (twins, and the placeholder
     * birth dates of old records, tie); one order, so that the arrays of {@link #family} pair up.
     */
    private static final String HOUSEHOLD_ORDER =
            "(m.relation_to_head = 'Chủ hộ') desc nulls last, m.birth_date, m.id_number";

    @Override
    public Optional<Household> householdOf(IdNumber idNumber) {
        record Row(long id, String head, String province, String commune, String detail, Household.Member member) {}
        // The household and its members in one statement: the person's household, every member of it.
        List<Row> rows = jdbc.sql("""
                        select h.id, h.head_id_number, h.province_code, h.commune_code, h.address_detail,
                               m.id_number, m.full_name, m.relation_to_head
                        from population.person p join population.household h on h.id = p.household_id
                        join population.person m on m.household_id = h.id
                        where p.id_number = ?
                        order by """ + HOUSEHOLD_ORDER)
                .param(idNumber.value())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), new Household.Member(new IdNumber(rs.getString(6)), rs.getString(7),
                        rs.getString(8))))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row h = rows.get(0);
        return Optional.of(household(h.id(), h.head(), h.province(), h.commune(), h.detail(),
                rows.stream().map(Row::member).toList()));
    }

    /** Members in the order of {@link #HOUSEHOLD_ORDER}; the head's name is taken from them. */
    private static Household household(long id, String head, String province, String commune, String detail,
                                       List<Household.Member> members) {
        String headName = members.stream().filter(m -> m.idNumber().value().equals(head))
                .map(Household.Member::fullName).findFirst().orElse("");
        return new Household(id, head == null ? null : new IdNumber(head), headName, province, commune, detail, members);
    }

    @Override
    public List<Residence> residences(IdNumber idNumber) {
        return residencesOf(List.of(idNumber)).getOrDefault(idNumber, List.of());
    }

    @Override
    public Map<IdNumber, List<Residence>> residencesOf(Collection<IdNumber> idNumbers) {
        Map<IdNumber, List<Residence>> residences = new LinkedHashMap<>();
        jdbc.sql(RESIDENCE + " where id_number = any(?) order by id_number, kind").param(numbers(idNumbers))
                .query((rs, n) -> {
                    residences.computeIfAbsent(new IdNumber(rs.getString(1)), id -> new ArrayList<>())
                            .add(new Residence(Residence.Kind.valueOf(rs.getString(2)), rs.getString(3),
                                    rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class),
                                    rs.getObject(7, LocalDate.class)));
                    return null;
                }).list();
        return residences;
    }

    @Override
    public Optional<IdNumber> relative(IdNumber idNumber, String relation) {
        return jdbc.sql("select related_id_number from population.family_link where id_number = ? and relation = ?")
                .params(idNumber.value(), relation).query(String.class).optional().map(IdNumber::new);
    }

    @Override
    public Family family(IdNumber idNumber) {
        // One statement for what was five (links, people, residences, household and its members): each person once
        // with the relations linking them to the filer (none for the filer), joined to their residences, and on each
        // row the filer's household with its members as arrays; a round trip costs about as much as a lookup here
        // (docs/performance.md, "Twelfth round" and "Thirteenth round").
        Map<String, IdNumber> links = new LinkedHashMap<>();
        Map<IdNumber, Person> people = new LinkedHashMap<>();
        Map<IdNumber, List<Residence>> residences = new LinkedHashMap<>();
        List<Household> household = new ArrayList<>(1);
        jdbc.sql("""
                        with family as (
                            select id_number, array_remove(array_agg(relation), null) as relations
                            from (select cast(:id as char(12)) as id_number, null::text as relation
                                  union all
                                  select related_id_number, relation from population.family_link where id_number = :id) l
                            group by id_number),
                        household as (
                            select h.id as household_id, h.head_id_number, h.province_code as household_province,
                                   h.commune_code as household_commune, h.address_detail as household_detail,
                                   array_agg(m.id_number order by %1$s) as member_ids,
                                   array_agg(m.full_name order by %1$s) as member_names,
                                   array_agg(m.relation_to_head order by %1$s) as member_relations
                            from population.person p join population.household h on h.id = p.household_id
                            join population.person m on m.household_id = h.id
                            where p.id_number = :id
                            group by h.id)
                        select f.relations, p.id_number, p.full_name, p.birth_date, p.sex, p.ethnicity, p.religion,
                               p.nationality, p.home_town, p.place_of_birth, p.marital_status, p.date_of_death, p.phone,
                               p.email, r.kind as residence_kind, r.province_code, r.commune_code, r.detail, r.valid_from,
                               r.valid_to, hh.*
                        from family f join population.person p on p.id_number = f.id_number
                        left join population.residence r on r.id_number = p.id_number
                        left join household hh on true
                        order by p.id_number, r.kind""".formatted(HOUSEHOLD_ORDER))
                .param("id", idNumber.value())
                .query((rs, n) -> {
                    if (n == 0 && rs.getObject("household_id") != null) {
                        household.add(household(rs));
                    }
                    IdNumber id = new IdNumber(rs.getString("id_number"));
                    if (!people.containsKey(id)) {
                        people.put(id, person(rs, n));
                        for (String relation : (String[]) rs.getArray("relations").getArray()) {
                            links.put(relation, id);
                        }
                    }
                    if (rs.getString("residence_kind") != null) {
                        residences.computeIfAbsent(id, k -> new ArrayList<>()).add(new Residence(
                                Residence.Kind.valueOf(rs.getString("residence_kind")), rs.getString("province_code"),
                                rs.getString("commune_code"), rs.getString("detail"),
                                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)));
                    }
                    return null;
                }).list();
        return new Family(links, people, residences, household.stream().findFirst());
    }

    private static Household household(ResultSet rs) throws SQLException {
        String[] ids = (String[]) rs.getArray("member_ids").getArray();
        String[] names = (String[]) rs.getArray("member_names").getArray();
        String[] relations = (String[]) rs.getArray("member_relations").getArray();
        List<Household.Member> members = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            members.add(new Household.Member(new IdNumber(ids[i]), names[i], relations[i]));
        }
        return household(rs.getLong("household_id"), rs.getString("head_id_number"),
                rs.getString("household_province"), rs.getString("household_commune"), rs.getString("household_detail"),
                members);
    }

    @Override
    public List<IdNumber> children(IdNumber idNumber) {
        return jdbc.sql("""
                        select l.id_number from population.family_link l join population.person p on p.id_number = l.id_number
                        where l.related_id_number = ? and l.relation in ('FATHER', 'MOTHER') order by p.birth_date""")
                .param(idNumber.value()).query(String.class).list().stream().map(IdNumber::new).toList();
    }

    @Override
    public String describe(Residence residence) {
        String commune = unit(residence.communeCode()).map(AdminUnit::name).orElse(residence.communeCode());
        String province = unit(residence.provinceCode()).map(AdminUnit::name).orElse(residence.provinceCode());
        return residence.detail() + ", " + commune + ", " + province;
    }

    @Override
    public List<AdminUnit> provinces() {
        return units.units().provinces();
    }

    @Override
    public List<AdminUnit> communes() {
        return units.units().communes();
    }

    @Override
    public List<AdminUnit> units() {
        return List.copyOf(units.units().byCode().values());
    }

    @Override
    public Map<String, String> unitNames() {
        return units.units().names();
    }

    @Override
    public Optional<AdminUnit> unit(String code) {
        return units.unit(code);
    }

    @Override
    public IdNumber registerBirth(NewPerson child, String registrationProvinceCode, long householdId,
                                  String relationToHead, IdNumber mother, IdNumber father) {
        lockPeople(Stream.of(mother, father).filter(Objects::nonNull).toList());
        registeredChild(child, mother, father).ifPresent(existing -> {
            throw new RegisterConflict("register.birthAlreadyRegistered", existing.value());
        });
        int province = Integer.parseInt(registrationProvinceCode);
        // Serials are random, as in real numbers; a collision with an existing number simply draws again.
        for (int attempt = 0; attempt < 100; attempt++) {
            IdNumber id = IdNumber.issue(province, child.birthDate(), child.sex(), SERIALS.nextInt(1_000_000));
            int inserted = jdbc.sql("""
                            insert into population.person (id_number, full_name, birth_date, sex, ethnicity, religion,
                                nationality, home_town, place_of_birth, marital_status, household_id, relation_to_head)
                            values (?, ?, ?, ?, ?, 'Không', ?, ?, ?, 'SINGLE', ?, ?) on conflict do nothing""")
                    .params(id.value(), child.fullName(), child.birthDate(), child.sex().name(), child.ethnicity(),
                            child.nationality(), child.homeTown(), child.placeOfBirth(), householdId, relationToHead)
                    .update();
            if (inserted == 1) {
                for (var parent : java.util.Map.of("MOTHER", java.util.Optional.ofNullable(mother),
                        "FATHER", java.util.Optional.ofNullable(father)).entrySet()) {
                    parent.getValue().ifPresent(p -> jdbc.sql(
                                    "insert into population.family_link (id_number, relation, related_id_number) values (?, ?, ?)")
                            .params(id.value(), parent.getKey(), p.value()).update());
                }
                return id;
            }
        }
        throw new IllegalStateException("no free serial for a newborn in province " + registrationProvinceCode);
    }

    /**
     * The same birth: a child of one of the named parents, born that day, of that name, and with no other mother or
     * father on record than those named (a parent left unnamed may be on record), so that another mother's child by
     * the same father, or another father's, is never taken for this one.
     */
    @Override
    public Optional<IdNumber> registeredChild(NewPerson child, IdNumber mother, IdNumber father) {
        List<IdNumber> parents = Stream.of(mother, father).filter(Objects::nonNull).toList();
        record Child(String idNumber, String fullName, String mother, String father) {
            boolean sameParents(IdNumber namedMother, IdNumber namedFather) {
                return (namedMother == null || mother == null || mother.equals(namedMother.value()))
                        && (namedFather == null || father == null || father.equals(namedFather.value()));
            }
        }
        String name = comparableName(child.fullName());
        return jdbc.sql("""
                        select p.id_number, p.full_name,
                               (select m.related_id_number from population.family_link m
                                where m.id_number = p.id_number and m.relation = 'MOTHER') as mother,
                               (select f.related_id_number from population.family_link f
                                where f.id_number = p.id_number and f.relation = 'FATHER') as father
                        from population.person p
                        where p.birth_date = ? and p.id_number in (select l.id_number from population.family_link l
                              where l.related_id_number = any(?) and l.relation in ('MOTHER', 'FATHER'))""")
                .params(child.birthDate(), numbers(parents))
                .query((rs, n) -> new Child(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list().stream()
                .filter(c -> comparableName(c.fullName()).equals(name) && c.sameParents(mother, father)).findFirst()
                .map(c -> new IdNumber(c.idNumber()));
    }

    /** A name as two filings for one child may write it differently: case, spacing, composed or decomposed marks. */
    private static String comparableName(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Locks the people's records until the caller's transaction ends and reads them as they are once it has the locks.
     * In number order, so that two writers locking the same people cannot deadlock; "no key update" so that writes
     * which only refer to these people (a document, a residence, a family link) do not wait.
     */
    private List<Person> lockPeople(Collection<IdNumber> people) {
        return jdbc.sql(PERSON + " where id_number = any(?) order by id_number for no key update")
                .param(numbers(people)).query(JdbcPopulationRegister::person).list();
    }

    @Override
    public void registerResidenceAtHousehold(IdNumber idNumber, LocalDate from) {
        jdbc.sql("""
                        insert into population.residence (id_number, kind, province_code, commune_code, detail, valid_from)
                        select p.id_number, 'PERMANENT', h.province_code, h.commune_code, h.address_detail, ?
                        from population.person p join population.household h on h.id = p.household_id
                        where p.id_number = ?
                        on conflict (id_number, kind) do update set province_code = excluded.province_code,
                            commune_code = excluded.commune_code, detail = excluded.detail,
                            valid_from = excluded.valid_from, valid_to = null""")
                .params(from, idNumber.value()).update();
    }

    @Override
    public void recordDeath(IdNumber idNumber, LocalDate dateOfDeath) {
        jdbc.sql("update population.person set date_of_death = ? where id_number = ? and date_of_death is null")
                .params(dateOfDeath, idNumber.value()).update();
        leaveHeadOfHousehold(idNumber, null);
        jdbc.sql("""
                        update population.person set marital_status = 'WIDOWED' where id_number in (
                            select related_id_number from population.family_link where id_number = ? and relation = 'SPOUSE')""")
                .param(idNumber.value()).update();
    }

    @Override
    public void recordMarriage(IdNumber first, IdNumber second) {
        List<Person> parties = lockPeople(List.of(first, second));
        if (parties.stream().anyMatch(p -> "MARRIED".equals(p.maritalStatus()))) {
            boolean toEachOther = parties.stream().allMatch(p -> "MARRIED".equals(p.maritalStatus()))
                    && relative(first, "SPOUSE").filter(second::equals).isPresent()
                    && relative(second, "SPOUSE").filter(first::equals).isPresent();
            if (toEachOther) {
                return;
            }
            throw new RegisterConflict("guard.bothUnmarried");
        }
        for (IdNumber[] pair : new IdNumber[][] {{first, second}, {second, first}}) {
            // Unmarried now, so a link already there is a former spouse's (widowed, divorced): the new one replaces it.
            jdbc.sql("""
                            insert into population.family_link (id_number, relation, related_id_number) values (?, 'SPOUSE', ?)
                            on conflict (id_number, relation) do update set related_id_number = excluded.related_id_number""")
                    .params(pair[0].value(), pair[1].value()).update();
            jdbc.sql("update population.person set marital_status = 'MARRIED' where id_number = ?")
                    .param(pair[0].value()).update();
        }
    }

    @Override
    public IdNumber registerPermanentResidence(IdNumber idNumber, IdNumber head, String relationToHead,
                                               String provinceCode, String communeCode, String detail, LocalDate from) {
        // The household of the person named joins only if it is registered at the address decided: the owner of a
        // rented or lent home often lives, and heads a household, elsewhere, and the decision is about this address,
        // taken by its police.
        // Locked before anything is read, as the other write-backs do: a change of head naming this person (or the head
        // named) written at the same moment commits first, and the person leaves the household it gave them to head.
        lockPeople(Stream.of(idNumber, head).filter(Objects::nonNull).toList());
        Long household = head == null ? null : householdIdAt(head, provinceCode, communeCode, detail).orElse(null);
        leaveHeadOfHousehold(idNumber, household);
        IdNumber joinedThrough = household == null ? idNumber : head;
        if (household == null) {
            household = jdbc.sql("""
                            insert into population.household (id, head_id_number, province_code, commune_code, address_detail)
                            values (nextval('population.household_id_seq'), ?, ?, ?, ?) returning id""")
                    .params(idNumber.value(), provinceCode, communeCode, detail).query(Long.class).single();
            jdbc.sql("update population.person set household_id = ?, relation_to_head = 'Chủ hộ' where id_number = ?")
                    .params(household, idNumber.value()).update();
        } else {
            // The relation declared is towards the person named: it stands when they head the household joined; else
            // (they are a member, or it has no head) the register says what it knows towards its actual head.
            String headOfJoined = jdbc.sql("select head_id_number from population.household where id = ?")
                    .param(household).query((rs, n) -> rs.getString(1)).list().get(0);
            boolean declaredTowardsHead = relationToHead != null && !relationToHead.isBlank()
                    && head.value().equals(headOfJoined);
            jdbc.sql("update population.person set household_id = ?, relation_to_head = ? where id_number = ?")
                    .params(household, declaredTowardsHead ? relationToHead.strip() : null, idNumber.value()).update();
            if (!declaredTowardsHead) {
                relateToHead(household, List.of(idNumber));
            }
        }
        jdbc.sql("""
                        insert into population.residence (id_number, kind, province_code, commune_code, detail, valid_from)
                        select ?, 'PERMANENT', province_code, commune_code, address_detail, ? from population.household where id = ?
                        on conflict (id_number, kind) do update set province_code = excluded.province_code,
                            commune_code = excluded.commune_code, detail = excluded.detail,
                            valid_from = excluded.valid_from, valid_to = null""")
                .params(idNumber.value(), from, household).update();
        return joinedThrough;
    }

    @Override
    public Optional<Household> householdAt(IdNumber member, String provinceCode, String communeCode, String detail) {
        return householdIdAt(member, provinceCode, communeCode, detail)
                .flatMap(id -> householdOf(member).filter(h -> h.id() == id));
    }

    /** The household of the person if registered at this address (the detail without regard to spaces and case). */
    private Optional<Long> householdIdAt(IdNumber member, String provinceCode, String communeCode, String detail) {
        return jdbc.sql("""
                        select h.id from population.person p join population.household h on h.id = p.household_id
                        where p.id_number = ? and h.province_code = ? and h.commune_code = ?
                          and lower(regexp_replace(btrim(h.address_detail), '\\s+', ' ', 'g'))
                              = lower(regexp_replace(btrim(?), '\\s+', ' ', 'g'))""")
                .params(member.value(), provinceCode, communeCode, detail).query(Long.class).optional();
    }

    /**
     * Sets the relation to the household's head of these living members (all but the head when {@code members} is
     * empty) to what the register's family links say — the head's spouse (Vợ, Chồng), child (Con), father (Bố) or
     * mother (Mẹ) — and to none (to be declared) where they say nothing, or the household has no head.
     */
    private void relateToHead(long household, Collection<IdNumber> members) {
        jdbc.sql("""
                        update population.person m set relation_to_head = (
                            select case
                                when exists (select 1 from population.family_link l where l.id_number = m.id_number
                                             and l.relation = 'SPOUSE' and l.related_id_number = h.head_id_number)
                                    then case m.sex when 'F' then 'Vợ' else 'Chồng' end
                                when exists (select 1 from population.family_link l where l.id_number = m.id_number
                                             and l.relation in ('FATHER', 'MOTHER') and l.related_id_number = h.head_id_number)
                                    then 'Con'
                                when exists (select 1 from population.family_link l where l.id_number = h.head_id_number
                                             and l.relation = 'FATHER' and l.related_id_number = m.id_number)
                                    then 'Bố'
                                when exists (select 1 from population.family_link l where l.id_number = h.head_id_number
                                             and l.relation = 'MOTHER' and l.related_id_number = m.id_number)
                                    then 'Mẹ'
                            end
                            from population.household h where h.id = m.household_id)
                        where m.household_id = ? and m.date_of_death is null and m.id_number is distinct from (
                                select head_id_number from population.household where id = ?)
                          and (? or m.id_number = any(?))""")
                .params(household, household, members.isEmpty(), numbers(members)).update();
    }

    /**
     * The household the person heads, unless it is {@code staying} (the one they stay in), is left without a head:
     * the head moved out or died, and only its members may choose the next one, which they register as a change of
     * head (Residence Law 2020 art. 10, 26). Until then the register names no head rather than someone gone, and no
     * member's relation to a head (Con, Vợ …) that was towards the one gone: the change of head records them anew.
     */
    private void leaveHeadOfHousehold(IdNumber idNumber, Long staying) {
        Optional<Long> left = jdbc.sql("""
                        update population.household h set head_id_number = null
                        from population.person p
                        where p.id_number = ? and h.id = p.household_id and h.head_id_number = p.id_number
                          and h.id is distinct from cast(? as bigint)
                        returning h.id""")
                .params(idNumber.value(), staying).query(Long.class).optional();
        left.ifPresent(household -> jdbc.sql(
                "update population.person set relation_to_head = null where household_id = ?").param(household).update());
    }

    @Override
    public void registerHouseholdHead(IdNumber filer, Long filedAbout, IdNumber newHead,
                                      Map<IdNumber, String> declaredRelations) {
        // The filer and the new head are locked as the other write-backs lock the people they decide on: a move or a
        // death of either recorded at the same moment waits, and the checks below see it.
        List<Person> locked = lockPeople(List.of(filer, newHead));
        Map<IdNumber, Long> households = new LinkedHashMap<>();
        jdbc.sql("select id_number, household_id from population.person where id_number = any(?)")
                .param(numbers(List.of(filer, newHead)))
                .query((rs, n) -> households.put(new IdNumber(rs.getString(1)), rs.getObject(2, Long.class)))
                .list();
        Long household = households.get(filer);
        if (household == null || locked.stream().noneMatch(p -> p.idNumber().equals(filer) && p.alive())) {
            throw new RegisterConflict("register.householdHead.filerNotMember");
        }
        if (filedAbout != null && !filedAbout.equals(household)) {
            // The filer moved into another household since filing: its head is not theirs to change by this dossier.
            throw new RegisterConflict("register.householdHead.otherHousehold");
        }
        if (locked.stream().noneMatch(p -> p.idNumber().equals(newHead) && p.alive())) {
            throw new RegisterConflict("register.householdHead.deceased");
        }
        if (!household.equals(households.get(newHead))) {
            throw new RegisterConflict("register.householdHead.notMember");
        }
        jdbc.sql("update population.household set head_id_number = ? where id = ?").params(newHead.value(), household)
                .update();
        jdbc.sql("update population.person set relation_to_head = 'Chủ hộ' where id_number = ?").param(newHead.value())
                .update();
        relateToHead(household, List.of());
        declaredRelations.forEach((member, relation) -> {
            if (!member.equals(newHead) && relation != null && !relation.isBlank()) {
                jdbc.sql("update population.person set relation_to_head = ? where id_number = ? and household_id = ?")
                        .params(relation.strip(), member.value(), household).update();
            }
        });
    }

    @Override
    public void registerTemporaryAbsence(IdNumber idNumber, LocalDate from, LocalDate to, String destination) {
        jdbc.sql("""
                        insert into population.temporary_absence (id_number, valid_from, valid_to, destination) values (?, ?, ?, ?)
                        on conflict (id_number) do update set valid_from = excluded.valid_from, valid_to = excluded.valid_to,
                            destination = excluded.destination""")
                .params(idNumber.value(), from, to, destination).update();
    }

    @Override
    public void deregisterPermanentResidence(IdNumber idNumber, LocalDate on) {
        lockPeople(List.of(idNumber));   // as registerPermanentResidence: a change of head written meanwhile is seen
        jdbc.sql("update population.residence set valid_to = ? where id_number = ? and kind = 'PERMANENT'")
                .params(on, idNumber.value()).update();
        leaveHeadOfHousehold(idNumber, null);
    }

    @Override
    public Optional<IdNumber> documentHolder(String kind, String number) {
        return jdbc.sql("select id_number from population.person_document where kind = ? and number = ?")
                .params(kind, number).query(String.class).optional().map(IdNumber::new);
    }

    @Override
    public String recordDocument(IdNumber idNumber, String kind, String number, LocalDate issuedOn, LocalDate validUntil,
                                 String issuer, java.util.UUID dossierId) {
        jdbc.sql("""
                        insert into population.person_document (id_number, kind, number, issued_on, valid_until, issuer, dossier_id)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(idNumber.value(), kind, number, issuedOn, validUntil, issuer, dossierId).update();
        return number;
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
