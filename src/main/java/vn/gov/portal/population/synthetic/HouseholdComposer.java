package vn.gov.portal.population.synthetic;

import vn.gov.portal.population.Sex;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides who lives in a household: the head, usually a spouse, children, sometimes the head's parents or
 * grandchildren, with consistent ages (parents 20 to 42 years older than their children, spouses of similar age),
 * names (children carry their father's family name), ethnicity, religion and places.
 * <p>
 * Invariants the rest of the system may rely on: the head is member 0; 'MARRIED' exactly for people whose spouse
 * is in the household (both ways); a parent link always points to a member at least 20 birth years older; birth
 * dates lie in 1930..2025.
 */
final class HouseholdComposer {

    static final int FIRST_BIRTH_YEAR = 1930;
    static final int LAST_BIRTH_YEAR = 2025;
    private static final int MIN_PARENT_GAP = 20;
    private static final int MAX_PARENT_GAP = 42;

    private static final Set<String> NORTHERN_UPLANDS = Set.of("04", "08", "11", "12", "14", "15", "19", "20");
    private static final Set<String> MUONG_AREAS = Set.of("25", "38");
    private static final Set<String> KHMER_AREAS = Set.of("86", "91", "92", "96");

    // Regional shares of the ethnic groups; with communes drawn evenly, Kinh come to about 85% nationally.
    private static final WeightedChoice<String> ETHNICITY_NORTHERN_UPLANDS = WeightedChoice.of(
            "Kinh", 50, "Tày", 14, "Thái", 10, "H'Mông", 10, "Nùng", 9, "Dao", 5, "Mường", 2);
    private static final WeightedChoice<String> ETHNICITY_MUONG_AREAS = WeightedChoice.of(
            "Kinh", 88, "Mường", 9, "Thái", 3);
    private static final WeightedChoice<String> ETHNICITY_KHMER_AREAS = WeightedChoice.of(
            "Kinh", 84, "Khmer", 12, "Hoa", 4);
    private static final WeightedChoice<String> ETHNICITY_ELSEWHERE = WeightedChoice.of(
            "Kinh", 970, "Hoa", 15, "Tày", 5, "Mường", 5, "Nùng", 5);
    private static final WeightedChoice<String> RELIGION = WeightedChoice.of(
            "Không", 780, "Phật giáo", 110, "Công giáo", 70, "Cao Đài", 25, "Tin Lành", 15);

    private final SplittableRandom random;
    private final List<Commune> communes;

    HouseholdComposer(SplittableRandom random, List<Commune> communes) {
        this.random = random;
        this.communes = communes;
    }

    /** The members of a household of {@code size} (1..7) people registered in {@code home}; the head first. */
    List<SyntheticPerson> compose(Commune home, int size) {
        Household household = new Household(home);
        if (size == 1) {
            household.add(personLivingAlone(household));
            return household.members;
        }
        boolean couple = percent(85);
        int free = size - 1 - (couple ? 1 : 0);
        int parents = free >= 1 && percent(20) ? (free >= 2 && random.nextBoolean() ? 2 : 1) : 0;
        free -= parents;
        // three generations at most: grandchildren only where the head's parents do not live in
        int grandchildren = parents == 0 && free >= 2 && percent(25) ? 1 + random.nextInt(Math.min(3, free - 1)) : 0;
        int children = free - grandchildren;

        SyntheticPerson head = head(household, couple, headBirthYear(couple, parents, children, grandchildren));
        household.add(head);
        if (couple) {
            int spouse = household.add(spouseOfHead(household, head, children > 0));
            marry(household, 0, spouse);
        } else {
            head.maritalStatus = statusWithoutSpouse(head, children > 0);
        }
        addParentsOfHead(household, head, parents);
        addChildren(household, children, grandchildren);
        return household.members;
    }

    private int headBirthYear(boolean couple, int parents, int children, int grandchildren) {
        if (grandchildren > 0) {
            return between(1940, 1972);
        }
        if (parents > 0) {
            return between(1962, 2000);
        }
        if (children > 0) {
            // most heads with children at home are in their thirties to fifties
            return (between(1950, 2003) + between(1950, 2003)) / 2;
        }
        // a couple alone: newly married, or the children have left
        return random.nextBoolean() ? between(1988, 2003) : between(1935, 1965);
    }

    private SyntheticPerson personLivingAlone(Household household) {
        int kind = random.nextInt(100);
        int year = kind < 45 ? between(1990, 2005) : kind < 70 ? between(1960, 1989) : between(1935, 1959);
        Sex sex = year < 1960 ? (percent(70) ? Sex.F : Sex.M) : (random.nextBoolean() ? Sex.M : Sex.F);
        SyntheticPerson person = newPerson(HouseholdRelation.HEAD, sex, household.lineFamilyName, year);
        settle(person, household, household.lineHomeTown);
        int age = LAST_BIRTH_YEAR - year;
        if (age >= 60) {
            person.maritalStatus = pick(70, "WIDOWED", 15, "DIVORCED", "SINGLE");
        } else if (age >= 35) {
            person.maritalStatus = pick(50, "SINGLE", 35, "DIVORCED", "WIDOWED");
        }
        return person;
    }

    private SyntheticPerson head(Household household, boolean couple, int year) {
        Sex sex = percent(couple ? 75 : 35) ? Sex.M : Sex.F;
        SyntheticPerson head = newPerson(HouseholdRelation.HEAD, sex, household.lineFamilyName, year);
        settle(head, household, household.lineHomeTown);
        return head;
    }

    private SyntheticPerson spouseOfHead(Household household, SyntheticPerson head, boolean withChildren) {
        // husbands are mostly a few years older than their wives
        int gap = random.nextInt(-2, 8);
        int year = head.sex == Sex.M ? head.birthYear() + gap : head.birthYear() - gap;
        // someone who has children here is at least 20 years older than the youngest possible child
        year = clamp(year, FIRST_BIRTH_YEAR, withChildren ? LAST_BIRTH_YEAR - MIN_PARENT_GAP - 2 : 2005);
        Sex sex = head.sex == Sex.M ? Sex.F : Sex.M;
        HouseholdRelation relation = sex == Sex.F ? HouseholdRelation.WIFE : HouseholdRelation.HUSBAND;
        SyntheticPerson spouse = newPerson(relation, sex, VietnameseNames.familyName(random), year);
        settleMarriedIn(spouse, household);
        return spouse;
    }

    private String statusWithoutSpouse(SyntheticPerson head, boolean withChildren) {
        int age = LAST_BIRTH_YEAR - head.birthYear();
        if (age >= 55) {
            return pick(65, "WIDOWED", 25, "DIVORCED", "SINGLE");
        }
        if (withChildren) {
            return pick(55, "DIVORCED", 20, "WIDOWED", "SINGLE");
        }
        return percent(70) ? "SINGLE" : "DIVORCED";
    }

    /** Bố and/or Mẹ of the head; the head's family name is the father's, so Bố carries the household line's. */
    private void addParentsOfHead(Household household, SyntheticPerson head, int parents) {
        if (parents == 0) {
            return;
        }
        int latest = head.birthYear() - MIN_PARENT_GAP;
        int fatherYear = clamp(head.birthYear() - between(22, 38), FIRST_BIRTH_YEAR, latest);
        boolean withFather = parents == 2 || percent(35);
        boolean withMother = parents == 2 || !withFather;
        int fatherIndex = SyntheticPerson.NONE;
        if (withFather) {
            SyntheticPerson father = newPerson(HouseholdRelation.FATHER, Sex.M, household.lineFamilyName, fatherYear);
            settle(father, household, household.lineHomeTown);
            father.maritalStatus = "WIDOWED";
            fatherIndex = household.add(father);
            head.father = fatherIndex;
        }
        if (withMother) {
            int motherYear = clamp(fatherYear + random.nextInt(-2, 8), FIRST_BIRTH_YEAR, latest);
            SyntheticPerson mother = newPerson(HouseholdRelation.MOTHER, Sex.F, VietnameseNames.familyName(random),
                    motherYear);
            settleMarriedIn(mother, household);
            mother.maritalStatus = "WIDOWED";
            int motherIndex = household.add(mother);
            head.mother = motherIndex;
            if (withFather) {
                marry(household, fatherIndex, motherIndex);
            }
        }
    }

    /**
     * Children of the head (and spouse). With grandchildren, the eldest child is their parent: a son or daughter
     * back home with their children after a divorce or a death (a child's spouse is not a relation of this register).
     */
    private void addChildren(Household household, int children, int grandchildren) {
        if (children == 0) {
            return;
        }
        SyntheticPerson head = household.members.get(0);
        int father = head.sex == Sex.M ? 0 : head.spouse;
        int mother = head.sex == Sex.F ? 0 : head.spouse;
        String familyName = father != SyntheticPerson.NONE
                ? household.members.get(father).familyName
                : VietnameseNames.familyName(random);   // a single mother: the father lives elsewhere
        SyntheticPerson lineParent = household.members.get(father != SyntheticPerson.NONE ? father : 0);

        int spouseYear = head.spouse == SyntheticPerson.NONE
                ? head.birthYear() : household.members.get(head.spouse).birthYear();
        // born when the younger parent was at least 20 and the older one at most 42 (and by 2025)
        int earliest = Math.max(head.birthYear(), spouseYear) + MIN_PARENT_GAP;
        int latest = Math.max(earliest, Math.min(Math.min(head.birthYear(), spouseYear) + MAX_PARENT_GAP,
                LAST_BIRTH_YEAR));
        // with grandchildren, the eldest must be old enough to have children of their own by 2025
        int latestForEldest = grandchildren == 0
                ? latest : Math.max(earliest, Math.min(latest, LAST_BIRTH_YEAR - MIN_PARENT_GAP - 2));

        int year = earliest + random.nextInt(Math.min(6, latestForEldest - earliest) + 1);
        int eldest = SyntheticPerson.NONE;
        for (int i = 0; i < children; i++) {
            Sex sex = random.nextBoolean() ? Sex.M : Sex.F;
            SyntheticPerson child = newPerson(HouseholdRelation.CHILD, sex, familyName, year);
            settle(child, household, lineParent.homeTown);
            child.ethnicity = lineParent.ethnicity;
            child.father = father;
            child.mother = mother;
            if (LAST_BIRTH_YEAR - year >= 28 && percent(8)) {
                child.maritalStatus = "DIVORCED";
            }
            int index = household.add(child);
            if (i == 0) {
                eldest = index;
            }
            // younger siblings follow one to four years apart, as long as the parents' age allows
            year = Math.max(year, Math.min(year + 1 + random.nextInt(4), latest));
        }
        addGrandchildren(household, eldest, grandchildren);
    }

    private void addGrandchildren(Household household, int parentIndex, int grandchildren) {
        if (grandchildren == 0) {
            return;
        }
        SyntheticPerson parent = household.members.get(parentIndex);
        parent.maritalStatus = pick(55, "DIVORCED", 25, "WIDOWED", "SINGLE");
        boolean viaSon = parent.sex == Sex.M;
        String familyName = viaSon ? parent.familyName : VietnameseNames.familyName(random);
        int earliest = parent.birthYear() + MIN_PARENT_GAP;
        int latest = Math.max(earliest, Math.min(parent.birthYear() + MAX_PARENT_GAP, LAST_BIRTH_YEAR));
        for (int i = 0; i < grandchildren; i++) {
            Sex sex = random.nextBoolean() ? Sex.M : Sex.F;
            SyntheticPerson grandchild = newPerson(HouseholdRelation.GRANDCHILD, sex, familyName,
                    between(earliest, latest));
            settle(grandchild, household, viaSon ? parent.homeTown : household.members.get(0).homeTown);
            grandchild.ethnicity = parent.ethnicity;
            if (viaSon) {
                grandchild.father = parentIndex;
            } else {
                grandchild.mother = parentIndex;
            }
            household.add(grandchild);
        }
    }

    private SyntheticPerson newPerson(HouseholdRelation relation, Sex sex, String familyName, int birthYear) {
        String middle = VietnameseNames.middleName(sex, birthYear, random);
        String given = VietnameseNames.givenName(sex, middle, random);
        return new SyntheticPerson(relation, sex, familyName, middle, given, birthDateIn(birthYear));
    }

    /** Someone of the household's family line: its ethnicity and religion, born locally in nine cases out of ten. */
    private void settle(SyntheticPerson person, Household household, Commune homeTown) {
        person.ethnicity = household.ethnicity;
        person.religion = household.religion;
        person.homeTown = homeTown;
        person.placeOfBirth = percent(90) ? household.home : communeOutside(household.home.provinceCode());
    }

    /** A spouse who married into the household: own home town, sometimes another ethnicity or religion. */
    private void settleMarriedIn(SyntheticPerson person, Household household) {
        settle(person, household, percent(60) ? household.home : anyCommune());
        if (percent(8)) {
            person.ethnicity = ethnicityAround(household.home);
        }
        if (percent(10)) {
            person.religion = RELIGION.pick(random);
        }
    }

    private static void marry(Household household, int one, int other) {
        SyntheticPerson a = household.members.get(one);
        SyntheticPerson b = household.members.get(other);
        a.spouse = other;
        b.spouse = one;
        a.maritalStatus = "MARRIED";
        b.maritalStatus = "MARRIED";
    }

    private String ethnicityAround(Commune commune) {
        String province = commune.provinceCode();
        if (NORTHERN_UPLANDS.contains(province)) {
            return ETHNICITY_NORTHERN_UPLANDS.pick(random);
        }
        if (MUONG_AREAS.contains(province)) {
            return ETHNICITY_MUONG_AREAS.pick(random);
        }
        if (KHMER_AREAS.contains(province)) {
            return ETHNICITY_KHMER_AREAS.pick(random);
        }
        return ETHNICITY_ELSEWHERE.pick(random);
    }

    private Commune anyCommune() {
        return communes.get(random.nextInt(communes.size()));
    }

    /** A commune of another province, if the catalogue has one. */
    Commune communeOutside(String provinceCode) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Commune commune = anyCommune();
            if (!commune.provinceCode().equals(provinceCode)) {
                return commune;
            }
        }
        return anyCommune();
    }

    private LocalDate birthDateIn(int year) {
        LocalDate january1 = LocalDate.of(year, 1, 1);
        return january1.plusDays(random.nextInt(january1.lengthOfYear()));
    }

    private int between(int from, int to) {
        return random.nextInt(from, to + 1);
    }

    private boolean percent(int chance) {
        return random.nextInt(100) < chance;
    }

    /** {@code first} with {@code firstChance}%, {@code second} with {@code secondChance}%, else {@code rest}. */
    private String pick(int firstChance, String first, int secondChance, String second, String rest) {
        int ticket = random.nextInt(100);
        return ticket < firstChance ? first : ticket < firstChance + secondChance ? second : rest;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    /** What the members of one household share while it is being composed. */
    private final class Household {
        final Commune home;
        final List<SyntheticPerson> members = new ArrayList<>(7);
        /** The family name and home town passed from father to children: the head's, and the head's father's. */
        final String lineFamilyName;
        final Commune lineHomeTown;
        final String ethnicity;
        final String religion;

        Household(Commune home) {
            this.home = home;
            this.lineFamilyName = VietnameseNames.familyName(random);
            this.lineHomeTown = percent(70) ? home : anyCommune();
            this.ethnicity = ethnicityAround(home);
            this.religion = RELIGION.pick(random);
        }

        int add(SyntheticPerson person) {
            members.add(person);
            return members.size() - 1;
        }
    }
}
