/**
 * Files citizens attach to dossiers: type checked from the content, limits, a virus-scanner port, a storage port
 * (PostgreSQL now), the required documents of a procedure, and downloads scoped to the dossier's parties and agency.
 */
package vn.gov.portal.attachment;
