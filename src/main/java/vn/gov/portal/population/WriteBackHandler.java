package vn.gov.portal.population;

/**
 * Writes the outcome of an approved procedure back to the population register. Runs inside the transaction of the
 * approving transition: if it fails, the approval does not happen either. A write the register would refuse ({@link
 * RegisterConflict}) may refuse the filing already ({@link FilingCheck}); {@link #apply} checks again at the approval.
 */
public interface WriteBackHandler extends FilingCheck {

    /** The name procedure definitions use in {@code writeBack:}. */
    String name();

    void apply(CompletedDossier dossier);

    /**
     * What {@link #apply} would write for this dossier if it were approved now, said to the officers of the agency
     * deciding it (never to the citizen: it may tell about a person typed by number). Empty when there is nothing to
     * say beyond the answers.
     */
    default java.util.Optional<WriteBackOutlook> outlook(IdNumber applicant, java.util.Map<String, String> answers) {
        return java.util.Optional.empty();
    }

    /** The answers the handler adds to the dossier ({@link CompletedDossier#output}), which later group steps may use. */
    default java.util.Set<String> outputs() {
        return java.util.Set.of();
    }
}
