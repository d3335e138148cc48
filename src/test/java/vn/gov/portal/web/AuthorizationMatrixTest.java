package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.identity.PortalUser;

/**
 * Every route of the portal against every kind of visitor, as a table of expected answers. The routes come from
 * Spring's handler mapping, so a new route without a row fails this test until someone writes down who may use it.
 *
 * <p>The dossier is a real one (a new power connection in Hà Nội, with an uploaded paper and its receipt PDF), so
 * ownership is exercised: another citizen, another agency, a file of another dossier or a guessed id all get 404.
 * POSTs carry complete but harmless parameters (stale lock versions, unknown events and codes), so the permitted
 * roles reach the domain's checks without changing anything; the test checks that nothing changed.
 */
class AuthorizationMatrixTest extends PortalIntegrationTest {

    private static final String PROCEDURE = "electricity-new-connection";

    /** The columns of the table. */
    private static final List<String> ROLES = List.of(
            "anonymous", "citizen L1", "owner L2", "other citizen", "receiver", "handler", "approver",
            "other agency", "admin");

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /**
     * One row: the route as Spring lists it, the request sent, and the answer per column. Answers: 200, 400 (a
     * parameter missing: refused before any lookup), 403 (the wrong kind of account), 404 (not theirs, or no such
     * thing), "login" (302 to the identity provider's login), "302" (a redirect back into the portal with a message
     * in the flash: the domain refused, e.g. a stale lock version).
     */
    private record Row(String route, String method, String url, Map<String, String> params, String expected) {
        List<String> answers() {
            return List.of(expected.trim().split("\\s+"));
        }
    }

    private static Row row(String route, String url, String expected, String... params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        return new Row(route, route.substring(0, route.indexOf(' ')), url, p, expected);
    }

