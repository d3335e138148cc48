package vn.gov.portal.population.synthetic;

/**
 * A commune of the population.admin_unit catalogue with its province, as the generator needs it.
 *
 * @param label the readable place used for home town and place of birth, "Phường Ba Đình, Thành phố Hà Nội"
 */
record Commune(String code, String provinceCode, String label) {

    static Commune of(String code, String name, String provinceCode, String provinceName) {
        return new Commune(code, provinceCode, name + ", " + provinceName);
    }
}
