package vn.gov.portal.dossier;

/**
 * A citizen's step was refused by the register and, since the dossier could never go on, the portal ended it (the
 * transition's {@code whenRefused}). Unlike other refusals the end is committed; the code is what this citizen may
 * read of the reason: their own record's condition, one of both, or a neutral message.
 */
public class DossierEnded extends UserFacingException {

    DossierEnded(String code) {
        super(code);
    }
}
