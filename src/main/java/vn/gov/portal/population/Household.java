package vn.gov.portal.population;

import java.util.List;

/**
 * A household with its head and members (each with their relation to the head). {@code headIdNumber} is null (and
 * {@code headName} empty) while the household has no head: the head moved out or died, and the members have not yet
 * registered a change of head (Residence Law 2020 art. 26). A member's {@code relationToHead} is null while it is not
 * known: in a household without a head, or towards a head the member's declaration did not name (to be declared).
 */
public record Household(long id, IdNumber headIdNumber, String headName, String provinceCode, String communeCode,
                        String addressDetail, List<Member> members) {

    public record Member(IdNumber idNumber, String fullName, String relationToHead) {}

    /** Whether this person is the household's registered head. */
    public boolean headedBy(IdNumber person) {
        return person.equals(headIdNumber);
    }

    /** The person's relation to the head; "" when not known or not a member. */
    public String relationOf(IdNumber person) {
        return members.stream().filter(m -> m.idNumber().equals(person)).findFirst().map(Member::relationToHead)
                .orElse("");
    }
}
