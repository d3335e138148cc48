package vn.gov.portal.citizen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.PersonFacts;
import vn.gov.portal.population.PopulationRegister;

/** What the fields of a form need besides the answers: the lists of units and the people a citizen may pick. */
@Component
class FormModel {

    private final PopulationRegister register;
    private final Filing filing;
    private final CommuneOptions communeOptions;

    FormModel(PopulationRegister register, Filing filing, CommuneOptions communeOptions) {
        this.register = register;
        this.filing = filing;
        this.communeOptions = communeOptions;
    }

    void addChoices(ProcedureDefinition definition, PortalUser citizen, Model model) {
        model.addAttribute("provinces", register.provinces());
        model.addAttribute("unitNames", register.unitNames());
        model.addAttribute("communeOptions", communeOptions);
        Map<String, List<PersonFacts>> personOptions = new LinkedHashMap<>();
        definition.fields().filter(f -> f.type() == FormField.FieldType.PERSON)
                .forEach(f -> personOptions.put(f.id(), filing.candidates(citizen, f)));
        model.addAttribute("personOptions", personOptions);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
    }
}
