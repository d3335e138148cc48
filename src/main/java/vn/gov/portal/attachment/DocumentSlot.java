package vn.gov.portal.attachment;

import java.util.List;
import vn.gov.portal.catalog.ProcedureDefinition.Document;

/**
 * One paper of the procedure as the pages show it: the files attached for it, or, when the population register can
 * prove it, the note that the agency checks it there (nothing to upload).
 */
public record DocumentSlot(Document document, List<Attachment> files) {

    /** The id of the upload field, which the error summary links to ("#field-attachment-…"). */
    public String fieldId() {
        return Attachments.fieldOf(document.id());
    }

    public boolean checkedInRegister() {
        return document.verifiableInRegister();
    }

    public boolean missing() {
        return document.required() && !document.verifiableInRegister() && files.isEmpty();
    }
}
