/**
 * Administration: what an admin maintains in the browser without a developer or a restart — procedure definitions
 * and their versions, reference data (agencies, staff, holidays, administrative units) and statistics. Every change
 * is audited with its before and after.
 */
package vn.gov.portal.admin;
