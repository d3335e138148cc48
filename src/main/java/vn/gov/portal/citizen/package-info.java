/** Citizen pages: the procedure catalogue, filing a form, and following one's dossiers. */
package vn.gov.portal.citizen;
