/** Citizens' filings: drafts, prefilled answers, validation, submission with receipt codes, decisions, timeline. */
package vn.gov.portal.dossier;
