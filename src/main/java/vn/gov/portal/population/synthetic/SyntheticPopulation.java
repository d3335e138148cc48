package vn.gov.portal.population.synthetic;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Produces the rows of a synthetic population, household after household, from a single seeded random stream:
 * the same seed and commune catalogue give the same data, whatever the batch size.
 */
final class SyntheticPopulation {

    /** The day the register is a snapshot of; fixed, so that a seed always means the same data. */
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);
    private static final LocalDate TEMPORARY_STAYS_FROM = LocalDate.of(2025, 1, 1);

    // About 3.5 people per household, most of them 2 to 5.
    private static final WeightedChoice<Integer> HOUSEHOLD_SIZE = WeightedChoice.of(
            1, 10, 2, 17, 3, 22, 4, 26, 5, 14, 6, 7, 7, 4);
    private static final WeightedChoice<String> MOBILE_PREFIX = WeightedChoice.of(
            "090", 8, "091", 8, "093", 6, "094", 6, "096", 7, "097", 8, "098", 7,
            "032", 5, "033", 5, "034", 5, "035", 4, "036", 4, "037", 4, "038", 4, "039", 4,
            "081", 2, "083", 2, "085", 2, "088", 2, "070", 2, "077", 2, "079", 3);

    interface BatchSink {
        void accept(CopyBatch.Encoded batch) throws InterruptedException;
    }

    private final SplittableRandom random;
    private final List<Commune> communes;
    private final HouseholdComposer composer;
    private final IdNumberIssuer issuer;

    SyntheticPopulation(List<Commune> communes, long seed) {
        if (communes.isEmpty()) {
            throw new IllegalArgumentException("no communes to place households in");
        }
        this.random = new SplittableRandom(seed);
        this.communes = List.copyOf(communes);
        this.composer = new HouseholdComposer(random, this.communes);
        this.issuer = new IdNumberIssuer(seed);
    }

    /** Generates {@code people} persons and hands them to {@code sink} in batches of whole households. */
    void produce(int people, int batchPeople, BatchSink sink) throws InterruptedException {
        CopyBatch batch = new CopyBatch();
        long householdId = 0;
        int remaining = people;
        while (remaining > 0) {
            Commune home = communes.get(random.nextInt(communes.size()));
            int size = Math.min(HOUSEHOLD_SIZE.pick(random), remaining);
            writeHousehold(++householdId, home, composer.compose(home, size), batch);
            remaining -= size;
            if (batch.personCount() >= batchPeople) {
                sink.accept(batch.encode());
                batch = new CopyBatch();
            }
        }
        if (batch.personCount() > 0) {
            sink.accept(batch.encode());
        }
    }

    private void writeHousehold(long id, Commune home, List<SyntheticPerson> members, CopyBatch batch) {
        for (SyntheticPerson member : members) {
            int registeredIn = FormerProvinces.birthRegistrationCode(member.placeOfBirth.provinceCode(), random);
            member.idNumber = issuer.issue(registeredIn, member.birthDate, member.sex).value();
        }
        String address = Addresses.detail(random);
        batch.household(id, members.get(0).idNumber, home, address);
        for (SyntheticPerson member : members) {
            int age = Period.between(member.birthDate, AS_OF).getYears();
            batch.person(member, phone(age), email(member, age), id);
            batch.residence(member.idNumber, "PERMANENT", home, address, movedIn(member, home, age), null);
            if (age >= 18 && random.nextInt(1000) < 30) {
                writeTemporaryStay(member, home, batch);
            }
        }
        for (SyntheticPerson member : members) {
            writeLink(batch, member, "FATHER", member.father, members);
            writeLink(batch, member, "MOTHER", member.mother, members);
            writeLink(batch, member, "SPOUSE", member.spouse, members);
        }
    }

    private static void writeLink(CopyBatch batch, SyntheticPerson member, String relation, int related,
            List<SyntheticPerson> members) {
        if (related != SyntheticPerson.NONE) {
            batch.familyLink(member.idNumber, relation, members.get(related).idNumber);
        }
    }

    /** Registered here since birth if born in this commune, otherwise since a move as an adult (or as a child). */
    private LocalDate movedIn(SyntheticPerson member, Commune home, int age) {
        if (member.placeOfBirth.equals(home)) {
            return member.birthDate;
        }
        LocalDate earliest = age >= 18 ? member.birthDate.plusYears(18) : member.birthDate.plusDays(1);
        return dayBetween(earliest, AS_OF);
    }

    /** An adult working or studying elsewhere: a temporary residence of up to two years, started in 2025 or 2026. */
    private void writeTemporaryStay(SyntheticPerson member, Commune home, CopyBatch batch) {
        Commune elsewhere = communes.get(random.nextInt(communes.size()));
        if (elsewhere.equals(home)) {
            elsewhere = composer.communeOutside(home.provinceCode());
        }
        LocalDate adult = member.birthDate.plusYears(18);
        LocalDate from = dayBetween(adult.isAfter(TEMPORARY_STAYS_FROM) ? adult : TEMPORARY_STAYS_FROM, AS_OF);
        LocalDate to = from.plusDays(90 + random.nextInt(640));
        batch.residence(member.idNumber, "TEMPORARY", elsewhere, Addresses.detail(random), from, to);
    }

    private String phone(int age) {
        int chance = age >= 18 ? 95 : age >= 14 ? 60 : 0;
        if (random.nextInt(100) >= chance) {
            return null;
        }
        return MOBILE_PREFIX.pick(random) + digits(random.nextInt(10_000_000), 7);
    }

    /** Sometimes an e-mail made of the ASCII name; example.vn is reserved, so no real mailbox is ever named. */
    private String email(SyntheticPerson member, int age) {
        if (age < 16 || random.nextInt(100) >= 45) {
            return null;
        }
        String family = VietnameseNames.ascii(member.familyName);
        String middle = VietnameseNames.ascii(member.middleName);
        String given = VietnameseNames.ascii(member.givenName);
        String local = switch (random.nextInt(3)) {
            case 0 -> given + family + digits(member.birthYear() % 100, 2);
            case 1 -> family + middle + given + member.birthYear();
            default -> given + "." + family + (1 + random.nextInt(999));
        };
        return local + "@example.vn";
    }

    private LocalDate dayBetween(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(random.nextLong(days + 1));
    }

    private static String digits(int value, int width) {
        String text = Integer.toString(value);
        return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
    }
}
