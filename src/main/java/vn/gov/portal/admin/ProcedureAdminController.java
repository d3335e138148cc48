package vn.gov.portal.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.catalog.DefinitionCheck;
import vn.gov.portal.catalog.DefinitionEdits;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDiagram;
import vn.gov.portal.catalog.StoredVersion;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.web.Messages;
import vn.gov.portal.web.PostedForm;
import vn.gov.portal.web.RefusedForms;

/** The procedure editor under /admin/procedures (admins only, SecurityConfig): list, drafts, publishing, history. */
@Controller
@RequestMapping("/admin/procedures")
class ProcedureAdminController {

    private static final String CODE = "{code:[a-z0-9]+(?:-[a-z0-9]+)*}";
    private static final long MAX_FILE = 256 * 1024;

    private final ProcedureEditor editor;
    private final ProcedureCatalog catalog;
    private final Messages messages;
    private final WorkflowDiagram diagrams;
    private final RefusedForms refusals;

    ProcedureAdminController(ProcedureEditor editor, ProcedureCatalog catalog, Messages messages,
                             WorkflowDiagram diagrams, RefusedForms refusals) {
        this.refusals = refusals;
        this.diagrams = diagrams;
        this.editor = editor;
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("procedures", editor.overview());
        return "admin/procedures/list";
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String nameVi,
                  @RequestParam(defaultValue = "") String nameEn, PortalUser admin, Locale locale, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        PostedForm form = new PostedForm("create", "new-code").field("code", "new-code", code)
                .field("nameVi", "new-name-vi", nameVi).field("nameEn", "new-name-en", nameEn);
        return orShowAgain(form, () -> {
            editor.create(admin.username(), code.strip(), nameVi, nameEn);
            return edited(code.strip(), redirect, locale, "adminProcedures.created");
        }, () -> list(model), model, locale, response);
    }

    @PostMapping("/clone")
    String cloneAs(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String code,
                   PortalUser admin, Locale locale, Model model, HttpServletResponse response,
                   RedirectAttributes redirect) {
        PostedForm form = new PostedForm("clone", "clone-from").field("from", "clone-from", from)
                .field("code", "clone-code", code);
        return orShowAgain(form, () -> {
            editor.cloneAs(admin.username(), from, code.strip());
            return edited(code.strip(), redirect, locale, "adminProcedures.cloned");
        }, () -> list(model), model, locale, response);
    }

    @PostMapping("/import")
    String importFile(@RequestParam(name = "file", required = false) MultipartFile file, PortalUser admin,
                      Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect)
            throws IOException {
        byte[] bytes = file == null || file.isEmpty() || file.getSize() > MAX_FILE ? null : file.getBytes();
        return orShowAgain(new PostedForm("import", "import-file"), () -> {
            if (bytes == null) {
                throw UserFacingException.refused("adminProcedures.error.importFile");
            }
            StoredVersion draft = editor.importFile(admin.username(), new String(bytes, StandardCharsets.UTF_8));
            return edited(draft.code(), redirect, locale, "adminProcedures.imported");
        }, () -> list(model), model, locale, response);
    }

    @GetMapping("/" + CODE)
    String edit(@PathVariable String code, Model model, Locale locale) {
        List<StoredVersion> versions = editor.versions(code);
        Optional<StoredVersion> draft = versions.stream().filter(StoredVersion::isDraft).findFirst();
        model.addAttribute("code", code);
        model.addAttribute("published", versions.stream().filter(StoredVersion::isPublished).findFirst().orElse(null));
        model.addAttribute("definition", catalog.find(code).orElse(null));
        model.addAttribute("draft", draft.orElse(null));
        draft.ifPresent(d -> {
            DefinitionCheck.Review review = editor.review(d);
            model.addAttribute("review", review);
            model.addAttribute("draftDefinition", review.definition());
            model.addAttribute("states", DefinitionEdits.stateIds(d.source()));
            model.addAttribute("lineCount", d.source().split("\n", -1).length);
        });
        model.addAttribute("roles", DefinitionEdits.STEP_ROLES);
        // The workflow as drawn: the draft's when it has no problems, else the published one.
        Optional<ProcedureDefinition> shown = draft.map(editor::review).map(DefinitionCheck.Review::definition)
                .or(() -> catalog.find(code));
        model.addAttribute("diagram", shown.map(d -> diagrams.draw(d, locale, null)).orElse(null));
        return "admin/procedures/edit";
    }

    /** The newer version this release ships for the procedure becomes its draft, for the admin to review and publish. */
    @PostMapping("/" + CODE + "/shipped")
    String importShipped(@PathVariable String code, PortalUser admin, Locale locale, RedirectAttributes redirect) {
        return attempt(redirect, locale, "/admin/procedures", () -> {
            editor.importShipped(admin.username(), code);
            return edited(code, redirect, locale, "adminProcedures.shippedImported");
        });
    }

