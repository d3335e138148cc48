package vn.gov.portal.citizen;

import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.dossier.ServiceRatings;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.web.Messages;

/** The applicant rates the service on the dossier page; problems come back to that page, linked to their field. */
@Controller
class RatingController {

    private final ServiceRatings ratings;
    private final Messages messages;

    RatingController(ServiceRatings ratings, Messages messages) {
        this.ratings = ratings;
        this.messages = messages;
    }

    @PostMapping("/my/dossiers/{id}/rating")
    String rate(@PathVariable UUID id, @RequestParam(required = false) String score,
                @RequestParam(required = false) String comment, PortalUser citizen, Locale locale,
                RedirectAttributes redirect) {
        try {
            ratings.rate(citizen, id, score, comment);
            redirect.addFlashAttribute("notice", messages.text("rating.thanks", null, locale));
            return "redirect:/my/dossiers/" + id + "#rating";
        } catch (UserFacingException e) {
            if (e.isNotFound()) {
                throw e;
            }
            // Flash attributes live in the (JDBC-stored) session, so they are plain strings.
            redirect.addFlashAttribute("ratingField", e.code().equals("rating.commentTooLong") ? "rating-comment" : "rating-score-5");
            redirect.addFlashAttribute("ratingProblem", messages.of(e, locale));
            redirect.addFlashAttribute("ratingComment", comment);
            // The error summary as the address's fragment: the browser focuses it there. (With "#rating", a section
            // that takes no focus, the browser moved the focus back to the page after portal.js had set it.)
            return "redirect:/my/dossiers/" + id + "#rating-error-summary";
        }
    }
}
