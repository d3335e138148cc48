package vn.gov.portal.population.synthetic;

import vn.gov.portal.population.Sex;

import java.time.LocalDate;

/** One member of a generated household, before it is written out. Family links are indexes into the household. */
final class SyntheticPerson {

    static final int NONE = -1;

    final HouseholdRelation relation;
    final Sex sex;
    final String familyName;
    final String middleName;
    final String givenName;
    final LocalDate birthDate;
    String maritalStatus = "SINGLE";
    String ethnicity;
    String religion;
    Commune homeTown;
    Commune placeOfBirth;
    int father = NONE;
    int mother = NONE;
    int spouse = NONE;
    String idNumber;

    SyntheticPerson(HouseholdRelation relation, Sex sex, String familyName, String middleName, String givenName,
            LocalDate birthDate) {
        this.relation = relation;
        this.sex = sex;
        this.familyName = familyName;
        this.middleName = middleName;
        this.givenName = givenName;
        this.birthDate = birthDate;
    }

    String fullName() {
        return familyName + ' ' + middleName + ' ' + givenName;
    }

    int birthYear() {
        return birthDate.getYear();
    }
}
