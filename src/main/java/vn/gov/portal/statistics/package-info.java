/**
 * Figures about dossiers for admins (all agencies), agency leaders (the agencies they lead) and the public page:
 * submitted, completed, on time, processing time, overdue, citizens' ratings; as tables, charts and CSV.
 */
package vn.gov.portal.statistics;
