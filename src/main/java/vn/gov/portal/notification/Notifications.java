package vn.gov.portal.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.identity.PortalUser;

/** The citizens' notifications: written with the dossier's event, listed and counted for their owner only. */
@Service
public class Notifications {

    /** The list shows the latest ones; older events stay on each dossier's timeline. */
    static final int LIST_SIZE = 100;

    private final JdbcClient jdbc;
    private final NotificationTexts texts;

    Notifications(JdbcClient jdbc, NotificationTexts texts) {
        this.jdbc = jdbc;
        this.texts = texts;
    }

    /**
     * Stores the notification of a timeline event for the citizen and, when there is an address, its mail in the
     * outbox. Only inside the transaction that wrote the event, so both commit with it or not at all.
     *
     * @return the notification's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    long record(long eventId, UUID dossierId, String recipient, Notice notice) {
        return recordOnce(eventId, dossierId, recipient, notice).orElseThrow();
    }

    /**
     * As {@link #record}, but empty when the recipient was already told of this event: the other party's notice is
     * asked for both by the submission and by an automatic first step into the same state.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Long> recordOnce(long eventId, UUID dossierId, String recipient, Notice notice) {
        return jdbc.sql("""
                        insert into notification (dossier_event_id, dossier_id, recipient, kind, receipt_code,
                            procedure_code, procedure_version, detail, due_date, link_path)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (dossier_event_id, recipient) do nothing returning id""")
                .params(eventId, dossierId, recipient, notice.kind().name(), notice.receiptCode(), notice.procedureCode(),
                        notice.procedureVersion(), notice.detail(), notice.dueDate(), notice.linkPath())
                .query(Long.class).optional();
    }

    /** Whether this person (a citizen's ID number, as the timeline records them) moved the dossier at some point. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean actedBy(UUID dossierId, String actor) {
        return jdbc.sql("select exists (select 1 from dossier_event where dossier_id = ? and actor = ?)")
                .params(dossierId, actor).query(Boolean.class).single();
    }

    /** The timeline event that put the dossier where it is now (the submission, or its automatic first step). */
    @Transactional(propagation = Propagation.MANDATORY)
    long latestEvent(UUID dossierId) {
        return jdbc.sql("select max(id) from dossier_event where dossier_id = ?").param(dossierId)
                .query(Long.class).single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void queueMail(long notificationId, String address, NotificationTexts.Mail mail, String messageIdDomain) {
        // Fixed now, so every attempt to send this row carries the same Message-ID.
        String messageId = "<" + UUID.randomUUID() + "@" + messageIdDomain + ">";
        jdbc.sql("""
                        insert into mail_outbox (notification_id, message_id, recipient, subject, body)
                        values (?, ?, ?, ?, ?)""")
                .params(notificationId, messageId, address, mail.subject(), mail.body()).update();
    }

    /**
     * The citizen's latest notifications, newest first. Looking changes nothing: a link preview or a prefetch of the
     * list must not clear the unread mark of a request the citizen has not read. Reading is {@link #markRead} and
     * {@link #open}, each a POST of the citizen's.
     */
    public List<NotificationView> list(PortalUser citizen, Locale locale) {
        return jdbc.sql("""
                        select id, kind, receipt_code, procedure_code, procedure_version, detail, due_date, link_path,
                               created_at, read_at
                        from notification where recipient = ? order by id desc limit ?""")
                .params(citizen.subject(), LIST_SIZE)
                .query((rs, row) -> view(rs, locale)).list();
    }

    /**
     * "Mark all as read": the ones the citizen's page showed, by their ids (not by an id range: one that arrived after
     * the page was drawn was not seen and stays unread). Others' ids are ignored; a repeat changes nothing.
     *
     * @return how many became read
     */
    @Transactional
    public int markRead(PortalUser citizen, List<Long> shown) {
        // An empty id in the request ("id=&id=5") binds as null: nothing to mark for it.
        long[] ids = shown.stream().filter(java.util.Objects::nonNull).mapToLong(Long::longValue).toArray();
        if (ids.length == 0) {
            return 0;
        }
        return jdbc.sql("update notification set read_at = now() where recipient = ? and read_at is null and id = any(?)")
                .params(citizen.subject(), ids).update();
    }

    /**
     * The citizen follows one notification: it is read, and the answer is where it leads (stored, never taken from
     * the request). Empty when it is not theirs.
     */
    @Transactional
    public Optional<String> open(PortalUser citizen, long id) {
        jdbc.sql("update notification set read_at = now() where id = ? and recipient = ? and read_at is null")
                .params(id, citizen.subject()).update();
        return jdbc.sql("select link_path from notification where id = ? and recipient = ?")
                .params(id, citizen.subject()).query(String.class).optional();
    }

    /** The header shows "99+" beyond this: counting further would cost every page of a busy account more. */
    public static final int UNREAD_SHOWN = 99;

    /**
     * For the header on every citizen page: one count on a partial index, stopped after {@link #UNREAD_SHOWN} + 1
     * (the benchmark's citizens, with thousands unread, spent a quarter of a page's database time counting them).
     */
    public int unread(PortalUser citizen) {
        return jdbc.sql("""
                        select count(*) from (select 1 from notification where recipient = ? and read_at is null
                                              limit ?) as shown""")
                .params(citizen.subject(), UNREAD_SHOWN + 1).query(Integer.class).single();
    }

    private NotificationView view(ResultSet rs, Locale locale) throws SQLException {
        Notice notice = new Notice(NotificationKind.valueOf(rs.getString("kind")), rs.getString("receipt_code"),
                rs.getString("procedure_code"), rs.getInt("procedure_version"), rs.getString("detail"),
                rs.getObject("due_date", LocalDate.class), rs.getString("link_path"));
        return new NotificationView(rs.getLong("id"), texts.title(notice, locale), texts.text(notice, locale),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(), notice.linkPath(),
                rs.getObject("read_at") == null);
    }
}
