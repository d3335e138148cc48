package vn.gov.portal.dossier;

import java.time.LocalDate;

/**
 * An officer extended a dossier's appointment with a reason (see {@link DossierMoved} for when listeners run).
 *
 * @param before  the dossier with its previous appointment date
 * @param eventId the timeline event recording the extension
 */
public record DeadlineExtended(Dossier before, long eventId, LocalDate newDate, String reason) {}
