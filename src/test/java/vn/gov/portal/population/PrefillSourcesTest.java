package vn.gov.portal.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;

/** The prefill's subject, read in one statement, is the register's filer, household and family as read one by one. */
class PrefillSourcesTest extends PortalIntegrationTest {

    @Autowired
    PrefillSources prefill;
    @Autowired
    PopulationRegister register;

    private PersonFacts expected(IdNumber idNumber) {
        return new PersonFacts(register.person(idNumber).orElseThrow(),
                register.residences(idNumber).stream().filter(r -> r.kind() == Residence.Kind.PERMANENT).findFirst(),
                register.residences(idNumber).stream().filter(r -> r.kind() == Residence.Kind.PERMANENT).findFirst()
                        .map(register::describe).orElse(""));
    }

    @Test
    void theSubjectIsTheFilerWithHouseholdFatherMotherAndSpouse() {
        // Someone with all three links, and the register's residences of each.
        IdNumber filer = new IdNumber(jdbc.sql("""
                        select id_number from population.family_link group by id_number having count(*) = 3
                        order by id_number limit 1""").query(String.class).single());
        PrefillSources.Subject subject = prefill.subject(filer).orElseThrow();

        assertThat(subject.filer()).isEqualTo(expected(filer));
        assertThat(subject.household()).isPresent().isEqualTo(register.householdOf(filer));
        assertThat(subject.relatives()).containsOnlyKeys("spouse", "father", "mother");
        for (String relation : List.of("FATHER", "MOTHER", "SPOUSE")) {
            IdNumber relative = register.relative(filer, relation).orElseThrow();
            assertThat(subject.relatives().get(relation.toLowerCase())).isEqualTo(expected(relative));
        }
    }

    @Test
    void someoneWithoutLinksHasNoRelativesAndAnUnknownNumberNoSubject() {
        IdNumber alone = new IdNumber(jdbc.sql("""
                        select p.id_number from population.person p
                        where not exists (select 1 from population.family_link l where l.id_number = p.id_number)
                        order by p.id_number limit 1""").query(String.class).single());
        PrefillSources.Subject subject = prefill.subject(alone).orElseThrow();
        assertThat(subject.filer()).isEqualTo(expected(alone));
        assertThat(subject.relatives()).isEqualTo(Map.of());
        assertThat(subject.household()).isEqualTo(register.householdOf(alone));

        // century digit 4: born in the 2100s, so no one has it yet
        assertThat(register.family(new IdNumber("001499999999")).people()).isEmpty();
        assertThat(register.family(new IdNumber("001499999999")).household()).isEmpty();
        assertThat(prefill.subject(new IdNumber("001499999999"))).isEmpty();
    }

    @Test
    void severalPeoplesFactsComeInTheOrderAskedWithoutThoseTheRegisterLacks() {
        List<IdNumber> members = jdbc.sql("""
                        select id_number from population.person where household_id = (
                            select household_id from population.person group by household_id having count(*) >= 3
                            order by household_id limit 1)
                        order by id_number desc""").query(String.class).list().stream().map(IdNumber::new).toList();
        IdNumber unknown = new IdNumber("001499999999");
        List<IdNumber> asked = new java.util.ArrayList<>(members);
        asked.add(1, unknown);

        assertThat(prefill.facts(asked)).containsExactlyElementsOf(members.stream().map(this::expected).toList());
        assertThat(prefill.facts(members.get(0))).contains(expected(members.get(0)));
        assertThat(prefill.facts(unknown)).isEmpty();
        assertThat(prefill.facts(List.of())).isEmpty();
    }
}
