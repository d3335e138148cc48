package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.UriUtils;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.identity.PortalUser;

/**
 * Thousands of malformed requests, from a fixed seed so a failure can be replayed: over-long strings, control
 * characters, lone surrogates and broken UTF-8, SQL and script fragments, wrong types, impossible dates, forged hidden
 * fields (lock versions, form ids, steps, events), unknown procedure codes and states. Every answer must be below 500,
 * and the requests that must change nothing leave the dossiers, their events, files and the audit log as they were,
 * but for the one entry a page rightly records: an officer's reading of the personal data it shows (checked request
 * by request, {@link #onlyReadsOfTheDossier}).
 */
class MalformedInputTest extends PortalIntegrationTest {

    private static final long SEED = 0x5EC07E57L;
    private static final String PROCEDURE = "electricity-new-connection";

    /** Every parameter name the portal reads somewhere, and a few it does not. */
    private static final List<String> NAMES = List.of("q", "page", "status", "procedure", "scope", "due", "from", "to",
            "agency", "code", "step", "formId", "action", "event", "note", "lockVersion", "newDate", "reason",
            "colleague", "supplementDue", "score", "comment", "documentId", "uploadId", "message", "year", "day", "name", "nameVi",
            "nameEn", "kind", "province", "unitCode", "username", "fullName", "email", "role", "admin", "state",
            "lifeEvent", "lang", "vnp_TxnRef", "vnp_ResponseCode", "vnp_SecureHash", "vnp_Amount", "phone",
            "connectionProvince", "connectionCommune", "expectedLoad", "periodFrom", "periodTo", "id", "amountDue",
            "feeExemption", "_csrf", "__proto__");

    /** How many answers of each status: the garbage must reach the pages (200, 302), not only the binders (400). */
    private final java.util.TreeMap<Integer, Integer> answers = new java.util.TreeMap<>();

    @Autowired
    MockMvc mvc;

    /** A route to fuzz: the method, the URL with {placeholders}, who sends it, and the placeholders' real values. */
    private record Target(HttpMethod method, String template, PortalUser user, boolean admin, Map<String, String> real) {}

