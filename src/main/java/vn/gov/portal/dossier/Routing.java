package vn.gov.portal.dossier;

import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.ProcedureDefinition.Routing.Level;
import vn.gov.portal.population.AdminUnit;
import vn.gov.portal.population.Household;
import vn.gov.portal.population.IdNumber;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.population.PrefillSources;
import vn.gov.portal.population.Residence;

/**
 * Finds the agency that handles a dossier: the one of the definition's kind for the place the procedure concerns —
 * a commune or province chosen in the form, where a person named in the form lives, or the filer's permanent
 * residence.
 */
@Component
class Routing {

    private final AgencyDirectory agencies;
    private final PopulationRegister register;

    Routing(AgencyDirectory agencies, PopulationRegister register) {
        this.agencies = agencies;
        this.register = register;
    }

    Optional<Agency> agencyFor(ProcedureDefinition definition, Map<String, String> answers,
                               PrefillSources.Subject subject) {
        ProcedureDefinition.Routing rule = definition.routing();
        String commune;
        String province;
        FormField.FieldType placeType = definition.field(rule.place()).map(FormField::type).orElse(null);
        if (rule.fromApplicant()) {
            Optional<Residence> home = subject.filer().permanent();
            commune = home.map(Residence::communeCode).orElse(null);
            province = home.map(Residence::provinceCode).orElse(null);
        } else if (placeType == FormField.FieldType.PERSON) {
            commune = homeCommuneOf(answers.getOrDefault(rule.place(), "")).orElse(null);
            province = commune == null ? null : register.unit(commune).map(AdminUnit::parentCode).orElse(null);
        } else if (placeType == FormField.FieldType.COMMUNE) {
            commune = answers.get(rule.place());
            province = register.unit(commune).map(AdminUnit::parentCode).orElse(null);
        } else {
            commune = null;
            province = answers.get(rule.place());
        }
        if (rule.level() == Level.PROVINCE) {
            return province == null ? Optional.empty() : agencies.forProvince(rule.agencyKind(), province);
        }
        return commune == null ? Optional.empty() : agencies.forCommune(rule.agencyKind(), commune);
    }

    /**
     * Where the person named in a form lives: their permanent residence, or, for a newborn whose residence is not
     * registered yet, the household the birth registration placed them in (the residence step registers it there).
     */
    private Optional<String> homeCommuneOf(String idNumber) {
        if (!IdNumber.isWellFormed(idNumber)) {
            return Optional.empty();
        }
        IdNumber person = new IdNumber(idNumber);
        return register.residences(person).stream().filter(r -> r.kind() == Residence.Kind.PERMANENT).findFirst()
                .map(Residence::communeCode)
                .or(() -> register.householdOf(person).map(Household::communeCode));
    }
}
