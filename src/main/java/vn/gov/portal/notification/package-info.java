/**
 * Telling citizens what happened to their dossiers: an in-app list and e-mail through a transactional outbox,
 * delivered over SMTP by a background job.
 */
package vn.gov.portal.notification;