    @Test
    void malformedRequestsAreRefusedCleanlyAndChangeNothing() throws Exception {
        PortalUser owner = citizen(freeAdult(1860), 2);
        Dossier dossier = submitNewConnection(owner);
        String file = jdbc.sql("select id::text from attachment where dossier_id = ? limit 1").param(dossier.id())
                .query(String.class).single();
        PortalUser handler = officer("dl.01.xuly");
        PortalUser leader = officer("dl.01.lanhdao");
        PortalUser admin = officer("quantri");
        Map<String, String> real = Map.of("id", dossier.id().toString(), "code", PROCEDURE, "attachmentId", file,
                "number", "01", "table", "by-procedure", "version", "1", "day", "2026-01-01", "username", "khong.co.ai");
        // For the administration, a procedure code that does not exist: nothing there may change by accident.
        Map<String, String> adminReal = Map.of("code", "khong-co-thu-tuc", "id", "987654321", "day", "1901-01-01",
                "username", "khong.co.ai", "version", "1", "table", "by-procedure");

        List<Target> unchanging = List.of(
                new Target(HttpMethod.GET, "/", null, false, real),
                new Target(HttpMethod.GET, "/procedures", null, false, real),
                new Target(HttpMethod.GET, "/procedures/{code}", null, false, real),
                new Target(HttpMethod.GET, "/verify", null, false, real),
                new Target(HttpMethod.GET, "/verify/{code}", null, false, real),
                new Target(HttpMethod.POST, "/verify/{code}", null, false, real),
                new Target(HttpMethod.GET, "/statistics", null, false, real),
                new Target(HttpMethod.GET, "/my/dossiers", owner, false, real),
                new Target(HttpMethod.GET, "/my/dossiers/{id}", owner, false, real),
                new Target(HttpMethod.GET, "/my/dossiers/{id}/forms/{number}", owner, false, real),
                new Target(HttpMethod.GET, "/my/dossiers/{id}/attachments/{attachmentId}", owner, false, real),
                new Target(HttpMethod.GET, "/my/dossiers/{id}/supplement", owner, false, real),
                new Target(HttpMethod.POST, "/my/dossiers/{id}/supplement", owner, false, real),
                new Target(HttpMethod.POST, "/my/dossiers/{id}/actions", owner, false, real),
                new Target(HttpMethod.POST, "/my/dossiers/{id}/rating", owner, false, real),
                new Target(HttpMethod.POST, "/my/dossiers/{id}/attachments", owner, false, real),
                new Target(HttpMethod.GET, "/my/notifications", owner, false, real),
                new Target(HttpMethod.GET, "/my/data-use", owner, false, real),
                new Target(HttpMethod.GET, "/payments/return", owner, false, real),
                new Target(HttpMethod.GET, "/payments/vnpay/ipn", null, false, real),
                new Target(HttpMethod.POST, "/my/notifications/read", owner, false, real),
                new Target(HttpMethod.POST, "/my/notifications/{id}/open", owner, false, real),
                new Target(HttpMethod.GET, "/officer/queue", handler, false, real),
                new Target(HttpMethod.GET, "/officer/dashboard", handler, false, real),
                new Target(HttpMethod.GET, "/officer/dossiers/{id}/control-sheet", handler, false, real),
                new Target(HttpMethod.GET, "/officer/register-book", handler, false, real),
                new Target(HttpMethod.GET, "/officer/register-book.pdf", handler, false, real),
                new Target(HttpMethod.POST, "/officer/dossiers/{id}/notes", handler, false, Map.of()),
                new Target(HttpMethod.POST, "/officer/dossiers/{id}/deadline", handler, false, real),
                new Target(HttpMethod.POST, "/officer/dossiers/{id}/assignment", handler, false, real),
                new Target(HttpMethod.POST, "/officer/dossiers/{id}/decisions", handler, false, real),
                new Target(HttpMethod.GET, "/officer/statistics", leader, false, real),
                new Target(HttpMethod.GET, "/officer/statistics/{table}.csv", leader, false, real),
                new Target(HttpMethod.GET, "/admin/statistics", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/statistics/{table}.csv", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/procedures/{code}", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/procedures/{code}/history", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/procedures/{code}/versions/{version}/export", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/procedures/{code}/diagram.svg", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/{code}/draft", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/{code}/source", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/{code}/metadata", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/{code}/fees", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/{code}/deadline", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/{code}/eid-level", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/{code}/steps", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/{code}/publish", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/{code}/discard", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/{code}/versions/{version}/republish", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/reference/history", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/reference/agencies", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/reference/agencies/{id}", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/agencies/{id}", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/reference/units", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/units/{code}", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/reference/holidays", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/holidays/{day}/remove", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/reference/staff", admin, true, adminReal),
                new Target(HttpMethod.GET, "/admin/reference/staff/{username}", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/staff/{username}", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/staff/{username}/active", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/staff/{username}/roles", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/staff/{username}/roles/remove", admin, true, adminReal));

        Random random = new Random(SEED);
        MalformedValues values = new MalformedValues(random);
        List<String> failures = new ArrayList<>();
        Map<String, String> before = DatabaseFingerprint.of(jdbc);
        int sent = 0;
        long audited = lastAuditEntry();
        for (int round = 0; round < 25; round++) {
            for (Target target : unchanging) {
                String described = send(target, random, values, failures);
                sent++;
                audited = onlyReadsOfTheDossier(audited, target.user(), dossier, described, failures);
            }
        }
        // Broken UTF-8 cannot be put in a Java string: it goes percent-encoded into the raw query.
        for (int i = 0; i < 150; i++) {
            String raw = "?" + NAMES.get(random.nextInt(NAMES.size())) + "=" + values.brokenUtf8();
            for (String path : List.of("/", "/verify", "/officer/queue", "/admin/statistics")) {
                MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(URI.create(path + raw))
                        .with(authentication(login(path.startsWith("/admin") ? admin : handler, path.startsWith("/admin"))));
                check(request, "GET " + path + raw, failures);
                sent++;
                audited = onlyReadsOfTheDossier(audited, path.startsWith("/admin") ? admin : handler, dossier,
                        "GET " + path + raw, failures);
            }
        }
        assertThat(failures).as("answers of 500 or more, and audit entries other than the dossier's readings").isEmpty();
        assertThat(DatabaseFingerprint.of(jdbc)).as("refused requests change nothing").isEqualTo(before);
        assertThat(jdbc.sql("select state from dossier where id = ?").param(dossier.id()).query(String.class).single())
                .isEqualTo(dossier.state());

        // Where a request may rightly create something (the form saves drafts, the administration adds entries when
        // the garbage happens to be valid), only the answers are checked; nothing may get submitted by garbage.
        List<Target> creating = List.of(
                new Target(HttpMethod.POST, "/procedures/{code}/apply", owner, false, real),
                new Target(HttpMethod.POST, "/procedures/{code}/apply/attachments", owner, false, real),
                new Target(HttpMethod.GET, "/procedures/{code}/apply", owner, false, real),
                new Target(HttpMethod.POST, "/admin/procedures", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/procedures/clone", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/agencies", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/units", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/holidays", admin, true, adminReal),
                new Target(HttpMethod.POST, "/admin/reference/staff", admin, true, adminReal));
        for (int round = 0; round < 15; round++) {
            for (Target target : creating) {
                send(target, random, values, failures);
                sent++;
            }
        }
        assertThat(failures).as("answers of 500 or more").isEmpty();
        assertThat(jdbc.sql("select count(*) from dossier where applicant_id_number = ? and state <> 'draft'")
                .param(owner.subject()).query(Long.class).single()).isOne();
        assertThat(sent).isGreaterThan(2000);
        assertThat(answers).as("answers by status").containsKeys(200, 302, 400, 404);
    }