    @Test
    void everyRouteAnswersEveryRoleAsWrittenDown() throws Exception {
        PortalUser owner = citizen(freeAdult(1850), 2);
        PortalUser otherCitizen = citizen(freeAdult(1851), 2);
        Dossier mine = submitNewConnection(owner);
        Dossier theirs = submitNewConnection(otherCitizen);
        UUID myFile = fileOf(mine);
        UUID theirFile = fileOf(theirs);
        String agencyPrefix = "dl.01.";
        assertThat(jdbc.sql("select count(*) from staff_role where username = ? and agency_id = ?")
                .params(agencyPrefix + "tiepnhan", mine.agencyId()).query(Long.class).single()).isOne();

        Map<String, PortalUser> users = new LinkedHashMap<>();
        users.put("anonymous", null);
        users.put("citizen L1", citizen(owner.subject(), 1));
        users.put("owner L2", owner);
        users.put("other citizen", otherCitizen);
        users.put("receiver", officer(agencyPrefix + "tiepnhan"));
        users.put("handler", officer(agencyPrefix + "xuly"));
        users.put("approver", officer(agencyPrefix + "lanhdao"));
        users.put("other agency", officer("ca.00308.tiepnhan"));
        users.put("admin", officer("quantri"));

        String d = "/my/dossiers/" + mine.id();
        String o = "/officer/dossiers/" + mine.id();
        String random = UUID.randomUUID().toString();
        String lock = "-1";
        String none = "khong-co-thu-tuc";
        String apply = "/procedures/" + PROCEDURE + "/apply";
        String staff = "/admin/reference/staff";
        String ofMyAgency = "?agency=" + jdbc.sql("select unit_code from agency where id = ?")
                .param(mine.agencyId()).query(String.class).single();
        //                                                                                          anon  L1    owner other recv  hand  appr  agency admin
        List<Row> table = List.of(
                row("GET /", "/",                                                                    "200   200   200   200   200   200   200   200   200"),
                row("GET /procedures", "/procedures",                                                "200   200   200   200   200   200   200   200   200"),
                row("GET /procedures/{code}", "/procedures/" + PROCEDURE,                            "200   200   200   200   200   200   200   200   200"),
                row("GET /procedures/{code}", "/procedures/" + none,                                 "404   404   404   404   404   404   404   404   404"),
                row("GET /login", "/login",                                                          "200   200   200   200   200   200   200   200   200"),
                row("GET /statistics", "/statistics",                                                "200   200   200   200   200   200   200   200   200"),
                row("GET /statistics.csv", "/statistics.csv",                                        "200   200   200   200   200   200   200   200   200"),
                row("GET /verify", "/verify",                                                        "200   200   200   200   200   200   200   200   200"),
                row("GET /verify/{code}", "/verify/ABCD-EFGH-JKLM",                                  "404   404   404   404   404   404   404   404   404"),
                row("POST /verify/{code}", "/verify/ABCD-EFGH-JKLM",                                 "404   404   404   404   404   404   404   404   404"),
                // the citizen's own pages
                row("GET /procedures/{code}/apply", apply,                                           "login 200   200   200   403   403   403   403   403"),
                row("POST /procedures/{code}/apply", "/procedures/" + none + "/apply",               "login 404   404   404   403   403   403   403   403", "formId", random),
                row("POST /procedures/{code}/apply [action=autosave]", "/procedures/" + none + "/apply", "login 404 404 404   403   403   403   403   403", "formId", random, "step", "x", "action", "autosave"),
                row("POST /procedures/{code}/apply/attachments", "/procedures/" + none + "/apply/attachments", "login 404 404 404 403 403   403   403   403", "formId", random, "documentId", "x"),
                row("POST /procedures/{code}/apply/attachments/{attachmentId}/delete", apply + "/attachments/" + myFile + "/delete", "login 404 404 404 403 403 403 403 403"),
                row("GET /my/dossiers", "/my/dossiers",                                              "login 200   200   200   403   403   403   403   403"),
                row("GET /my/dossiers/{id}", d,                                                      "login 200   200   404   403   403   403   403   403"),
                row("GET /my/dossiers/{id}", "/my/dossiers/" + random,                               "login 404   404   404   403   403   403   403   403"),
                row("GET /my/dossiers/{id}/submitted", d + "/submitted",                             "login 200   200   404   403   403   403   403   403"),
                row("GET /my/dossiers/{id}/submitted", "/my/dossiers/" + random + "/submitted",      "login 404   404   404   403   403   403   403   403"),
                row("GET /my/dossiers/{id}/attachments/{attachmentId}", d + "/attachments/" + myFile, "login 200  200   404   403   403   403   403   403"),
                row("GET /my/dossiers/{id}/attachments/{attachmentId}", d + "/attachments/" + theirFile, "login 404 404  404   403   403   403   403   403"),
                row("GET /my/dossiers/{id}/attachments/{attachmentId}", d + "/attachments/" + random, "login 404  404   404   403   403   403   403   403"),
                row("GET /my/dossiers/{id}/forms/{number}", d + "/forms/01",                         "login 200   200   404   403   403   403   403   403"),
                row("GET /my/dossiers/{id}/forms/{number}", d + "/forms/99",                         "login 404   404   404   403   403   403   403   403"),
                // forms 05 and 06 are the agency's own, never the citizen's
                row("GET /my/dossiers/{id}/forms/{number}", d + "/forms/05",                         "login 404   404   404   403   403   403   403   403"),
                row("GET /my/dossiers/{id}/supplement", d + "/supplement",                           "login 302   302   404   403   403   403   403   403"),
                row("POST /my/dossiers/{id}/supplement", d + "/supplement",                          "login 302   302   404   403   403   403   403   403", "lockVersion", lock),
                row("POST /my/dossiers/{id}/attachments", d + "/attachments",                        "login 302   302   404   403   403   403   403   403", "documentId", "premisesProof"),
                row("POST /my/dossiers/{id}/actions", d + "/actions",                                "login 302   302   404   403   403   403   403   403", "event", "withdraw", "lockVersion", lock),
                row("POST /my/dossiers/{id}/rating", d + "/rating",                                  "login 302   302   404   403   403   403   403   403", "score", "9"),
                row("POST /my/dossiers/{id}/payment", "/my/dossiers/" + random + "/payment",         "login 404   404   404   403   403   403   403   403"),
                row("GET /payments/return", "/payments/return",                                      "login 302   302   302   403   403   403   403   403"),
                // VNPAY's server-to-server notification: public, and unsigned it is answered 97 and changes nothing
                row("GET /payments/vnpay/ipn", "/payments/vnpay/ipn",                                "200   200   200   200   200   200   200   200   200"),
                row("GET /my/data-use", "/my/data-use",                                              "login 200   200   200   403   403   403   403   403"),
                row("GET /my/notifications", "/my/notifications",                                    "login 200   200   200   403   403   403   403   403"),
                row("POST /my/notifications/read", "/my/notifications/read",                         "login 302   302   302   403   403   403   403   403"),
                row("POST /my/notifications/{id}/open", "/my/notifications/9223372036854775807/open", "login 404   404   404   403   403   403   403   403"),
                // the officers' pages
                row("GET /officer", "/officer",                                                      "login 403   403   403   200   200   200   200   200"),
                row("GET /officer/queue", "/officer/queue",                                                "login 403   403   403   200   200   200   200   200"),
                row("GET /officer/dashboard", "/officer/dashboard",                                  "login 403   403   403   200   200   200   200   200"),
                row("GET /officer/statistics", "/officer/statistics",                                "login 403   403   403   403   403   200   403   403"),
                row("GET /officer/statistics/{table}.csv", "/officer/statistics/by-procedure.csv",     "login 403   403   403   403   403   200   403   403"),
                row("GET /officer/dossiers/{id}", o,                                                 "login 403   403   403   200   200   200   404   404"),
                row("GET /officer/dossiers/{id}", "/officer/dossiers/" + random,                     "login 403   403   403   404   404   404   404   404"),
                row("GET /officer/dossiers/{id}/attachments/{attachmentId}", o + "/attachments/" + myFile, "login 403 403 403 200 200  200   404   404"),
                row("GET /officer/dossiers/{id}/attachments/{attachmentId}", o + "/attachments/" + theirFile, "login 403 403 403 404 404 404 404 404"),
                row("GET /officer/dossiers/{id}/forms/{number}", o + "/forms/01",                    "login 403   403   403   200   200   200   404   404"),
                row("GET /officer/dossiers/{id}/control-sheet", o + "/control-sheet",                "login 403   403   403   200   200   200   404   404"),
                row("GET /officer/dossiers/{id}/control-sheet", "/officer/dossiers/" + random + "/control-sheet", "login 403 403 403 404 404 404 404 404"),
                // the register book: by default the officer's own agency's; another agency's only for admins
                row("GET /officer/register-book", "/officer/register-book",                          "login 403   403   403   200   200   200   200   200"),
                row("GET /officer/register-book", "/officer/register-book" + ofMyAgency,                                            "login 403   403   403   200   200   200   404   200"),
                row("GET /officer/register-book", "/officer/register-book" + ofMyAgency + "&to=2026-13-01",                       "login 403   403   403   400   400   400   404   400"),
                row("GET /officer/register-book.pdf", "/officer/register-book.pdf" + ofMyAgency,                                        "login 403   403   403   200   200   200   404   200"),
                row("GET /officer/register-book.pdf", "/officer/register-book.pdf" + ofMyAgency + "&from=2027-01-01&to=2026-01-01",       "login 403   403   403   400   400   400   404   400"),
                row("POST /officer/dossiers/{id}/notes", o + "/notes",                               "login 403   403   403   422   422   422   404   404", "note", ""),
                row("POST /officer/dossiers/{id}/deadline", o + "/deadline",                         "login 403   403   403   422   422   422   404   404", "lockVersion", lock),
                row("POST /officer/dossiers/{id}/longer-deadline", o + "/longer-deadline",           "login 403   403   403   302   302   302   404   404", "lockVersion", lock),
                row("POST /officer/dossiers/{id}/assignment", o + "/assignment",                     "login 403   403   403   422   422   422   404   404", "action", "claim", "lockVersion", lock),
                row("POST /officer/dossiers/{id}/decisions", o + "/decisions",                       "login 403   403   403   422   422   422   404   404", "event", "receive", "lockVersion", lock),
                // the administration
                row("GET /admin", "/admin",                                                          "login 403   403   403   403   403   403   403   200"),
                row("GET /admin/statistics", "/admin/statistics",                                    "login 403   403   403   403   403   403   403   200"),
                row("GET /admin/statistics/{table}.csv", "/admin/statistics/by-procedure.csv",         "login 403   403   403   403   403   403   403   200"),
                row("GET /admin/procedures", "/admin/procedures",                                    "login 403   403   403   403   403   403   403   200"),
                row("POST /admin/procedures", "/admin/procedures",                                   "login 403   403   403   403   403   403   403   422", "code", "", "nameVi", ""),
                row("POST /admin/procedures/clone", "/admin/procedures/clone",                       "login 403   403   403   403   403   403   403   404", "from", none, "code", ""),
                row("POST /admin/procedures/import", "/admin/procedures/import",                     "login 403   403   403   403   403   403   403   422"),
                row("GET /admin/procedures/{code}", "/admin/procedures/" + PROCEDURE,                "login 403   403   403   403   403   403   403   200"),
                row("GET /admin/procedures/{code}", "/admin/procedures/" + none,                     "login 403   403   403   403   403   403   403   404"),
                row("GET /admin/procedures/{code}/diagram.svg", "/admin/procedures/" + PROCEDURE + "/diagram.svg", "login 403 403 403 403 403 403 403 200"),
                row("POST /admin/procedures/{code}/draft", "/admin/procedures/" + none + "/draft",   "login 403   403   403   403   403   403   403   404"),
                row("POST /admin/procedures/{code}/shipped", "/admin/procedures/" + none + "/shipped", "login 403 403 403   403   403   403   403   404"),
                row("POST /admin/procedures/{code}/shipped", "/admin/procedures/" + PROCEDURE + "/shipped", "login 403 403 403 403 403   403   403   302"),
                row("POST /admin/procedures/{code}/source", "/admin/procedures/" + none + "/source", "login 403   403   403   403   403   403   403   404"),
                row("POST /admin/procedures/{code}/metadata", "/admin/procedures/" + none + "/metadata", "login 403 403 403   403   403   403   403   404"),
                row("POST /admin/procedures/{code}/fees", "/admin/procedures/" + none + "/fees",     "login 403   403   403   403   403   403   403   404"),
                row("POST /admin/procedures/{code}/deadline", "/admin/procedures/" + none + "/deadline", "login 403 403 403   403   403   403   403   404"),
                row("POST /admin/procedures/{code}/eid-level", "/admin/procedures/" + none + "/eid-level", "login 403 403 403 403   403   403   403   400"),
                row("POST /admin/procedures/{code}/steps", "/admin/procedures/" + none + "/steps",   "login 403   403   403   403   403   403   403   404"),
                row("POST /admin/procedures/{code}/publish", "/admin/procedures/" + none + "/publish", "login 403 403  403   403   403   403   403   302"),
                row("POST /admin/procedures/{code}/discard", "/admin/procedures/" + none + "/discard", "login 403 403  403   403   403   403   403   404"),
                row("GET /admin/procedures/{code}/history", "/admin/procedures/" + PROCEDURE + "/history", "login 403 403 403 403   403   403   403   200"),
                row("POST /admin/procedures/{code}/versions/{version}/republish", "/admin/procedures/" + none + "/versions/1/republish", "login 403 403 403 403 403 403 403 404"),
                row("GET /admin/procedures/{code}/versions/{version}/export", "/admin/procedures/" + PROCEDURE + "/versions/1/export", "login 403 403 403 403 403 403 403 200"),
                row("GET /admin/procedures/{code}/versions/{version}/export", "/admin/procedures/" + PROCEDURE + "/versions/9999/export", "login 403 403 403 403 403 403 403 404"),
                row("GET /admin/reference", "/admin/reference",                                      "login 403   403   403   403   403   403   403   200"),
                row("GET /admin/reference/history", "/admin/reference/history",                      "login 403   403   403   403   403   403   403   200"),
                row("GET /admin/payments", "/admin/payments",                                        "login 403   403   403   403   403   403   403   200"),
                row("POST /admin/payments/{reference}/close", "/admin/payments/" + none + "/close",   "login 403   403   403   403   403   403   403   422"),
                row("POST /admin/payments/{reference}/close", "/admin/payments/" + none + "/close",   "login 403   403   403   403   403   403   403   404", "verdict", "NOT_PAID", "note", "Bảng kê VNPAY"),
                row("GET /admin/audit", "/admin/audit",                                              "login 403   403   403   403   403   403   403   200"),
                row("POST /admin/audit/verify", "/admin/audit/verify",                               "login 403   403   403   403   403   403   403   200"),
                row("GET /admin/reference/agencies", "/admin/reference/agencies",                    "login 403   403   403   403   403   403   403   200"),
                row("GET /admin/reference/agencies/new", "/admin/reference/agencies/new",            "login 403   403   403   403   403   403   403   200"),
                row("POST /admin/reference/agencies", "/admin/reference/agencies",                   "login 403   403   403   403   403   403   403   400"),
                row("GET /admin/reference/agencies/{id}", "/admin/reference/agencies/" + mine.agencyId(), "login 403 403 403 403   403   403   403   200"),
                row("GET /admin/reference/agencies/{id}", "/admin/reference/agencies/987654321",     "login 403   403   403   403   403   403   403   404"),
                row("POST /admin/reference/agencies/{id}", "/admin/reference/agencies/987654321",    "login 403   403   403   403   403   403   403   404"),
                row("GET /admin/reference/units", "/admin/reference/units",                          "login 403   403   403   403   403   403   403   200"),
                row("POST /admin/reference/units", "/admin/reference/units",                         "login 403   403   403   403   403   403   403   400"),
                row("POST /admin/reference/units/{code}", "/admin/reference/units/99999",            "login 403   403   403   403   403   403   403   404"),
                row("GET /admin/reference/holidays", "/admin/reference/holidays",                    "login 403   403   403   403   403   403   403   200"),
                row("POST /admin/reference/holidays", "/admin/reference/holidays",                   "login 403   403   403   403   403   403   403   400"),
                row("POST /admin/reference/holidays/{day}/remove", "/admin/reference/holidays/1901-01-01/remove", "login 403 403 403 403 403 403 403 404"),
                row("GET /admin/reference/staff", staff,                                             "login 403   403   403   403   403   403   403   200"),
                row("GET /admin/reference/staff/new", staff + "/new",                                "login 403   403   403   403   403   403   403   200"),
                row("POST /admin/reference/staff", staff,                                            "login 403   403   403   403   403   403   403   400"),
                row("GET /admin/reference/staff/{username}", staff + "/" + agencyPrefix + "xuly",    "login 403   403   403   403   403   403   403   200"),
                row("GET /admin/reference/staff/{username}", staff + "/khong.co.ai",                 "login 403   403   403   403   403   403   403   404"),
                row("POST /admin/reference/staff/{username}", staff + "/khong.co.ai",                "login 403   403   403   403   403   403   403   404"),
                row("POST /admin/reference/staff/{username}/active", staff + "/khong.co.ai/active",  "login 403   403   403   403   403   403   403   400"),
                row("POST /admin/reference/staff/{username}/roles", staff + "/khong.co.ai/roles",    "login 403   403   403   403   403   403   403   404"),
                row("POST /admin/reference/staff/{username}/roles/remove", staff + "/khong.co.ai/roles/remove", "login 403 403 403 403 403 403 403 400"),
                // Spring Boot's error page: public, and never a stack trace
                row("GET /error", "/error",                                                          "500   500   500   500   500   500   500   500   500"));

        assertThat(table).allSatisfy(r -> assertThat(r.answers()).hasSize(ROLES.size()));
        TreeSet<String> missing = new TreeSet<>(routes());
        table.forEach(r -> missing.remove(r.route()));
        assertThat(missing).as("routes without a row in the access table").isEmpty();
        assertThat(table).as("rows of routes that no longer exist").allSatisfy(r -> assertThat(routes()).contains(r.route()));

        // Reads by officers are audited (personal data), so the audit log is left out here.
        Map<String, String> before = DatabaseFingerprint.withoutAudit(jdbc);
        List<String> wrong = new ArrayList<>();
        StringBuilder actual = new StringBuilder();
        for (Row r : table) {
            StringBuilder line = new StringBuilder(r.method() + " " + r.url() + " ->");
            for (int i = 0; i < ROLES.size(); i++) {
                PortalUser user = users.get(ROLES.get(i));
                String answer = answer(r, user);
                line.append(' ').append(answer);
                if (!answer.equals(r.answers().get(i))) {
                    wrong.add(r.method() + " " + r.url() + " as " + ROLES.get(i) + ": expected " + r.answers().get(i)
                            + ", got " + answer);
                }
            }
            actual.append(line).append('\n');
        }
        assertThat(wrong).as("cells that differ; the answers were:\n" + actual).isEmpty();
        assertThat(DatabaseFingerprint.withoutAudit(jdbc)).as("the matrix changes nothing").isEqualTo(before);
    }

