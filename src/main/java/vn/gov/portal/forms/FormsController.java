package vn.gov.portal.forms;

import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/** The PDF forms of a dossier, for its citizen and for the officers of its agency. */
@Controller
class FormsController {

    private final Dossiers dossiers;
    private final OneStopForms forms;

    FormsController(Dossiers dossiers, OneStopForms forms) {
        this.dossiers = dossiers;
        this.forms = forms;
    }

    @GetMapping("/my/dossiers/{id}/forms/{number}")
    ResponseEntity<byte[]> citizens(@PathVariable UUID id, @PathVariable String number, PortalUser citizen) {
        return pdf(dossiers.forCitizen(citizen, id), number);
    }

    @GetMapping("/officer/dossiers/{id}/forms/{number}")
    ResponseEntity<byte[]> officers(@PathVariable UUID id, @PathVariable String number, PortalUser officer) {
        return pdf(dossiers.forOfficer(officer, id), number);
    }

    private ResponseEntity<byte[]> pdf(Dossier dossier, String number) {
        OneStopForm form = OneStopForm.byNumber(number).orElseThrow(UserFacingException::notFound);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("mau-" + form.number() + "-" + dossier.receiptCode() + ".pdf").build().toString())
                .body(forms.render(dossier, form));
    }
}
