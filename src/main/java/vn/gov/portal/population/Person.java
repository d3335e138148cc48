package vn.gov.portal.population;

import java.time.LocalDate;

/** A person as the population register holds them. */
public record Person(
        IdNumber idNumber,
        String fullName,
        LocalDate birthDate,
        Sex sex,
        String ethnicity,
        String religion,
        String nationality,
        String homeTown,
        String placeOfBirth,
        String maritalStatus,
        LocalDate dateOfDeath,
        String phone,
        String email) {

    public boolean alive() {
        return dateOfDeath == null;
    }
}
