package vn.gov.portal.dossier;

/**
 * A payment attempt held for reconciliation was found unpaid by the people who reconcile it (see {@link DossierMoved}
 * for when listeners run).
 *
 * @param dossier    the dossier, unchanged
 * @param eventId    the timeline event recording it
 * @param mayPayAgain whether the dossier still awaits payment, so the applicant can pay again
 */
public record PaymentFoundUnpaid(Dossier dossier, long eventId, boolean mayPayAgain) {}