    /** Every route Spring serves, as "METHOD pattern", plus "[params]" where the mapping needs a parameter. */
    private List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            String params = info.getParamsCondition().getExpressions().isEmpty() ? ""
                    : " " + info.getParamsCondition().getExpressions();
            var methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add("GET " + pattern + params);
                } else {
                    methods.forEach(m -> routes.add(m.name() + " " + pattern.replace("{code:[a-z0-9]+(?:-[a-z0-9]+)*}", "{code}") + params));
                }
            }
        }
        return routes;
    }

    private String answer(Row r, PortalUser user) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(r.method()), r.url());
        r.params().forEach(request::param);
        if (r.method().equals("POST")) {
            request.with(csrf());
        }
        if (user != null) {
            request.with(authentication(login(user, !user.isCitizen() && user.username().equals("quantri"))));
        }
        MockHttpServletResponse response;
        try {
            response = mvc.perform(request).andReturn().getResponse();
        } catch (jakarta.servlet.ServletException e) {
            return "500"; // MockMvc rethrows what no handler took; the container would answer 500
        }
        int status = response.getStatus();
        if (status >= 300 && status < 400) {
            String location = String.valueOf(response.getRedirectedUrl());
            return location.contains("/oauth2/authorization/") ? "login" : "302";
        }
        return String.valueOf(status);
    }

    private UUID fileOf(Dossier dossier) {
        return jdbc.sql("select id from attachment where dossier_id = ? limit 1").param(dossier.id())
                .query(UUID.class).single();
    }
}
