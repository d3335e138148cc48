package vn.gov.portal.dossier;

import java.time.LocalDate;
import vn.gov.portal.catalog.ProcedureDefinition.Longer;

/**
 * An officer applied the procedure's lawful longer deadline to a dossier (see {@link DossierMoved} for when listeners
 * run): not a late dossier, so no apology.
 *
 * @param before  the dossier with its previous appointment date
 * @param eventId the timeline event recording it
 */
public record LongerDeadlineApplied(Dossier before, long eventId, LocalDate newDate, Longer longer) {}
