package vn.gov.portal.notification;

import java.time.LocalDate;

/**
 * What one notification says, as stored; the words come from the message bundles when it is shown or mailed.
 *
 * @param detail  what the citizen is asked to supplement, or the reason (refusal, stop, extension); null if none
 * @param dueDate supplement by, or the new appointment; null if none
 */
record Notice(NotificationKind kind, String receiptCode, String procedureCode, int procedureVersion, String detail,
              LocalDate dueDate, String linkPath) {}
