package vn.gov.portal.citizen;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.Supplementation;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.web.Messages;

/** The citizen answers a supplementation request: sees what is asked and by when, corrects answers, sends. */
@Controller
class SupplementController {

    private final Dossiers dossiers;
    private final Supplementation supplementation;
    private final ProcedureCatalog catalog;
    private final FormModel formModel;
    private final Messages messages;

    SupplementController(Dossiers dossiers, Supplementation supplementation, ProcedureCatalog catalog,
                         FormModel formModel, Messages messages) {
        this.dossiers = dossiers;
        this.supplementation = supplementation;
        this.catalog = catalog;
        this.formModel = formModel;
        this.messages = messages;
    }

    @GetMapping("/my/dossiers/{id}/supplement")
    String form(@PathVariable UUID id, PortalUser citizen, Model model) {
        Dossier dossier = editable(citizen, id);
        return show(dossier, supplementation.form(citizen, dossier), citizen, model);
    }

    @PostMapping("/my/dossiers/{id}/supplement")
    String send(@PathVariable UUID id, @RequestParam Map<String, String> params,
                @RequestParam(defaultValue = "") String message, @RequestParam int lockVersion, PortalUser citizen,
                Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        Dossier dossier = editable(citizen, id);
        Filing.Outcome outcome;
        try {
            outcome = supplementation.send(citizen, id, params, message, lockVersion);
        } catch (UserFacingException e) {
            if (e.isNotFound()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", messages.of(e, locale));
            return "redirect:/my/dossiers/" + id;
        }
        if (outcome instanceof Filing.Invalid invalid) {
            response.setStatus(422);
            model.addAttribute("errors", messages.of(invalid.problems(), locale));
            model.addAttribute("message", message);
            return show(dossier, invalid.form(), citizen, model);
        }
        redirect.addFlashAttribute("notice", messages.text("supplement.sent", null, locale));
        return "redirect:/my/dossiers/" + id;
    }

    /** Only the applicant's own dossier, and only while it waits for them; anything else reads as not found. */
    private Dossier editable(PortalUser citizen, UUID id) {
        Dossier dossier = dossiers.forCitizen(citizen, id);
        if (!dossier.applicantIdNumber().equals(citizen.subject()) || !supplementation.editable(dossier)) {
            throw UserFacingException.notFound();
        }
        return dossier;
    }

    private String show(Dossier dossier, Filing.FormState form, PortalUser citizen, Model model) {
        ProcedureDefinition definition = catalog.of(dossier);
        model.addAttribute("dossier", dossier);
        model.addAttribute("procedure", definition);
        model.addAttribute("form", form);
        model.addAttribute("supplementRequest", supplementation.request(dossier).orElse(null));
        model.addAttribute("fixed", supplementation.fixedAnswers(definition));
        formModel.addChoices(definition, citizen, model);
        return "citizen/supplement";
    }
}