    @PostMapping("/" + CODE + "/draft")
    String startDraft(@PathVariable String code, PortalUser admin, Locale locale, RedirectAttributes redirect) {
        return attempt(redirect, locale, page(code), () -> {
            editor.startDraft(admin.username(), code);
            return edited(code, redirect, locale, "adminProcedures.draftStarted");
        });
    }

    @PostMapping("/" + CODE + "/source")
    String saveSource(@PathVariable String code, @RequestParam(defaultValue = "") String source, PortalUser admin,
                      Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return orShowAgain(new PostedForm("source", "source").field("source", "source", source), () -> {
            editor.saveDraft(admin.username(), code, source);
            return edited(code, redirect, locale, "adminProcedures.saved");
        }, () -> edit(code, model, locale), model, locale, response);
    }

    @PostMapping("/" + CODE + "/metadata")
    String metadata(@PathVariable String code, @RequestParam(defaultValue = "") String nameVi,
                    @RequestParam(defaultValue = "") String nameEn, @RequestParam(defaultValue = "") String summaryVi,
                    @RequestParam(defaultValue = "") String summaryEn, @RequestParam(defaultValue = "") String nationalCode,
                    PortalUser admin, Locale locale, Model model, HttpServletResponse response,
                    RedirectAttributes redirect) {
        PostedForm form = new PostedForm("metadata", "meta-name-vi").field("nameVi", "meta-name-vi", nameVi)
                .field("nameEn", "meta-name-en", nameEn).field("summaryVi", "meta-summary-vi", summaryVi)
                .field("summaryEn", "meta-summary-en", summaryEn).field("nationalCode", "meta-national-code", nationalCode);
        return change(code, "metadata", form, admin, locale, model, response, redirect, text -> DefinitionEdits.metadata(
                text, new DefinitionEdits.Metadata(nameVi, nameEn, summaryVi, summaryEn, nationalCode)));
    }

    @PostMapping("/" + CODE + "/fees")
    String fees(@PathVariable String code, @RequestParam(defaultValue = "") String counter,
                @RequestParam(defaultValue = "") String online, PortalUser admin, Locale locale, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        PostedForm form = new PostedForm("fees", "fee-counter").field("counter", "fee-counter", counter)
                .field("online", "fee-online", online);
        return change(code, "fees", form, admin, locale, model, response, redirect,
                text -> DefinitionEdits.fees(text, number("counter", counter), number("online", online)));
    }

    @PostMapping("/" + CODE + "/deadline")
    String deadline(@PathVariable String code, @RequestParam(defaultValue = "") String workingDays, PortalUser admin,
                    Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        PostedForm form = new PostedForm("deadline", "deadline-days").field("workingDays", "deadline-days", workingDays);
        return change(code, "deadline", form, admin, locale, model, response, redirect, text -> DefinitionEdits.deadline(
                text, (int) Math.min(Integer.MAX_VALUE, number("workingDays", workingDays))));
    }

    @PostMapping("/" + CODE + "/eid-level")
    String eidLevel(@PathVariable String code, @RequestParam int eidLevel, PortalUser admin, Locale locale,
                    Model model, HttpServletResponse response, RedirectAttributes redirect) {
        PostedForm form = new PostedForm("eidLevel", "eid-level").field("eidLevel", "eid-level", eidLevel);
        return change(code, "eidLevel", form, admin, locale, model, response, redirect,
                text -> DefinitionEdits.eidLevel(text, eidLevel));
    }

    @PostMapping("/" + CODE + "/steps")
    String addStep(@PathVariable String code, @RequestParam(defaultValue = "") String stateId,
                   @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String labelVi,
                   @RequestParam(defaultValue = "") String labelEn, @RequestParam(defaultValue = "") String after,
                   @RequestParam(defaultValue = "") String before, @RequestParam(defaultValue = "") String inEvent,
                   @RequestParam(defaultValue = "") String inLabelVi, @RequestParam(defaultValue = "") String inLabelEn,
                   @RequestParam(defaultValue = "") List<String> inRoles,
                   @RequestParam(defaultValue = "") List<String> outRoles,
                   @RequestParam(defaultValue = "false") boolean sameExits,
                   PortalUser admin, Locale locale, Model model, HttpServletResponse response,
                   RedirectAttributes redirect) {
        PostedForm form = new PostedForm("step", "step-id").field("stateId", "step-id", stateId)
                .field("status", "step-status", status).field("labelVi", "step-label-vi", labelVi)
                .field("labelEn", "step-label-en", labelEn).field("after", "step-after", after)
                .field("before", "step-before", before).field("inEvent", "step-event", inEvent)
                .field("inLabelVi", "step-event-label-vi", inLabelVi).field("inLabelEn", "step-event-label-en", inLabelEn)
                .field("inRoles", "step-in-role-" + DefinitionEdits.STEP_ROLES.get(0), inRoles)
                .field("outRoles", "step-out-role-" + DefinitionEdits.STEP_ROLES.get(0), outRoles)
                .field("sameExits", "step-same-exits", sameExits);
        return change(code, "step", form, admin, locale, model, response, redirect, text -> DefinitionEdits.addStep(
                text, new DefinitionEdits.NewStep(stateId, (int) Math.min(99, number("status", status)), labelVi,
                        labelEn, after, before, inEvent, inLabelVi, inLabelEn, nonBlank(inRoles), nonBlank(outRoles),
                        sameExits)));
    }

