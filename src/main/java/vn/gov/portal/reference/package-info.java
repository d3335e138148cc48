/**
 * Reference data admins maintain in the browser: agencies, staff accounts and their roles, the holiday calendar and
 * the administrative units. Every change is checked first (all problems at once, nothing written), then written with
 * its audit entry (before and after) in one transaction. Readers elsewhere (AgencyDirectory, HolidayCalendarSource,
 * the population register) read these tables fresh, so a change applies without a restart.
 */
package vn.gov.portal.reference;
