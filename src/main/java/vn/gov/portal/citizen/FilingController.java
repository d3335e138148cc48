package vn.gov.portal.citizen;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.attachment.Attachments;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.FeesDue;
import vn.gov.portal.dossier.PostedAnswers;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.web.Messages;

/** The application form of a procedure: shown prefilled, saved as a draft, submitted. */
@Controller
class FilingController {

    private final ProcedureCatalog catalog;
    private final Filing filing;
    private final Messages messages;
    private final FormModel formModel;
    private final Attachments attachments;
    private final FeesDue feesDue;

    FilingController(ProcedureCatalog catalog, Filing filing, Messages messages,
                     FormModel formModel, Attachments attachments, FeesDue feesDue) {
        this.feesDue = feesDue;
        this.formModel = formModel;
        this.attachments = attachments;
        this.catalog = catalog;
        this.filing = filing;
        this.messages = messages;
    }

    @GetMapping("/procedures/{code}/apply")
    String form(@PathVariable String code, @RequestParam(required = false) String step, PortalUser citizen,
                Model model, Locale locale) {
        ProcedureDefinition definition = procedure(code);
        Filing.FormState form = filing.open(citizen, definition);
        FormSteps steps = FormSteps.of(definition, form.sections(), step);
        if (steps.step().review() && !form.resumedDraft()) {
            // Nothing saved yet, so nothing to check: start at the first page.
            return "redirect:/procedures/" + code + "/apply";
        }
        return show(definition, form, steps, citizen, model, locale);
    }

    /**
     * One page of the form. "Tiếp tục" saves and checks the page's answers before going on, "Quay lại" and "Lưu nháp"
     * save without checking; the review page submits. A post without a page is the whole form at once.
     */
    @PostMapping("/procedures/{code}/apply")
    String post(@PathVariable String code, @RequestParam UUID formId, @RequestParam(required = false) String step,
                @RequestParam(defaultValue = "save") String action, @RequestParam Map<String, String> params,
                PortalUser citizen, Model model, Locale locale, HttpServletResponse response,
                RedirectAttributes redirect) {
        ProcedureDefinition definition = procedure(code);
        if ("discard".equals(action)) {
            filing.discard(citizen, definition);
            redirect.addFlashAttribute("notice", messages.text("filing.discarded", null, locale));
            return "redirect:/procedures/" + code + "/apply";
        }
        boolean review = FormSteps.REVIEW.equals(step);
        PostedAnswers posted = step == null ? PostedAnswers.wholeForm(params)
                : review ? PostedAnswers.none(params) : PostedAnswers.section(step, params);
        Filing.Outcome outcome = "submit".equals(action) && (review || step == null)
                ? filing.submit(citizen, definition, formId, posted)
                : filing.save(citizen, definition, formId, posted, "next".equals(action));
        if (outcome instanceof Filing.Submitted submitted) {
            return "redirect:/my/dossiers/" + submitted.dossier().id() + "/submitted";
        }
        Filing.FormState form = formOf(outcome);
        FormSteps steps = FormSteps.of(definition, form.sections(), step);
        if (outcome instanceof Filing.Invalid invalid) {
            response.setStatus(422);
            model.addAttribute("errors", messages.of(invalid.problems(), locale));
            return show(definition, form, steps, citizen, model, locale);
        }
        if (outcome instanceof Filing.LevelTooLow low) {
            response.setStatus(403);
            model.addAttribute("levelProblem", messages.text("filing.levelTooLow",
                    new Object[] {low.required(), low.actual()}, locale));
            return show(definition, form, steps, citizen, model, locale);
        }
        if (step != null && ("next".equals(action) || "back".equals(action))) {
            var target = "next".equals(action) ? steps.next() : steps.previous();
            return "redirect:/procedures/" + code + "/apply?step=" + target.orElse(steps.step()).id();
        }
        model.addAttribute("notice", messages.text("filing.draftSaved", null, locale));
        return show(definition, form, steps, citizen, model, locale);
    }