    @PostMapping("/" + CODE + "/publish")
    String publish(@PathVariable String code, PortalUser admin, Locale locale, RedirectAttributes redirect) {
        return attempt(redirect, locale, page(code), () -> {
            StoredVersion published = editor.publish(admin.username(), code);
            redirect.addFlashAttribute("notice", messages.text("adminProcedures.published",
                    new Object[] {published.version()}, locale));
            return "redirect:" + page(code) + "/history";
        });
    }

    @PostMapping("/" + CODE + "/discard")
    String discard(@PathVariable String code, PortalUser admin, Locale locale, RedirectAttributes redirect) {
        return attempt(redirect, locale, page(code), () -> {
            editor.discardDraft(admin.username(), code);
            return edited(code, redirect, locale, "adminProcedures.discarded");
        });
    }

    @GetMapping("/" + CODE + "/history")
    String history(@PathVariable String code, @RequestParam(required = false) Integer from,
                   @RequestParam(required = false) Integer to, Model model) {
        List<StoredVersion> versions = editor.versions(code);
        model.addAttribute("code", code);
        model.addAttribute("versions", versions);
        if (versions.size() > 1 || from != null) {
            int newer = to != null ? to : versions.get(0).version();
            int older = from != null ? from : versions.get(Math.min(1, versions.size() - 1)).version();
            model.addAttribute("from", older);
            model.addAttribute("to", newer);
            model.addAttribute("diff", editor.diff(code, older, newer));
        }
        return "admin/procedures/history";
    }

    @PostMapping("/" + CODE + "/versions/{version}/republish")
    String republish(@PathVariable String code, @PathVariable int version, PortalUser admin, Locale locale,
                     RedirectAttributes redirect) {
        return attempt(redirect, locale, page(code) + "/history", () -> {
            StoredVersion published = editor.republish(admin.username(), code, version);
            redirect.addFlashAttribute("notice", messages.text("adminProcedures.republished",
                    new Object[] {version, published.version()}, locale));
            return "redirect:" + page(code) + "/history";
        });
    }

    /** The version's text exactly as stored: a workflows/ file. */
    @GetMapping("/" + CODE + "/versions/{version}/export")
    ResponseEntity<byte[]> export(@PathVariable String code, @PathVariable int version) {
        StoredVersion stored = editor.version(code, version);
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(code + "-v" + version + ".yaml").build().toString())
                .body(stored.source().getBytes(StandardCharsets.UTF_8));
    }

    // --- plumbing ------------------------------------------------------------------------------------------------

    private String change(String code, String what, PostedForm form, PortalUser admin, Locale locale, Model model,
                          HttpServletResponse response, RedirectAttributes redirect, UnaryOperator<String> edit) {
        return orShowAgain(form, () -> {
            editor.editDraft(admin.username(), code, what, edit);
            return edited(code, redirect, locale, "adminProcedures.changed");
        }, () -> edit(code, model, locale), model, locale, response);
    }

    /**
     * Runs a form's action; refused, the form's page ({@code page}) again with the form as typed and the reason
     * beside its field. The editor changed nothing.
     */
    private String orShowAgain(PostedForm form, Supplier<String> action, Supplier<String> page, Model model,
                               Locale locale, HttpServletResponse response) {
        try {
            return action.get();
        } catch (UserFacingException e) {
            refusals.show(e, form, model, locale, response);
            return page.get();
        }
    }

    private String edited(String code, RedirectAttributes redirect, Locale locale, String notice) {
        redirect.addFlashAttribute("notice", messages.text(notice, null, locale));
        return "redirect:" + page(code);
    }

    /**
     * Runs the action of a button (nothing typed to keep); a refusal goes back to {@code back} with the reason,
     * changing nothing.
     */
    private String attempt(RedirectAttributes redirect, Locale locale, String back, Supplier<String> action) {
        try {
            return action.get();
        } catch (UserFacingException e) {
            if (e.isNotFound()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", messages.of(e, locale));
            return "redirect:" + back;
        }
    }

    private static String page(String code) {
        return "/admin/procedures/" + code;
    }

    private static long number(String field, String value) {
        try {
            return Long.parseLong(value.strip().replace(".", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw UserFacingException.refused("adminProcedures.error.notANumber", value).at(field);
        }
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().filter(v -> !v.isBlank()).toList();
    }
}
