package vn.gov.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.devstack.mail.MailCatcher;
import vn.gov.devstack.mail.MailRelay;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.workflow.HolidayCalendarSource;

/** The citizen is told what happened to their dossier: in the portal, and by mail through the outbox, exactly once. */
class NotificationsTest extends PortalIntegrationTest {

    private static final String HOAN_KIEM = "00308";
    private static final PortalUser RECEIVER = officer("ca.00308.tiepnhan");
    private static final PortalUser HANDLER = officer("ca.00308.xuly");

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    MailOutbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    HolidayCalendarSource calendar;
    @Autowired
    MockMvc mvc;
    @Autowired
    Notifications notifications;
    @Autowired
    JavaMailSenderImpl portalSender;
    @Autowired
    MailSettings settings;

    private Dossier submitted(PortalUser citizen, Map<String, String> answers) {
        return ((Filing.Submitted) filing.submit(citizen, catalog.find("temporary-residence").orElseThrow(),
                UUID.randomUUID(), answers)).dossier();
    }

    private Dossier submitted(int offset) {
        return submitted(citizen(freeAdult(offset), 2), temporaryResidence("01", HOAN_KIEM));
    }

    private record Outboxed(long id, String messageId, String recipient, String subject, String body, int attempts,
                            boolean sent, String lastError, boolean waiting) {}

    private List<Outboxed> outboxOf(UUID dossierId) {
        return jdbc.sql("""
                        select o.id, o.message_id, o.recipient, o.subject, o.body, o.attempts, o.sent_at is not null as sent,
                               o.last_error, o.next_attempt_at > now() as waiting
                        from mail_outbox o join notification n on n.id = o.notification_id
                        where n.dossier_id = ? order by o.id""")
                .param(dossierId)
                .query((rs, row) -> new Outboxed(rs.getLong("id"), rs.getString("message_id"), rs.getString("recipient"),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"), rs.getBoolean("sent"),
                        rs.getString("last_error"), rs.getBoolean("waiting")))
                .list();
    }

