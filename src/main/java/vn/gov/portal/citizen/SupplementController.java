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
    String form(@PathVariable UUID id, PortalUser citizen, Model model, Locale locale, RedirectAttributes redirect) {
        Dossier dossier = own(citizen, id);
        try {
            supplementation.checkEditable(dossier);
        } catch (UserFacingException e) {
            // The page opened again after sending (the back button, a bookmark): the dossier says where it stands.
            return backToDossier(dossier, e, locale, redirect);
        }
        return show(dossier, supplementation.form(citizen, dossier), citizen, model);
    }

    /**
     * Sends the supplement. The same post again (a double click, a retry) gets the first post's answer; a dossier
     * that no longer waits for a supplement for another reason says so on its page.
     */
    @PostMapping("/my/dossiers/{id}/supplement")
    String send(@PathVariable UUID id, @RequestParam Map<String, String> params,
                @RequestParam(defaultValue = "") String message, @RequestParam int lockVersion, PortalUser citizen,
                Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        Dossier dossier = own(citizen, id);
        Filing.Outcome outcome;
        try {
            outcome = supplementation.send(citizen, id, params, message, lockVersion);
        } catch (UserFacingException e) {
            return backToDossier(dossier, e, locale, redirect);
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

    /** Only the applicant's own dossier: anyone else's (the other party's too) reads as not found. */
    private Dossier own(PortalUser citizen, UUID id) {
        Dossier dossier = dossiers.forCitizen(citizen, id);
        if (!dossier.applicantIdNumber().equals(citizen.subject())) {
            throw UserFacingException.notFound();
        }
        return dossier;
    }

    /** A refusal shown on the dossier's page (a group's step: the group's, where it is followed). */
    private String backToDossier(Dossier dossier, UserFacingException refusal, Locale locale,
                                 RedirectAttributes redirect) {
        if (refusal.isNotFound()) {
            throw refusal;
        }
        redirect.addFlashAttribute("problem", messages.of(refusal, locale));
        return "redirect:/my/dossiers/" + (dossier.parentId() != null ? dossier.parentId() : dossier.id());
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
