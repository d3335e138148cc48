package vn.gov.portal.notification;

import java.time.Instant;

/** One entry of the citizen's notification list, in the reader's language. */
public record NotificationView(long id, String title, String text, Instant createdAt, String link, boolean unread) {}
