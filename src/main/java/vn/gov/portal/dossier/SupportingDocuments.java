package vn.gov.portal.dossier;

import java.util.List;
import java.util.UUID;
import vn.gov.portal.catalog.ProcedureDefinition;

/**
 * The papers a dossier must carry before it goes: implemented where attachments are kept (package attachment), so
 * that filing does not depend on how files are stored.
 */
public interface SupportingDocuments {

    /** One problem per required document (not provable from the register) that has no file on the draft yet. */
    List<FieldProblem> missing(ProcedureDefinition definition, UUID draftId);

    /** The ids of the documents the draft has a file for. */
    java.util.Set<String> attached(UUID draftId);
}
