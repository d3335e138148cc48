package vn.gov.portal.dossier;

/**
 * A citizen submitted a dossier. Published by {@link Filing} inside the submission's transaction; listeners that write
 * run synchronously in it, so that what they write commits with the dossier or not at all.
 *
 * @param dossier the dossier as submitted (after any automatic first steps of its workflow)
 */
public record DossierSubmitted(Dossier dossier) {}
