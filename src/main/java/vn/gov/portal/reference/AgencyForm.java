package vn.gov.portal.reference;

/** What an admin types for an agency; the commune is empty for a province-level agency. */
public record AgencyForm(String kind, String nameVi, String nameEn, String provinceCode, String communeCode,
                         String unitCode) {

    public static AgencyForm empty() {
        return new AgencyForm("", "", "", "", "", "");
    }
}
