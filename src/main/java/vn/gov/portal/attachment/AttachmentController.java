package vn.gov.portal.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.web.Messages;

/** Uploads onto a draft or a dossier in supplementation, removal from a draft, and downloads for both sides. */
@Controller
class AttachmentController {

    private final Attachments attachments;
    private final ProcedureCatalog catalog;
    private final Messages messages;
    private final Dossiers dossiers;

    AttachmentController(Attachments attachments, ProcedureCatalog catalog, Messages messages, Dossiers dossiers) {
        this.dossiers = dossiers;
        this.attachments = attachments;
        this.catalog = catalog;
        this.messages = messages;
    }

    @PostMapping("/procedures/{code}/apply/attachments")
    String attachToDraft(@PathVariable String code, @RequestParam UUID formId, @RequestParam String documentId,
                         @RequestParam(required = false) UUID uploadId, @RequestParam(required = false) MultipartFile file,
                         PortalUser citizen, Locale locale, RedirectAttributes redirect) {
        ProcedureDefinition definition = catalog.find(code).orElseThrow(UserFacingException::notFound);
        try {
            Attachment added = attachments.attachToDraft(citizen, definition, formId, documentId, upload(file, uploadId));
            redirect.addFlashAttribute("notice", messages.text("attachment.added", new Object[] {added.fileName()}, locale));
        } catch (UserFacingException e) {
            if (e.isNotFound()) {
                throw e;
            }
            // Shown in the form's error summary and at the upload field (a list of records survives the session).
            redirect.addFlashAttribute("errors",
                    List.of(new Messages.FieldMessage(Attachments.fieldOf(documentId), messages.of(e, locale))));
        }
        return "redirect:/procedures/" + definition.code() + "/apply?step=documents";
    }

    @PostMapping("/procedures/{code}/apply/attachments/{attachmentId}/delete")
    String removeFromDraft(@PathVariable String code, @PathVariable UUID attachmentId, PortalUser citizen,
                           Locale locale, RedirectAttributes redirect) {
        ProcedureDefinition definition = catalog.find(code).orElseThrow(UserFacingException::notFound);
        attachments.removeFromDraft(citizen, attachmentId);
        redirect.addFlashAttribute("notice", messages.text("attachment.removed", null, locale));
        return "redirect:/procedures/" + definition.code() + "/apply?step=documents";
    }

    /** Papers the agency asked for: added on the dossier page while it waits for the supplement (status 5). */
    @PostMapping("/my/dossiers/{id}/attachments")
    String addSupplement(@PathVariable UUID id, @RequestParam String documentId,
                         @RequestParam(required = false) UUID uploadId, @RequestParam(required = false) MultipartFile file,
                         PortalUser citizen, Locale locale, RedirectAttributes redirect) {
        Dossier dossier = dossiers.forCitizen(citizen, id);
        try {
            Attachment added = attachments.addSupplement(citizen, id, documentId, upload(file, uploadId));
            redirect.addFlashAttribute("notice", messages.text("attachment.added", new Object[] {added.fileName()}, locale));
        } catch (UserFacingException e) {
            if (e.isNotFound()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", messages.of(e, locale));
        }
        // A step of a group is followed on the group's page, where the citizen sent it.
        return "redirect:/my/dossiers/" + (dossier.parentId() != null ? dossier.parentId() : id);
    }

    @GetMapping("/my/dossiers/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> citizenDownload(@PathVariable UUID id, @PathVariable UUID attachmentId, PortalUser citizen) {
        return file(attachments.forCitizen(citizen, id, attachmentId));
    }

    @GetMapping("/officer/dossiers/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> officerDownload(@PathVariable UUID id, @PathVariable UUID attachmentId, PortalUser officer) {
        return file(attachments.forOfficer(officer, id, attachmentId));
    }

    /** Always a download with the type found in the content, never rendered by the browser as something else. */
    private static ResponseEntity<byte[]> file(Attachments.Download download) {
        Attachment attachment = download.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(attachment.type().mediaType()))
                .contentLength(download.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, FileNames.contentDisposition(attachment.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(download.content());
    }

    /** The upload form's id (rendered into it by the page) makes a repeat of the same post store nothing more. */
    private static Attachments.Upload upload(MultipartFile file, UUID uploadId) {
        if (file == null) {
            return new Attachments.Upload("", new byte[0], uploadId);
        }
        try {
            return new Attachments.Upload(file.getOriginalFilename(), file.getBytes(), uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
