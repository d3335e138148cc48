/** Officer pages: the agency queue, a dossier with its timeline, and the decisions the officer may take. */
package vn.gov.portal.officer;