    /** The page's answers saved in the background (portal.js, every few seconds of typing): nothing is lost. */
    @PostMapping(value = "/procedures/{code}/apply", params = "action=autosave")
    @ResponseBody
    ResponseEntity<Void> autosave(@PathVariable String code, @RequestParam UUID formId, @RequestParam String step,
                                  @RequestParam Map<String, String> params, PortalUser citizen) {
        ProcedureDefinition definition = procedure(code);
        if (!FormSteps.REVIEW.equals(step)) {
            filing.save(citizen, definition, formId, PostedAnswers.section(step, params), false);
        }
        return ResponseEntity.noContent().build();
    }

    private static Filing.FormState formOf(Filing.Outcome outcome) {
        if (outcome instanceof Filing.Saved saved) {
            return saved.form();
        }
        if (outcome instanceof Filing.Invalid invalid) {
            return invalid.form();
        }
        return ((Filing.LevelTooLow) outcome).form();
    }

    private String show(ProcedureDefinition definition, Filing.FormState form, FormSteps steps, PortalUser citizen,
                        Model model, Locale locale) {
        if (model.getAttribute("errors") == null) {
            // A name not looked up (e-ID level, look-up limit) is said at its field, on its page, although the draft
            // was saved: the citizen must know why no name appears.
            var refusals = form.lookupRefusals().stream().filter(p -> steps.step().review()
                    || FormSteps.stepOf(definition, p.field()).equals(steps.step().id())).toList();
            if (!refusals.isEmpty()) {
                model.addAttribute("errors", messages.of(refusals, locale));
            }
        }
        model.addAttribute("procedure", definition);
        model.addAttribute("looksUpPeople", definition.fields().anyMatch(FormField::typedPerson));
        model.addAttribute("form", form);
        model.addAttribute("steps", steps);
        model.addAttribute("canSubmit", citizen.eidLevel() >= definition.eidLevel());
        model.addAttribute("attachments", attachments.ofForm(citizen, definition, form.formId()));
        // The upload forms' id for this rendering: a second post of one of them is the same upload (Attachments).
        model.addAttribute("uploadId", UUID.randomUUID());
        if (steps.step().review()) {
            return review(definition, form, model);
        }
        formModel.addChoices(definition, citizen, model);
        return "citizen/apply";
    }

    /**
     * Check your answers: every answer with a link to its page, people typed by number shown by name (seeing the name
     * here is what confirms them), and the submit button.
     */
    private String review(ProcedureDefinition definition, Filing.FormState form, Model model) {
        Map<String, String> confirmations = new LinkedHashMap<>();
        definition.sections().forEach(section -> section.fields().stream()
                .filter(FormField::typedPerson)
                .forEach(f -> section.answerIds(f).stream().filter(a -> !form.values().getOrDefault(a, "").isEmpty()
                                && form.personNames().containsKey(a))
                        .forEach(a -> confirmations.put(Filing.confirmationOf(a), form.values().get(a)))));
        model.addAttribute("confirmations", confirmations);
        Map<String, String> errorSteps = new LinkedHashMap<>();
        if (model.getAttribute("errors") instanceof List<?> errors) {
            errors.forEach(e -> {
                String field = ((Messages.FieldMessage) e).field();
                errorSteps.put(field, FormSteps.stepOf(definition, field));
            });
        } else {
            model.addAttribute("errors", List.of());
        }
        model.addAttribute("errorSteps", errorSteps);
        model.addAttribute("lateFiling", filing.missedFilingDue(definition, form).orElse(null));
        // What sending now would owe, with the ground already chosen: told before the citizen commits.
        model.addAttribute("feeDue", feesDue.ofForm(definition, form.values()));
        return "citizen/review";
    }

    private ProcedureDefinition procedure(String code) {
        return catalog.find(code).orElseThrow(UserFacingException::notFound);
    }
}
