/** Append-only audit log: who did what to which dossier or population record, and when. */
package vn.gov.portal.audit;
