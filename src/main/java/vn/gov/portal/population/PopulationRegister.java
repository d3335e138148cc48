package vn.gov.portal.population;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The port to the national population register. Reads for prefill and display; writes only for completed procedures. */
public interface PopulationRegister {

    Optional<Person> person(IdNumber idNumber);

    Optional<Household> householdOf(IdNumber idNumber);

    List<Residence> residences(IdNumber idNumber);

    List<AdminUnit> provinces();

    List<AdminUnit> communes();

    Optional<AdminUnit> unit(String code);

    /** Provinces and communes, to show names where answers hold codes. */
    List<AdminUnit> units();

    /** Registers (or replaces) the person's temporary residence for the given period. */
    void registerTemporaryResidence(IdNumber idNumber, String provinceCode, String communeCode, String detail,
                                    LocalDate from, LocalDate to);
}
