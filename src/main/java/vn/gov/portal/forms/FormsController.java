package vn.gov.portal.forms;

import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/** The PDF forms of a dossier, for its citizen and for the officers of its agency (05 for the officers only). */
@Controller
class FormsController {

    private final Dossiers dossiers;
    private final OneStopForms forms;
    private final ControlSheet controlSheets;

    FormsController(Dossiers dossiers, OneStopForms forms, ControlSheet controlSheets) {
        this.dossiers = dossiers;
        this.forms = forms;
        this.controlSheets = controlSheets;
    }

    @GetMapping("/my/dossiers/{id}/forms/{number}")
    ResponseEntity<byte[]> citizens(@PathVariable UUID id, @PathVariable String number, PortalUser citizen) {
        return pdf(dossiers.forCitizen(citizen, id), number);
    }

    @GetMapping("/officer/dossiers/{id}/forms/{number}")
    ResponseEntity<byte[]> officers(@PathVariable UUID id, @PathVariable String number, PortalUser officer) {
        return pdf(dossiers.forOfficer(officer, id), number);
    }

    /** Form 05, the processing control sheet: the agency's record of the dossier's handovers, never the citizen's. */
    @GetMapping("/officer/dossiers/{id}/control-sheet")
    ResponseEntity<byte[]> controlSheet(@PathVariable UUID id, PortalUser officer) {
        Dossier dossier = dossiers.forOfficer(officer, id);
        return PdfResponse.inline("mau-05-" + dossier.receiptCode(), controlSheets.render(dossier));
    }

    private ResponseEntity<byte[]> pdf(Dossier dossier, String number) {
        OneStopForm form = OneStopForm.byNumber(number).orElseThrow(UserFacingException::notFound);
        return PdfResponse.inline("mau-" + form.number() + "-" + dossier.receiptCode(), forms.render(dossier, form));
    }

}
