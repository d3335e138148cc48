package vn.gov.portal.officer;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.attachment.Attachments;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.WorkflowDiagram;
import vn.gov.portal.dossier.AgencyDashboard;
import vn.gov.portal.forms.OneStopForms;
import vn.gov.portal.workflow.HolidayCalendarSource;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.LongerDeadlines;
import vn.gov.portal.dossier.QueueFilter;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.dossier.FeesDue;
import vn.gov.portal.payment.PaidFees;
import vn.gov.portal.web.Messages;
import vn.gov.portal.web.PostedForm;
import vn.gov.portal.web.RefusedForms;

@Controller
class OfficerController {

    private final Dossiers dossiers;
    private final Decisions decisions;
    private final AgencyDirectory agencies;
    private final ProcedureCatalog catalog;
    private final Messages messages;
    private final Clock clock;
    private final AgencyDashboard dashboard;
    private final OneStopForms forms;
    private final HolidayCalendarSource calendars;
    private final Attachments attachments;
    private final WorkflowDiagram diagrams;
    private final LongerDeadlines longerDeadlines;
    private final PaidFees paidFees;
    private final FeesDue feesDue;
    private final RefusedForms refusals;

    OfficerController(AgencyDashboard dashboard, OneStopForms forms, HolidayCalendarSource calendars, Dossiers dossiers, Decisions decisions, AgencyDirectory agencies, ProcedureCatalog catalog,
                      Messages messages, Clock clock, Attachments attachments,
                      WorkflowDiagram diagrams, LongerDeadlines longerDeadlines, PaidFees paidFees, FeesDue feesDue,
                      RefusedForms refusals) {
        this.refusals = refusals;
        this.longerDeadlines = longerDeadlines;
        this.paidFees = paidFees;
        this.feesDue = feesDue;
        this.attachments = attachments;
        this.diagrams = diagrams;
        this.dossiers = dossiers;
        this.decisions = decisions;
        this.agencies = agencies;
        this.catalog = catalog;
        this.messages = messages;
        this.clock = clock;
        this.dashboard = dashboard;
        this.forms = forms;
        this.calendars = calendars;
    }

    @GetMapping({"/officer", "/officer/queue"})
    String queue(@RequestParam(required = false) Integer status, @RequestParam(required = false) String procedure,
                 @RequestParam(required = false) QueueFilter.Scope scope, @RequestParam(required = false) QueueFilter.Due due,
                 @RequestParam(name = "q", required = false) String search, @RequestParam(defaultValue = "0") int page,
                 PortalUser officer, Model model) {
        QueueFilter filter = new QueueFilter(procedure, status, scope, due, search);
        model.addAttribute("agencies", agencies.agenciesOf(officer.username()));
        List<Dossier> queue = dossiers.queue(officer, filter, page);
        model.addAttribute("dossiers", queue);
        model.addAttribute("paidFees", paidFees.of(queue));
        model.addAttribute("exemptions", feesDue.exemptions(queue));
        model.addAttribute("filedLate", dossiers.filedLate(queue));
        model.addAttribute("filter", filter);
        model.addAttribute("status", status);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("pageSize", Dossiers.PAGE_SIZE);
        model.addAttribute("catalog", catalog);
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("today", today);
        model.addAttribute("nextWorkingDay", calendars.current().addWorkingDays(today, 1));
        return "officer/queue";
    }

    @GetMapping("/officer/dashboard")
    String dashboard(PortalUser officer, Model model) {
        model.addAttribute("agencies", agencies.agenciesOf(officer.username()));
        model.addAttribute("figures", dashboard.of(officer));
        // leaders (approvers) get a link to their agencies' statistics
        model.addAttribute("leadsAgency", agencies.agenciesOf(officer.username()).stream()
                .anyMatch(a -> agencies.rolesIn(officer.username(), a.id()).contains("APPROVER")));
        model.addAttribute("catalog", catalog);
        return "officer/dashboard";
    }

