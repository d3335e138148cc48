package vn.gov.portal.population;

import java.util.List;

/**
 * What the register already holds that would make an officer refuse a dossier's approval (the birth is already
 * registered), found when the citizen submits it: the answer it is about, a message code of the portal's bundles for
 * the citizen and its arguments.
 */
public record FilingConflict(String answer, String code, List<Object> args) {}