    /** The newest audit entry's id. */
    private long lastAuditEntry() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
    }

    /**
     * Reading personal data is audited on purpose (docs/security.md): the officer's dossier page, also when it comes
     * back with a refused form, records {@code population.viewed} for each person it shows. That is the one entry a
     * request that changes nothing may add, and only by the officer who sent it, about the fuzzed dossier and the
     * people it names; any other entry is a failure, named with the request.
     *
     * @return the newest audit entry's id, where the next request's entries start
     */
    private long onlyReadsOfTheDossier(long after, PortalUser sender, Dossier dossier, String described,
                                       List<String> failures) {
        java.util.Set<String> named = new java.util.HashSet<>(dossier.answers().values());
        named.add(dossier.applicantIdNumber());
        long last = after;
        for (Map<String, Object> entry : jdbc.sql("""
                        select id, action, actor, subject_type, subject_id, details ->> 'dossier' as dossier
                        from audit_log where id > ? order by id""").param(after).query().listOfRows()) {
            last = Math.max(last, ((Number) entry.get("id")).longValue());
            boolean reading = DatabaseFingerprint.READINGS.contains(entry.get("action")) && sender != null
                    && sender.username().equals(entry.get("actor")) && "person".equals(entry.get("subject_type"))
                    && named.contains(entry.get("subject_id")) && dossier.receiptCode().equals(entry.get("dossier"));
            if (!reading) {
                failures.add("audited " + entry + " after " + described);
            }
        }
        return last;
    }

    /** Sends one request to the target with random parameters; returns how it is described in a failure. */
    private String send(Target target, Random random, MalformedValues values, List<String> failures) throws Exception {
        // Half the time the real ids, so the malformed parameters reach the domain; else the path is garbage too.
        boolean realPath = random.nextBoolean();
        String url = target.template();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-zA-Z]+)}").matcher(url);
        StringBuilder built = new StringBuilder();
        while (m.find()) {
            String value = realPath && target.real().containsKey(m.group(1)) ? target.real().get(m.group(1))
                    : values.next();
            m.appendReplacement(built, java.util.regex.Matcher.quoteReplacement(
                    UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8)));
        }
        m.appendTail(built);
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(target.method(), URI.create(built.toString()));
        int count = 1 + random.nextInt(6);
        StringBuilder described = new StringBuilder(target.method() + " " + built);
        for (int i = 0; i < count; i++) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            String value = values.next();
            request.param(name, value);
            described.append(' ').append(name).append('=').append(abbreviated(value));
        }
        if (target.method() == HttpMethod.POST) {
            request.with(csrf());
        }
        if (target.user() != null) {
            request.with(authentication(login(target.user(), target.admin())));
        }
        check(request, described.toString(), failures);
        return described.toString();
    }

    private void check(MockHttpServletRequestBuilder request, String described, List<String> failures) {
        try {
            int status = mvc.perform(request).andReturn().getResponse().getStatus();
            answers.merge(status, 1, Integer::sum);
            if (status >= 500) {
                failures.add(status + " " + described);
            }
        } catch (Exception e) {
            // MockMvc rethrows what no handler took; the container would answer 500.
            failures.add("500 " + described + " (" + rootOf(e) + ")");
        }
    }

    private static String rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + abbreviated(String.valueOf(root.getMessage()));
    }

    private static String abbreviated(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…(" + value.length() + ")" : printable;
    }

    /** The malformed values, drawn from the seeded random. */
    static final class MalformedValues {

        private static final List<String> FIXED = List.of(
                "", " ", "\t", "null", "undefined", "-1", "0", "-2147483649", "2147483648", "99999999999999999999",
                "1e309", "NaN", "1.5", "0x1F", "abc", "true", "[]", "{}",
                "' OR '1'='1", "1; DROP TABLE dossier;--", "\" or \"\"=\"", "%' union select id_number from population.person --",
                "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
                "${7*7}", "#{7*7}", "*{T(java.lang.Runtime).getRuntime()}", "__${T(java.lang.Runtime).getRuntime()}__::.x",
                "../../../../etc/passwd", "..\\..\\windows", "%2e%2e%2f", "%00", "\u0000", "\u0000\u0001\u001f\u007f",
                "\r\nSet-Cookie: x=1", "\uD800", "\uDC00abc", "a\uD83D", "\u202Egnp.exe", "\u200B", "😀😀", "Nguyễn Văn A",
                "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "+1000000-01-01", "-999999999-01-01", "+999999999-12-31", "31/12/2026",
                "1900-01-01", "2026-1-1", "20260101", "00000000-0000-0000-0000-000000000000", "not-a-uuid",
                "g0000000-0000-0000-0000-000000000000", "11111111-1111-1111-1111-1111111111111", "draft", "approved",
                "submitted", "receive", "approve", "refuse", "withdraw", "submit", "discard", "claim", "assign", "release",
                "autosave", "review", "documents", "request-supplement", "extend-deadline", "khong-co-thu-tuc",
                "temporary-residence'--", "TEMPORARY-RESIDENCE", "NATIONAL", "OVERDUE", "MINE", "ALL", "APPROVER",
                "ADMIN", "001234567890", "01", "99", "by-procedure", "by-nothing");

        private final Random random;

        MalformedValues(Random random) {
            this.random = random;
        }

        String next() {
            return switch (random.nextInt(20)) {
                case 0 -> longString();
                case 1, 2 -> controls();
                case 3, 4 -> String.valueOf(random.nextBoolean() ? 1_000_000L + random.nextInt(Integer.MAX_VALUE)
                        : -1L - random.nextInt(Integer.MAX_VALUE));
                case 5, 6 -> UUID.randomUUID().toString();
                default -> FIXED.get(random.nextInt(FIXED.size()));
            };
        }

        private String longString() {
            int length = 10_000 + random.nextInt(5_000);
            StringBuilder s = new StringBuilder(length);
            String alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĐ0123456789 '\"<>&;%-_/\\";
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return s.toString();
        }

        private String controls() {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 1 + random.nextInt(20); i++) {
                s.append((char) (random.nextBoolean() ? random.nextInt(32) : 0xD800 + random.nextInt(0x800)));
            }
            return s.toString();
        }

        /** Percent-encoded bytes that are not UTF-8: stray continuation bytes, overlong forms, cut sequences. */
        String brokenUtf8() {
            List<String> broken = List.of("%C3%28", "%A0%A1", "%E2%28%A1", "%F0%28%8C%BC", "%C0%AF", "%FF%FE", "%ED%A0%80",
                    "%E1%BA", "%F8%88%80%80%80");
            return "x" + broken.get(random.nextInt(broken.size())) + "y";
        }
    }
}
