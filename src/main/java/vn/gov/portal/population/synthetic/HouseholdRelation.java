package vn.gov.portal.population.synthetic;

/** A member's relation to the household head, as written in the household register. */
enum HouseholdRelation {
    HEAD("Chủ hộ"),
    WIFE("Vợ"),
    HUSBAND("Chồng"),
    CHILD("Con"),
    FATHER("Bố"),
    MOTHER("Mẹ"),
    GRANDCHILD("Cháu");

    private final String label;

    HouseholdRelation(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
