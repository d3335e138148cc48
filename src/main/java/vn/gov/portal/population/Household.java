package vn.gov.portal.population;

import java.util.List;

/** A household with its head and members (each with their relation to the head). */
public record Household(long id, IdNumber headIdNumber, String headName, String provinceCode, String communeCode,
                        String addressDetail, List<Member> members) {

    public record Member(IdNumber idNumber, String fullName, String relationToHead) {}

    public String relationOf(IdNumber person) {
        return members.stream().filter(m -> m.idNumber().equals(person)).map(Member::relationToHead)
                .findFirst().orElse("");
    }
}
