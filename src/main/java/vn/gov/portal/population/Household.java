package vn.gov.portal.population;

import java.util.List;

/**
 * A household with its head and members (each with their relation to the head). {@code headIdNumber} is null (and
 * {@code headName} empty) while the household has no head: the head moved out or died, and the members have not yet
 * registered a change of head (Residence Law 2020 art. 26).
 */
public record Household(long id, IdNumber headIdNumber, String headName, String provinceCode, String communeCode,
                        String addressDetail, List<Member> members) {

    public record Member(IdNumber idNumber, String fullName, String relationToHead) {}

    /** Whether this person is the household's registered head. */
    public boolean headedBy(IdNumber person) {
        return person.equals(headIdNumber);
    }

    public String relationOf(IdNumber person) {
        return members.stream().filter(m -> m.idNumber().equals(person)).map(Member::relationToHead)
                .findFirst().orElse("");
    }
}