    @GetMapping("/officer/dossiers/{id}")
    String dossier(@PathVariable UUID id, PortalUser officer, Locale locale, Model model) {
        Dossier dossier = dossiers.forOfficer(officer, id);
        model.addAttribute("dossier", dossier);
        model.addAttribute("procedure", catalog.of(dossier));
        model.addAttribute("agency", agencies.find(dossier.agencyId()).orElseThrow());
        model.addAttribute("timeline", dossiers.officerTimeline(dossier));
        model.addAttribute("filedLate", dossiers.missedFilingDue(dossier));
        model.addAttribute("actions", dossier.assignee() == null || dossier.assignee().equals(officer.username())
                ? dossiers.actionsFor(officer, dossier) : java.util.List.of());
        model.addAttribute("colleagues", dossiers.colleagues(dossier));
        var workflow = catalog.of(dossier).workflow();
        // Requests for supplementation carry the date by which the citizen should answer.
        model.addAttribute("supplementEvents", workflow.transitions().stream()
                .filter(t -> workflow.statusOf(t.to()) == 5).map(t -> t.event()).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("defaultSupplementDue", decisions.defaultSupplementDue());
        // Listing the documents issues them, so each shows the verification code printed on it.
        model.addAttribute("documents", forms.issueAll(dossier));
        model.addAttribute("paid", paidFees.of(dossier).orElse(null));
        // A payment held for reconciliation: why the dossier still waits for it (admins close it, not the officer).
        model.addAttribute("paymentHeld", paidFees.heldOf(dossier).orElse(null));
        model.addAttribute("feeDue", feesDue.of(dossier));
        model.addAttribute("attachments", attachments.ofDossier(dossier));
        model.addAttribute("applicant", dossiers.applicantRecord(officer, dossier).orElse(null));
        model.addAttribute("involved", dossiers.othersInvolved(officer, dossier));
        model.addAttribute("outlook", dossiers.approvalOutlook(officer, dossier).orElse(null));
        model.addAttribute("repeats", dossiers.repeats(dossier));
        model.addAttribute("today", LocalDate.now(clock));
        // Each rendering's note form has an id of its own: a second post of it is the same note (Decisions).
        model.addAttribute("noteFormId", UUID.randomUUID());
        model.addAttribute("longerDeadline", dossier.assignee() == null || dossier.assignee().equals(officer.username())
                ? longerDeadlines.offer(dossier).orElse(null) : null);
        model.addAttribute("diagram", diagrams.draw(catalog.of(dossier),
                locale, dossier.state()));
        return "officer/dossier";
    }

    @PostMapping("/officer/dossiers/{id}/notes")
    String note(@PathVariable UUID id, @RequestParam(required = false) UUID formId,
                @RequestParam(defaultValue = "") String note, PortalUser officer, Locale locale, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        // The form shown again keeps its id: posting it then is still the one note (Decisions.addInternalNote). A
        // post without one is refused, and the form comes back with an id of its own, so that the next post is taken.
        PostedForm form = new PostedForm("note", "internal-note").field("note", "internal-note", note)
                .field("formId", "internal-note", formId != null ? formId : UUID.randomUUID());
        return attempt(id, form, "note.saved", () -> decisions.addInternalNote(officer, id, formId, note),
                officer, locale, model, response, redirect);
    }

    @PostMapping("/officer/dossiers/{id}/deadline")
    String extend(@PathVariable UUID id, @RequestParam(required = false) java.time.LocalDate newDate,
                  @RequestParam(defaultValue = "") String reason, @RequestParam int lockVersion, PortalUser officer,
                  Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        PostedForm form = new PostedForm("extension", "extension").field("newDate", "new-date", newDate)
                .field("reason", "extension-reason", reason);
        return attempt(id, form, "extension.done",
                () -> decisions.extendDeadline(officer, id, newDate, reason, lockVersion),
                officer, locale, model, response, redirect);
    }

    /** A button alone, nothing typed to keep: a refusal goes back to the dossier with the reason at the top. */
    @PostMapping("/officer/dossiers/{id}/longer-deadline")
    String applyLongerDeadline(@PathVariable UUID id, @RequestParam int lockVersion, PortalUser officer, Locale locale,
                               RedirectAttributes redirect) {
        try {
            longerDeadlines.apply(officer, id, lockVersion);
            redirect.addFlashAttribute("notice", messages.text("longerDeadline.done", null, locale));
        } catch (UserFacingException e) {
            if (e.isNotFound()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", messages.of(e, locale));
        }
        return "redirect:/officer/dossiers/" + id;
    }

    /** Claim, assign to a colleague, or release: who holds the dossier. */
    @PostMapping("/officer/dossiers/{id}/assignment")
    String assignment(@PathVariable UUID id, @RequestParam String action, @RequestParam(required = false) String colleague,
                      @RequestParam int lockVersion, PortalUser officer, Locale locale, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        PostedForm form = new PostedForm("assignment", "assignment").field("colleague", "colleague", colleague);
        return attempt(id, form, "assignment.done", () -> {
            switch (action) {
                case "claim" -> decisions.claim(officer, id, lockVersion);
                case "assign" -> decisions.assign(officer, id, colleague == null ? "" : colleague, lockVersion);
                case "release" -> decisions.release(officer, id, lockVersion);
                default -> throw UserFacingException.refused("error.badRequest");
            }
        }, officer, locale, model, response, redirect);
    }

    @PostMapping("/officer/dossiers/{id}/decisions")
    String decide(@PathVariable UUID id, @RequestParam String event, @RequestParam(defaultValue = "") String note,
                  @RequestParam(required = false) LocalDate supplementDue,
                  @RequestParam(required = false) String amountDue, @RequestParam int lockVersion,
                  PortalUser officer, Locale locale, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        // Each decision is a form of its own (fragments/dossier :: decisions); a refusal about the whole decision
        // links to the panel, which is there even when the decision no longer is.
        PostedForm form = new PostedForm("decision-" + event, "decisions").field("note", "note-" + event, note)
                .field("supplementDue", "due-" + event, supplementDue).field("amountDue", "amount-" + event, amountDue);
        return attempt(id, form, "decision.done",
                () -> decisions.decide(officer, id, event, note, supplementDue, amountDue, lockVersion),
                officer, locale, model, response, redirect);
    }

    /**
     * Runs what the officer posted; done, back to the dossier with {@code notice}. Refused, the dossier's page again
     * with the form as it was typed and the reason beside its field; the service changed nothing.
     */
    private String attempt(UUID id, PostedForm form, String notice, Runnable action, PortalUser officer, Locale locale,
                           Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            action.run();
        } catch (UserFacingException e) {
            refusals.show(e, form, model, locale, response);
            return dossier(id, officer, locale, model);
        }
        redirect.addFlashAttribute("notice", messages.text(notice, null, locale));
        return "redirect:/officer/dossiers/" + id;
    }
}
