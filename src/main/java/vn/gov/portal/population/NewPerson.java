package vn.gov.portal.population;

import java.time.LocalDate;

/** A person entering the register at birth registration; the register issues their ID number. */
public record NewPerson(String fullName, LocalDate birthDate, Sex sex, String ethnicity, String nationality,
                        String homeTown, String placeOfBirth) {}
