package vn.gov.portal.citizen;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.attachment.Attachments;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.AdminUnit;
import vn.gov.portal.population.PersonFacts;
import vn.gov.portal.population.PopulationRegister;
import vn.gov.portal.web.Messages;

/** The application form of a procedure: shown prefilled, saved as a draft, submitted. */
@Controller
class FilingController {

    private final ProcedureCatalog catalog;
    private final Filing filing;
    private final PopulationRegister register;
    private final Messages messages;
    private final Attachments attachments;

    FilingController(ProcedureCatalog catalog, Filing filing, PopulationRegister register, Messages messages,
                     Attachments attachments) {
        this.attachments = attachments;
        this.catalog = catalog;
        this.filing = filing;
        this.register = register;
        this.messages = messages;
    }

    @GetMapping("/procedures/{code}/apply")
    String form(@PathVariable String code, PortalUser citizen, Model model) {
        ProcedureDefinition definition = procedure(code);
        return show(definition, filing.open(citizen, definition), citizen, model);
    }

    @PostMapping("/procedures/{code}/apply")
    String post(@PathVariable String code, @RequestParam UUID formId, @RequestParam(defaultValue = "save") String action,
                @RequestParam Map<String, String> params, PortalUser citizen, Model model, Locale locale,
                HttpServletResponse response, RedirectAttributes redirect) {
        ProcedureDefinition definition = procedure(code);
        Filing.Outcome outcome = "submit".equals(action)
                ? filing.submit(citizen, definition, formId, params)
                : filing.save(citizen, definition, formId, params);
        if (outcome instanceof Filing.Submitted submitted) {
            redirect.addFlashAttribute("submitted", true);
            return "redirect:/my/dossiers/" + submitted.dossier().id();
        }
        if (outcome instanceof Filing.Invalid invalid) {
            response.setStatus(422);
            model.addAttribute("errors", messages.of(invalid.problems(), locale));
            return show(definition, invalid.form(), citizen, model);
        }
        if (outcome instanceof Filing.LevelTooLow low) {
            response.setStatus(403);
            model.addAttribute("levelProblem", messages.text("filing.levelTooLow",
                    new Object[] {low.required(), low.actual()}, locale));
            return show(definition, low.form(), citizen, model);
        }
        model.addAttribute("notice", messages.text("filing.draftSaved", null, locale));
        return show(definition, ((Filing.Saved) outcome).form(), citizen, model);
    }

    private String show(ProcedureDefinition definition, Filing.FormState form, PortalUser citizen, Model model) {
        model.addAttribute("procedure", definition);
        model.addAttribute("form", form);
        model.addAttribute("provinces", register.provinces());
        List<AdminUnit> communes = register.communes();
        model.addAttribute("communes", communes);
        model.addAttribute("communesByProvince", communes.stream().collect(
                Collectors.groupingBy(AdminUnit::parentCode, LinkedHashMap::new, Collectors.toList())));
        model.addAttribute("canSubmit", citizen.eidLevel() >= definition.eidLevel());
        Map<String, List<PersonFacts>> personOptions = new LinkedHashMap<>();
        definition.fields().filter(f -> f.type() == FormField.FieldType.PERSON)
                .forEach(f -> personOptions.put(f.id(), filing.candidates(citizen, f)));
        model.addAttribute("personOptions", personOptions);
        model.addAttribute("attachments", attachments.ofForm(citizen, definition, form.formId()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        return "citizen/apply";
    }

    private ProcedureDefinition procedure(String code) {
        return catalog.find(code).orElseThrow(UserFacingException::notFound);
    }
}
