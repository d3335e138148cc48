/**
 * Reference data admins maintain in the browser: agencies, staff accounts and their roles, the holiday calendar and
 * the administrative units. Every change is checked first (all problems at once, nothing written), then written with
 * its audit entry (before and after) in one transaction. Readers elsewhere hold agencies, holidays and administrative
 * units in memory (AgencyDirectory, HolidayCalendarSource, AdminUnitCache) and read them again once a change here
 * commits, and within a minute of a change through another instance; staff and roles they read fresh, so a change
 * applies without a restart.
 */
package vn.gov.portal.reference;