    /**
     * Sends what earlier tests left, then files {@code count} dossiers (people from {@code firstOffset} on) and has
     * them received: each queues one mail, and only those are due.
     */
    private List<Dossier> receivedWithOnlyTheirMailsDue(int firstOffset, int count) {
        outbox.deliverDue();
        List<Dossier> dossiers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Dossier d = submitted(firstOffset + i);
            dossiers.add(decisions.decide(RECEIVER, d.id(), "receive", "", d.lockVersion()));
        }
        return dossiers;
    }

    private List<Outboxed> mailsOf(List<Dossier> dossiers) {
        return dossiers.stream().flatMap(d -> outboxOf(d.id()).stream()).toList();
    }

    private long received(MailCatcher catcher, String messageId) {
        return catcher.received().stream().filter(m -> messageId.equals(m.messageId())).count();
    }

    @Test
    void theOutboxDeliversExactlyOnceWhenTheMailServerIsDownAndComesBack() throws Exception {
        MailCatcher catcher = stack().mail();
        outbox.deliverDue();   // what earlier tests left, so that only this test's mails are due below
        Dossier received = submitted(1100);
        Dossier refused = submitted(1101);
        Dossier supplement = submitted(1102);
        catcher.stop();
        try {
            decisions.decide(RECEIVER, received.id(), "receive", "", received.lockVersion());
            decisions.decide(RECEIVER, refused.id(), "refuse", "Ảnh chụp giấy tờ bị mờ", refused.lockVersion());
            Dossier s = decisions.decide(RECEIVER, supplement.id(), "receive", "", supplement.lockVersion());
            decisions.decide(HANDLER, s.id(), "request-supplement", "Bản sao hợp đồng thuê nhà", s.lockVersion());

            assertThat(outbox.deliverDue()).as("the server is down").isZero();
            List<Outboxed> mails = mailsOf(List.of(received, refused, supplement));
            assertThat(mails).hasSize(4);   // received, refused; received and supplement requested
            assertThat(mails).noneMatch(Outboxed::sent);
            assertThat(mails).anySatisfy(m -> {
                assertThat(m.attempts()).isPositive();
                assertThat(m.lastError()).isNotBlank();
                assertThat(m.waiting()).as("retried later").isTrue();
            });
            assertThat(catcher.received()).noneMatch(m -> mails.stream().anyMatch(o -> o.messageId().equals(m.messageId())));
        } finally {
            catcher.restart();
        }

        // The back-off has passed: every mail is due again, and two deliveries race for them.
        List<Long> ids = List.of(received, refused, supplement).stream().flatMap(d -> outboxOf(d.id()).stream())
                .map(Outboxed::id).toList();
        jdbc.sql("update mail_outbox set next_attempt_at = now() where id in (:ids)").param("ids", ids).update();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> delivery = () -> {
                start.await();
                return outbox.deliverDue();
            };
            List<Future<Integer>> runs = List.of(pool.submit(delivery), pool.submit(delivery));
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        outbox.deliverDue();

        List<Outboxed> mails = mailsOf(List.of(received, refused, supplement));
        assertThat(mails).hasSize(4).allMatch(Outboxed::sent);
        for (Outboxed mail : mails) {
            assertThat(received(catcher, mail.messageId())).as("mail " + mail.subject()).isEqualTo(1);
        }
    }

    @Test
    void oneConnectionCarriesTheDueMailsAndAServerThatHangsUpGetsANewOne() throws Exception {
        MailCatcher catcher = stack().mail();
        List<Dossier> dossiers = receivedWithOnlyTheirMailsDue(1130, 4);

        try (MailRelay relay = new MailRelay(catcher.port())) {
            // The third mail finds the connection closed by the server (it goes once more over a new one).
            relay.hangUpAt("MAIL FROM", 3);
            int sent = outboxThrough(relay, 1).deliverDue();

            List<Outboxed> mails = mailsOf(dossiers);
            assertThat(mails).hasSize(4).allMatch(Outboxed::sent).allMatch(m -> m.attempts() == 1);
            for (Outboxed mail : mails) {
                assertThat(received(catcher, mail.messageId())).as("mail " + mail.id()).isEqualTo(1);
            }
            assertThat(sent).isEqualTo(4);
            assertThat(relay.connections()).as("two mails on the first connection, two on the second").isEqualTo(2);
        }
    }

    /** A recipient the server refuses fails that mail alone; the next goes on over the same connection. */
    @Test
    void aRefusedRecipientFailsItsMailOnlyAndTheConnectionCarriesOn() throws Exception {
        MailCatcher catcher = stack().mail();
        List<Dossier> dossiers = receivedWithOnlyTheirMailsDue(2220, 3);

        try (MailRelay relay = new MailRelay(catcher.port())) {
            relay.refuseRecipient(2);
            int sent = outboxThrough(relay, 1).deliverDue();

            List<Outboxed> mails = mailsOf(dossiers);
            assertThat(mails).hasSize(3);
            Outboxed refused = mails.stream().filter(m -> !m.sent()).findFirst().orElseThrow();
            assertThat(refused.attempts()).isEqualTo(1);
            assertThat(refused.lastError()).contains("550");
            assertThat(refused.waiting()).as("retried later").isTrue();
            assertThat(received(catcher, refused.messageId())).isZero();
            assertThat(mails).filteredOn(Outboxed::sent).hasSize(2)
                    .allSatisfy(m -> assertThat(received(catcher, m.messageId())).isEqualTo(1));
            assertThat(sent).isEqualTo(2);
            assertThat(relay.connections()).as("one connection for all three").isEqualTo(1);

            // Its retry is due (the address accepted now): it goes, once.
            jdbc.sql("update mail_outbox set next_attempt_at = now() where id = ?").param(refused.id()).update();
            assertThat(outbox.deliverDue()).isEqualTo(1);
            assertThat(received(catcher, refused.messageId())).isEqualTo(1);
        }
    }

    /**
     * The connection breaks after the end of a mail went out and before the server's answer: the server may have the
     * mail, so it is not sent again at once but after its back-off, with the same Message-ID (one of the two cases
     * of a mail that arrives twice, docs/operations.md). The next mail finds the connection gone before the server
     * has any of it, and goes over a new one at once.
     */
    @Test
    void aMailWhoseAnswerWasLostIsNotSentAgainAtOnce() throws Exception {
        MailCatcher catcher = stack().mail();
        List<Dossier> dossiers = receivedWithOnlyTheirMailsDue(2225, 3);

        try (MailRelay relay = new MailRelay(catcher.port())) {
            relay.loseReplyToMailEnd(2);
            int sent = outboxThrough(relay, 1).deliverDue();

            List<Outboxed> mails = mailsOf(dossiers);
            Outboxed unanswered = mails.stream().filter(m -> !m.sent()).findFirst().orElseThrow();
            assertThat(unanswered.attempts()).isEqualTo(1);
            assertThat(unanswered.waiting()).as("retried after its back-off").isTrue();
            assertThat(received(catcher, unanswered.messageId())).as("the server had it").isEqualTo(1);
            assertThat(mails).filteredOn(Outboxed::sent).hasSize(2)
                    .allSatisfy(m -> assertThat(received(catcher, m.messageId())).isEqualTo(1));
            assertThat(sent).isEqualTo(2);
            assertThat(relay.connections()).isEqualTo(2);

            jdbc.sql("update mail_outbox set next_attempt_at = now() where id = ?").param(unanswered.id()).update();
            assertThat(outbox.deliverDue()).isEqualTo(1);
            assertThat(received(catcher, unanswered.messageId())).as("the same message again").isEqualTo(2);
        }
    }

    /**
     * Mails due at the same moment (queued again together by one UPDATE, as an operator does after an outage) are
     * claimed one by one straight from the index, not sorted as a whole for every claim.
     */
    @Test
    void aClaimAmongManyMailsDueAtOnceReadsTheIndexWithoutSorting() {
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("set local session_replication_role = replica").update();   // mails without notifications
            jdbc.sql("""
                    insert into mail_outbox (notification_id, message_id, recipient, subject, body, next_attempt_at)
                    select -g, '<test-' || g || '@dichvucong.dev>', 'cong.dan@example.vn', 'Thư', repeat('Nội dung. ', 90),
                           now() - interval '1 minute'
                    from generate_series(1, 5000) g""").update();
            String plan = String.join("\n", jdbc.sql("explain " + MailOutbox.CLAIM).param("lease", 600.0)
                    .query(String.class).list());
            assertThat(plan).contains("mail_outbox_due").doesNotContain("Sort");
        });
    }

    @Test
    void theMailSocketsSendAtOnce() throws Exception {
        // The portal's mail session makes its sockets with the factory (without falling back to plain ones: the other
        // tests' mails went through it), and the factory's sockets have Nagle's algorithm off, which kept each mail's
        // last bytes back until the server acknowledged the body.
        assertThat(portalSender.getSession().getProperty("mail.smtp.socketFactory.class"))
                .isEqualTo(NoDelaySocketFactory.class.getName());
        assertThat(portalSender.getSession().getProperty("mail.smtp.socketFactory.fallback")).isEqualTo("false");
        try (java.net.Socket socket = NoDelaySocketFactory.getDefault().createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }

    /**
     * A relay in another city costs each mail four round trips: the outbox sends over several connections at once,
     * each mail on one of them exactly once, and a mail being sent holds no database connection.
     */
    @Test
    void severalConnectionsSendAtOnceAndEachMailGoesOnce() throws Exception {
        MailCatcher catcher = stack().mail();
        List<Dossier> dossiers = receivedWithOnlyTheirMailsDue(2200, 16);

        try (MailRelay relay = new MailRelay(catcher.port())) {
            relay.delay(Duration.ofMillis(50));   // a 100 ms round trip: each mail takes a connection at least 400 ms
            MailOutbox fourConnections = outboxThrough(relay, 4);
            ExecutorService delivery = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> sent = delivery.submit(fourConnections::deliverDue);
                // While the mails are on the wire, no claim's transaction is left open holding its row.
                long mostHeld = 0;
                while (!sent.isDone()) {
                    mostHeld = Math.max(mostHeld, jdbc.sql("""
                            select count(*) from pg_stat_activity
                            where datname = current_database() and state = 'idle in transaction'
                              and query like '%mail_outbox%'""").query(Long.class).single());
                    Thread.sleep(10);
                }
                assertThat(mostHeld).as("database connections held while sending").isZero();
                assertThat(sent.get()).isEqualTo(16);
            } finally {
                delivery.shutdown();
            }

            assertThat(relay.mostAtOnce()).as("connections open at once").isEqualTo(4);
            assertThat(relay.connections()).as("a connection carries mail after mail").isEqualTo(4);
            List<Outboxed> mails = mailsOf(dossiers);
            assertThat(mails).hasSize(16).allMatch(Outboxed::sent).allMatch(m -> m.attempts() == 1);
            for (Outboxed mail : mails) {
                assertThat(received(catcher, mail.messageId())).as("mail " + mail.id()).isEqualTo(1);
            }
        }
    }

    /** An outbox like the portal's whose mails go through the relay, over this many connections at once. */
    private MailOutbox outboxThrough(MailRelay relay, int connections) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setJavaMailProperties(portalSender.getJavaMailProperties());
        sender.setHost("127.0.0.1");
        sender.setPort(relay.port());
        return new MailOutbox(jdbc,
                new StaticListableBeanFactory(Map.of("sender", sender)).getBeanProvider(JavaMailSenderImpl.class),
                settings, connections);
    }

    @Test
    void aRolledBackTransitionLeavesNoNotification() {
        Dossier d = submitted(1110);
        Boolean writtenInside = transactions.execute(status -> {
            decisions.decide(RECEIVER, d.id(), "receive", "", d.lockVersion());
            boolean written = !outboxOf(d.id()).isEmpty();
            status.setRollbackOnly();   // e.g. a later step of the same transaction failed
            return written;
        });
        assertThat(writtenInside).as("the notification is written in the transition's transaction").isTrue();
        assertThat(jdbc.sql("select status_code from dossier where id = ?").param(d.id()).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from notification where dossier_id = ?").param(d.id())
                .query(Integer.class).single()).isZero();
        assertThat(outboxOf(d.id())).isEmpty();
    }

    @Test
    void theMailsCarryTheReceiptCodeWhatIsAskedTheReasonAndTheNewDate() throws Exception {
        Dossier d = submitted(1120);
        d = decisions.decide(RECEIVER, d.id(), "receive", "", d.lockVersion());
        LocalDate newDate = calendar.current().addWorkingDays(d.appointmentDate(), 3);
        d = decisions.extendDeadline(RECEIVER, d.id(), newDate, "Chờ xác minh nơi ở với công an phường", d.lockVersion());
        decisions.decide(HANDLER, d.id(), "request-supplement", "Bản sao hợp đồng thuê nhà có công chứng", d.lockVersion());
        Dossier refused = submitted(1121);
        decisions.decide(RECEIVER, refused.id(), "refuse", "Nơi đăng ký không thuộc địa bàn phường", refused.lockVersion());

        List<Outboxed> mails = outboxOf(d.id());
        assertThat(mails).hasSize(3);
        String link = "http://127.0.0.1:8080/my/dossiers/" + d.id();
        assertThat(mails).allSatisfy(m -> {
            assertThat(m.recipient()).isEqualTo("cong.dan@example.vn");
            assertThat(m.body()).contains(link, "Đăng ký tạm trú", "Kính gửi", "Dear");
        });
        String code = d.receiptCode();
        assertThat(mails.get(0).subject()).isEqualTo("Hồ sơ " + code + " đã được tiếp nhận / Dossier " + code + " received");
        Outboxed extension = mails.get(1);
        assertThat(extension.body()).contains(code, "Chờ xác minh nơi ở với công an phường",
                newDate.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")),
                newDate.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)));
        Outboxed request = mails.get(2);
        LocalDate supplementBy = calendar.current().addWorkingDays(LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")), 10);
        assertThat(request.subject()).contains(code, "cần bổ sung");
        assertThat(request.body()).contains("Bản sao hợp đồng thuê nhà có công chứng",
                supplementBy.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        assertThat(outboxOf(refused.id())).singleElement().satisfies(m -> assertThat(m.body())
                .contains(refused.receiptCode(), "Lý do: “Nơi đăng ký không thuộc địa bàn phường”",
                        "Reason: “Nơi đăng ký không thuộc địa bàn phường”"));

        // As delivered: Vietnamese survives the trip through SMTP, under the row's Message-ID.
        outbox.deliverDue();
        MailCatcher.Mail delivered = stack().mail().received().stream()
                .filter(m -> m.messageId().equals(extension.messageId())).findFirst().orElseThrow();
        assertThat(delivered.subject()).isEqualTo(extension.subject());
        assertThat(delivered.text()).contains("Chờ xác minh nơi ở với công an phường", link);
        assertThat(delivered.from()).contains("khong-tra-loi@dichvucong.dev");

        // The dev stack's inbox page lists it, and shows its text.
        var http = java.net.http.HttpClient.newHttpClient();
        String inbox = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack().mailInbox())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(inbox).contains(org.springframework.web.util.HtmlUtils.htmlEscape(extension.subject(), "UTF-8"),
                "href=\"/mail/" + delivered.number() + "\"");
        String one = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack().mailInbox() + "/" + delivered.number())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(one).contains("Chờ xác minh nơi ở với công an phường", "cong.dan@example.vn");
    }

    @Test
    void theAddressComesFromTheRegisterWhenTheFormHasNoneAndWithoutAnyTheNoticeIsInAppOnly() {
        String withMail = handOut("""
                select p.id_number from population.person p
                where p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                  and p.email is not null and """ + FREE + " order by p.id_number", 1130);
        String withoutMail = handOut("""
                select p.id_number from population.person p
                where p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                  and p.email is null and """ + FREE + " order by p.id_number", 1131);
        Map<String, String> noEmail = new HashMap<>(temporaryResidence("01", HOAN_KIEM));
        noEmail.put("email", "");
        Dossier a = submitted(citizen(withMail, 2), noEmail);
        Dossier b = submitted(citizen(withoutMail, 2), noEmail);
        decisions.decide(RECEIVER, a.id(), "receive", "", a.lockVersion());
        decisions.decide(RECEIVER, b.id(), "receive", "", b.lockVersion());

        String registered = jdbc.sql("select email from population.person where id_number = ?").param(withMail)
                .query(String.class).single();
        assertThat(outboxOf(a.id())).singleElement().extracting(Outboxed::recipient).isEqualTo(registered);
        assertThat(outboxOf(b.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from notification where dossier_id = ?").param(b.id())
                .query(Integer.class).single()).isEqualTo(1);
    }

    /**
     * Files a dossier for the citizen and gives it {@code count} unread notifications, in id order. The dossier goes to
     * another commune than Hoàn Kiếm: it stays open, and the browser tests find theirs on Hoàn Kiếm's first queue page.
     */
    private Dossier notify(PortalUser citizen, int count) {
        Dossier d = submitted(citizen, temporaryResidence("01", "00312"));
        notify(citizen, d, count);
        return d;
    }

    private void notify(PortalUser citizen, Dossier d, int count) {
        jdbc.sql("""
                        with ev as (insert into dossier_event (dossier_id, actor, actor_kind, event, to_state)
                                    select ?, 'test', 'SYSTEM', 'test', 'submitted' from generate_series(1, ?) returning id)
                        insert into notification (dossier_event_id, dossier_id, recipient, kind, receipt_code,
                                                  procedure_code, procedure_version, link_path)
                        select id, ?, ?, 'RECEIVED', ?, 'temporary-residence', 1, '/my/dossiers/' || ? from ev""")
                .params(d.id(), count, d.id(), citizen.subject(), d.receiptCode(), d.id().toString()).update();
    }

    private List<Long> unreadIds(PortalUser citizen) {
        return jdbc.sql("select id from notification where recipient = ? and read_at is null order by id")
                .param(citizen.subject()).query(Long.class).list();
    }

    /** An empty id among those posted ("id=&id=5", which binds as null) is ignored, not a 500. */
    @Test
    void anEmptyIdAmongThoseShownIsIgnored() throws Exception {
        PortalUser citizen = citizen(freeAdult(2197), 2);
        notify(citizen, 2);
        List<Long> ids = unreadIds(citizen);
        mvc.perform(post("/my/notifications/read").with(csrf()).with(authentication(login(citizen)))
                        .param("id", "").param("id", String.valueOf(ids.get(0))))
                .andExpect(redirectedUrl("/my/notifications"));
        assertThat(unreadIds(citizen)).containsExactly(ids.get(1));
    }

    @Test
    void theHeaderCountsUnreadNotificationsUpTo99Plus() throws Exception {
        PortalUser citizen = citizen(freeAdult(2101), 2);
        notify(citizen, 150);
        assertThat(notifications.unread(citizen)).isEqualTo(Notifications.UNREAD_SHOWN + 1);
        String header = mvc.perform(get("/my/dossiers").with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString().replaceAll("\\s+", " ");
        assertThat(header).contains("id=\"unread-count\"").contains(">99+</span>");
    }

    /** The ids the page's "mark all as read" form posts: those it shows as new. */
    private static List<Long> markAllReadIds(String page) {
        int form = page.indexOf("id=\"mark-all-read\"");
        assertThat(form).as("the page offers to mark all as read").isPositive();
        String inputs = page.substring(form, page.indexOf("</form>", form));
        List<Long> ids = new ArrayList<>();
        java.util.regex.Matcher hidden = java.util.regex.Pattern
                .compile("<input type=\"hidden\" name=\"id\" value=\"(\\d+)\">").matcher(inputs);
        while (hidden.find()) {
            ids.add(Long.parseLong(hidden.group(1)));
        }
        assertThat(inputs).contains("name=\"_csrf\"");
        return ids;
    }

    private void markAllRead(PortalUser citizen, List<Long> ids) throws Exception {
        var post = post("/my/notifications/read").with(csrf()).with(authentication(login(citizen)));
        ids.forEach(id -> post.param("id", String.valueOf(id)));
        mvc.perform(post).andExpect(redirectedUrl("/my/notifications"));
    }

    /**
     * Opening the list (as a link preview or a prefetch would) reads nothing. "Mark all as read" reads the latest
     * LIST_SIZE the page showed: the older ones stay new, and the header says so.
     */
    @Test
    void openingTheListReadsNothingAndMarkAllReadReadsOnlyThoseShown() throws Exception {
        PortalUser citizen = citizen(freeAdult(2102), 2);
        notify(citizen, Notifications.LIST_SIZE + 30);
        List<Long> all = unreadIds(citizen);

        String page = mvc.perform(get("/my/notifications").with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page.split("class=\"notification notification-unread\"", -1)).hasSize(Notifications.LIST_SIZE + 1);
        assertThat(page).doesNotContain("id=\"notification-" + all.get(29) + "\"")
                .contains("id=\"notification-" + all.get(30) + "\"");
        mvc.perform(get("/my/notifications").with(authentication(login(citizen))));
        assertThat(unreadIds(citizen)).as("looking twice read nothing").isEqualTo(all);

        List<Long> shown = markAllReadIds(page);
        assertThat(shown).containsExactlyInAnyOrderElementsOf(all.subList(30, all.size()));
        markAllRead(citizen, shown);
        assertThat(unreadIds(citizen)).as("the 30 oldest were not shown").isEqualTo(all.subList(0, 30));
        markAllRead(citizen, shown);   // a double submit changes nothing more
        assertThat(unreadIds(citizen)).isEqualTo(all.subList(0, 30));
        String header = mvc.perform(get("/my/dossiers").with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString().replaceAll("\\s+", " ");
        assertThat(header).contains("id=\"unread-count\"").contains(">30</span>");
    }

    /** One that arrives after the page was drawn was not seen: "mark all as read" from that page leaves it new. */
    @Test
    void aNotificationArrivedAfterThePageStaysUnread() throws Exception {
        PortalUser citizen = citizen(freeAdult(2103), 2);
        Dossier d = notify(citizen, 4);
        String page = mvc.perform(get("/my/notifications").with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString();
        notify(citizen, d, 1);
        List<Long> unread = unreadIds(citizen);
        long late = unread.get(unread.size() - 1);

        markAllRead(citizen, markAllReadIds(page));
        assertThat(unreadIds(citizen)).containsExactly(late);
    }

    @Test
    void theListShowsOnlyTheCitizensOwnNotificationsAndFollowingOneMarksItRead() throws Exception {
        PortalUser owner = citizen(freeAdult(1140), 2);
        PortalUser other = citizen(freeAdult(1141), 2);
        Dossier d = submitted(owner, temporaryResidence("01", HOAN_KIEM));
        decisions.decide(RECEIVER, d.id(), "refuse", "Thiếu giấy tờ chứng minh chỗ ở hợp pháp", d.lockVersion());
        long id = jdbc.sql("select id from notification where dossier_id = ?").param(d.id()).query(Long.class).single();

        String header = mvc.perform(get("/my/dossiers").with(authentication(login(owner))))
                .andReturn().getResponse().getContentAsString();
        assertThat(header).contains("id=\"unread-count\"");
        assertThat(header.replaceAll("\\s+", " ")).contains(">1</span>");

        String page = mvc.perform(get("/my/notifications").with(authentication(login(owner))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(d.receiptCode(), "Thiếu giấy tờ chứng minh chỗ ở hợp pháp", "notification-unread",
                "action=\"/my/notifications/" + id + "/open\"", "id=\"open-notification-" + id + "\"",
                "aria-describedby=\"notification-title-" + id + "\"", "Đánh dấu tất cả là đã đọc");
        // Looking again, the notification is still new, and so is the header's count.
        String again = mvc.perform(get("/my/notifications").with(authentication(login(owner))))
                .andReturn().getResponse().getContentAsString();
        assertThat(again).contains("notification-unread").contains("id=\"unread-count\"");

        String others = mvc.perform(get("/my/notifications").with(authentication(login(other))))
                .andReturn().getResponse().getContentAsString();
        assertThat(others).doesNotContain(d.receiptCode()).contains("id=\"notifications-empty\"")
                .doesNotContain("id=\"mark-all-read\"");
        // Another citizen can neither follow nor mark it; without the CSRF token nobody can.
        mvc.perform(post("/my/notifications/" + id + "/open").with(csrf()).with(authentication(login(other))))
                .andExpect(status().isNotFound());
        markAllRead(other, List.of(id));
        mvc.perform(post("/my/notifications/" + id + "/open").with(authentication(login(owner))))
                .andExpect(status().isForbidden());
        assertThat(unreadIds(owner)).containsExactly(id);

        // Following it leads to the dossier, and it is read.
        mvc.perform(post("/my/notifications/" + id + "/open").with(csrf()).with(authentication(login(owner))))
                .andExpect(redirectedUrl("/my/dossiers/" + d.id()));
        assertThat(unreadIds(owner)).isEmpty();
        String read = mvc.perform(get("/my/notifications").with(authentication(login(owner))))
                .andReturn().getResponse().getContentAsString();
        assertThat(read).contains(d.receiptCode()).doesNotContain("notification-unread", "id=\"unread-count\"",
                "id=\"mark-all-read\"");

        String english = mvc.perform(get("/my/notifications").param("lang", "en").with(authentication(login(owner))))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Dossier " + d.receiptCode() + " refused at intake", "Open the dossier");
    }
}
