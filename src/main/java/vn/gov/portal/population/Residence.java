package vn.gov.portal.population;

import java.time.LocalDate;

/** A registered address (permanent, temporary or current) with the codes of the two-tier administration. */
public record Residence(Kind kind, String provinceCode, String communeCode, String detail, LocalDate validFrom,
                        LocalDate validTo) {

    public enum Kind { PERMANENT, TEMPORARY, CURRENT }
}
