package vn.gov.portal.dossier;

import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.identity.PortalUser;

/**
 * The e-ID level a citizen needs to change a dossier that was submitted: the level its procedure requires to file. An
 * unverified level-1 login can be anyone, so it may read its dossiers but not act on them: no step (withdraw, confirm
 * as the other party), no supplement and no papers for the agency, no payment, no rating. Every citizen write on a
 * submitted dossier asks this one check, so none can skip it.
 */
@Component
public class ActingLevel {

    private final ProcedureCatalog catalog;

    ActingLevel(ProcedureCatalog catalog) {
        this.catalog = catalog;
    }

    /** Refuses ({@code filing.levelTooLowToAct}) a citizen below the level of the dossier's procedure version. */
    public void check(PortalUser citizen, Dossier dossier) {
        int required = catalog.of(dossier).eidLevel();
        if (citizen.eidLevel() < required) {
            throw UserFacingException.refused("filing.levelTooLowToAct", required);
        }
    }
}
