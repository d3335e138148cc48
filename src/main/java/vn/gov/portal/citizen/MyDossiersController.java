package vn.gov.portal.citizen;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;
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
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.Supplementation;
import vn.gov.portal.dossier.ServiceRatings;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.forms.OneStopForm;
import vn.gov.portal.forms.OneStopForms;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.dossier.FeesDue;
import vn.gov.portal.payment.PaidFees;
import vn.gov.portal.web.Messages;

@Controller
class MyDossiersController {

    private final Dossiers dossiers;
    private final ProcedureCatalog catalog;
    private final Decisions decisions;
    private final AgencyDirectory agencies;
    private final OneStopForms forms;
    private final Messages messages;
    private final Clock clock;
    private final Supplementation supplementation;
    private final Attachments attachments;
    private final ServiceRatings ratings;
    private final PaidFees paidFees;
    private final FeesDue feesDue;

    MyDossiersController(Dossiers dossiers, ProcedureCatalog catalog, Decisions decisions,
                         AgencyDirectory agencies, OneStopForms forms, Messages messages, Clock clock,
                         Supplementation supplementation, Attachments attachments, ServiceRatings ratings,
                         PaidFees paidFees, FeesDue feesDue) {
        this.paidFees = paidFees;
        this.feesDue = feesDue;
        this.supplementation = supplementation;
        this.attachments = attachments;
        this.ratings = ratings;
        this.agencies = agencies;
        this.forms = forms;
        this.dossiers = dossiers;
        this.decisions = decisions;
        this.messages = messages;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/my/dossiers")
    String list(PortalUser citizen, Model model) {
        List<Dossier> all = dossiers.ofCitizen(citizen);
        model.addAttribute("dossiers", all);
        // Drafts, then those still in an agency's hands, then the finished ones.
        Map<String, List<Dossier>> groups = new LinkedHashMap<>();
        groups.put("drafts", all.stream().filter(Dossier::isDraft).toList());
        groups.put("open", all.stream().filter(Dossier::isOpen).toList());
        groups.put("closed", all.stream().filter(d -> !d.isDraft() && !d.isOpen()).toList());
        model.addAttribute("groups", groups);
        model.addAttribute("catalog", catalog);
        model.addAttribute("today", LocalDate.now(clock));
        return "citizen/my-dossiers";
    }

    /**
     * The confirmation right after the citizen sent the dossier: the receipt code, the agency, the appointment, the fee
     * and the receipt. Only what is needed now, so that sending stays cheap; the dossier's page has the rest.
     */
    @GetMapping("/my/dossiers/{id}/submitted")
    String submitted(@PathVariable UUID id, PortalUser citizen, Model model, Locale locale) {
        Dossier dossier = dossiers.forCitizen(citizen, id);
        if (dossier.isDraft()) {
            return "redirect:/my/dossiers/" + id;
        }
        model.addAttribute("dossier", dossier);
        var procedure = catalog.of(dossier);
        model.addAttribute("procedure", procedure);
        model.addAttribute("receiptForm", forms.receiptOnConfirmation(dossier).map(OneStopForm::number).orElse(null));
        model.addAttribute("awaitingParty", awaitingParty(citizen, dossier, procedure));
        model.addAttribute("agencyName", dossier.agencyId() == null ? null
                : agencies.find(dossier.agencyId()).map(a -> a.name(locale)).orElse(null));
        addActions(model, dossiers.actionsFor(citizen, dossier));
        model.addAttribute("paid", paidFees.of(dossier).orElse(null));
        model.addAttribute("feeDue", feesDue.of(dossier));
        model.addAttribute("filedLate", dossiers.missedFilingDue(dossier));
        model.addAttribute("today", LocalDate.now(clock));
        return "citizen/submitted";
    }

    @GetMapping("/my/dossiers/{id}")
    String show(@PathVariable UUID id, PortalUser citizen, Model model, Locale locale) {
        Dossier dossier = dossiers.forCitizen(citizen, id);
        model.addAttribute("dossier", dossier);
        ProcedureDefinition procedure = catalog.of(dossier);
        model.addAttribute("procedure", procedure);
        model.addAttribute("awaitingParty", awaitingParty(citizen, dossier, procedure));
        model.addAttribute("timeline", dossiers.timeline(dossier));
        boolean supplementEditable = supplementation.editable(dossier)
                && dossier.applicantIdNumber().equals(citizen.subject());
        model.addAttribute("supplementRequest", supplementation.request(dossier).orElse(null));
        model.addAttribute("supplementEditable", supplementEditable);
        // A supplement the citizen can correct the form for is sent from its own page, not with a bare button.
        var resubmission = supplementation.resubmission(dossier);
        addActions(model, dossiers.actionsFor(citizen, dossier).stream()
                .filter(t -> !supplementEditable || !resubmission.map(t::equals).orElse(false)).toList());
        model.addAttribute("attachments", attachments.ofCitizensDossier(dossier));
        // The supplement upload forms' id for this rendering: a second post of one is the same upload (Attachments).
        model.addAttribute("uploadId", UUID.randomUUID());
        // Listing the documents issues them, so each shows the verification code printed on it.
        model.addAttribute("documents", forms.issueAll(dossier));
        model.addAttribute("paid", paidFees.of(dossier).orElse(null));
        // A payment being reconciled: the citizen is told so instead of being offered to pay again.
        paidFees.heldOf(dossier).ifPresent(held -> {
            model.addAttribute("paymentHeld", held);
            model.addAttribute("payment", null);
        });
        model.addAttribute("feeDue", feesDue.of(dossier));
        model.addAttribute("rating", ratings.of(dossier).orElse(null));
        model.addAttribute("mayRate", ratings.mayRate(citizen, dossier));
        List<Dossier> steps = dossiers.steps(dossier);
        model.addAttribute("steps", steps);
        // By position in the group (1-based): a step the citizen did not claim leaves a gap.
        model.addAttribute("stepAt", steps.stream().collect(Collectors.toMap(Dossier::stepIndex, s -> s)));
        model.addAttribute("stepAgencies", steps.stream().collect(Collectors.toMap(Dossier::id,
                s -> agencies.find(s.agencyId()).map(a -> a.name(locale)).orElse(""))));
        model.addAttribute("stepActions", steps.stream().collect(Collectors.toMap(Dossier::id,
                s -> dossiers.actionsFor(citizen, s))));
        model.addAttribute("stepAttachments", steps.stream().collect(Collectors.toMap(Dossier::id, attachments::ofDossier)));
        model.addAttribute("catalog", catalog);
        model.addAttribute("filedLate", dossiers.missedFilingDue(dossier));
        model.addAttribute("today", LocalDate.now(clock));
        return "citizen/dossier";
    }

    /**
     * The applicant's dossier waits for the other party (marriage: the partner confirms): the agency has not received
     * it, so there is no receipt nor appointment yet and the page says why. The party sees their own actions instead.
     */
    private static boolean awaitingParty(PortalUser citizen, Dossier dossier, ProcedureDefinition procedure) {
        return !dossier.isDraft() && citizen.subject().equals(dossier.applicantIdNumber())
                && procedure.workflow().awaitsParty(dossier.state());
    }

    /**
     * The citizen's actions on the dossier: the payment the workflow waits for, if any, apart from the other decisions
     * (a payment has a form of its own). Split here: in the page's expressions the selection cost 4% of the portal's
     * CPU at submissions (docs/performance.md, "Twelfth round").
     */
    private static void addActions(Model model, List<Transition> actions) {
        model.addAttribute("payment", actions.stream().filter(Transition::payment).findFirst().orElse(null));
        model.addAttribute("decisions", actions.stream().filter(t -> !t.payment()).toList());
    }

    /** The citizen's own steps: withdraw, pay, confirm as the other party. */
    @PostMapping("/my/dossiers/{id}/actions")
    String act(@PathVariable UUID id, @RequestParam String event, @RequestParam(defaultValue = "") String note,
               @RequestParam int lockVersion, PortalUser citizen, Locale locale, RedirectAttributes redirect) {
        Dossier dossier = dossiers.forCitizen(citizen, id);
        try {
            decisions.act(citizen, id, event, note, lockVersion);
            redirect.addFlashAttribute("notice", messages.text("citizen.actionDone", null, locale));
        } catch (UserFacingException e) {
            if (e.isNotFound()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", messages.of(e, locale));
        }
        // A step of a group is followed on the group's page, where the citizen acted.
        return "redirect:/my/dossiers/" + (dossier.parentId() != null ? dossier.parentId() : id);
    }
}
