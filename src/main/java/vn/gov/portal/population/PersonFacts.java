package vn.gov.portal.population;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** A person with their permanent address spelled out: what a form may show about them. */
public record PersonFacts(Person person, Optional<Residence> permanent, String permanentAddress) {

    public int ageOn(LocalDate day) {
        return Period.between(person.birthDate(), day).getYears();
    }

    /** The value of a prefill attribute (see docs/procedures.md), or null when the name is not an attribute. */
    public String attribute(String name) {
        return switch (name) {
            case "fullName" -> person.fullName();
            case "idNumber" -> person.idNumber().value();
            case "birthDate" -> person.birthDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
            case "sex" -> person.sex().name();
            case "ethnicity" -> person.ethnicity();
            case "religion" -> person.religion();
            case "nationality" -> person.nationality();
            case "homeTown" -> person.homeTown();
            case "placeOfBirth" -> person.placeOfBirth();
            case "maritalStatus" -> maritalStatusInWords(person.maritalStatus());
            case "phone" -> person.phone();
            case "email" -> person.email();
            case "permanentAddress" -> permanentAddress;
            case "permanentCommune" -> permanent.map(Residence::communeCode).orElse("");
            case "permanentProvince" -> permanent.map(Residence::provinceCode).orElse("");
            default -> null;
        };
    }

    /** Forms show the register's marital status as people write it on paper forms. */
    static String maritalStatusInWords(String code) {
        return switch (code) {
            case "SINGLE" -> "Chưa kết hôn";
            case "MARRIED" -> "Đã kết hôn";
            case "DIVORCED" -> "Đã ly hôn";
            case "WIDOWED" -> "Vợ/chồng đã mất";
            default -> code;
        };
    }

    static boolean isAttribute(String name) {
        return switch (name) {
            case "fullName", "idNumber", "birthDate", "sex", "ethnicity", "religion", "nationality", "homeTown",
                 "placeOfBirth", "maritalStatus", "phone", "email", "permanentAddress", "permanentCommune",
                 "permanentProvince" -> true;
            default -> false;
        };
    }
}
