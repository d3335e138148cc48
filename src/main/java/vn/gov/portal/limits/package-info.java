/**
 * Limits that protect the portal from one person's flood: submissions, uploads and look-ups of other people by number
 * per person in a sliding window, counted in PostgreSQL so that all portal instances share them (docs/security.md, "Limits, sessions and faults").
 */
package vn.gov.portal.limits;
