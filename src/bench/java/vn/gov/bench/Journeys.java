package vn.gov.bench;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.currentLocationRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import vn.gov.portal.dossier.DossierIds;

/**
 * What users do, as Gatling chains over real HTTP: log in through the e-ID provider (OpenID Connect with its own login
 * form and CSRF token), open the prefilled form, submit a temporary-residence dossier with the form's CSRF token, work
 * the officer queue and take a dossier through its workflow. Request names are what the report lists.
 */
final class Journeys {

    static final String PROCEDURE = "/procedures/temporary-residence/apply";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private Journeys() {
    }

    static HttpProtocolBuilder protocol() {
        return http.baseUrl(Workload.PORTAL).acceptHeader("text/html").acceptLanguageHeader("vi")
                .userAgentHeader("portal-benchmark (Gatling)").disableCaching();
    }

    /** Logs the fed {@code #{idNumber}} in as a citizen; the session then holds the portal's session cookie. */
    static ChainBuilder citizenLogin() {
        return login("/oauth2/authorization/vneid", "#{idNumber}");
    }

    /** Logs the fed {@code #{username}} in as an officer through the staff identity provider. */
    static ChainBuilder officerLogin(String usernameExpression) {
        return login("/oauth2/authorization/staff", usernameExpression);
    }

    private static ChainBuilder login(String entry, String username) {
        return exec(http("login: to the identity provider").get(entry)
                        .check(css("input[name=_csrf]", "value").saveAs("eidCsrf")),
                http("login: password").post(Workload.EID + "/login")
                        .formParam("username", username).formParam("password", "demo")
                        .formParam("_csrf", "#{eidCsrf}")
                        .check(status().is(200), css("form.logout-form").exists()));
    }

    /** The prefilled first page of the temporary-residence form (register lookups of the citizen and household). */
    static ChainBuilder openForm() {
        return exec(http("form page (prefilled)").get(PROCEDURE)
                .check(status().is(200), css("input[name=formId]", "value").saveAs("formId"),
                        css("input[name=_csrf]", "value").saveAs("csrf")));
    }

    /** Submits the form opened last, whole, with its CSRF token; the portal answers with the new dossier's page. */
    static ChainBuilder postForm() {
        return exec(period(), submission().check(status().is(200),
                currentLocationRegex("/my/dossiers/([0-9a-f-]{36})").saveAs("dossierId")));
    }

    /**
     * A further dossier from the same session, as scenario 3 counts submissions: a new form id, made as a form page
     * issues it (time-ordered, {@link DossierIds}; until the eighteenth round a random one, which put every new
     * dossier at a random place of the primary key's index), with the session's CSRF token from the form page opened
     * before, then the confirmation page the browser is sent to. The form page itself is scenario 2.
     */
    static ChainBuilder submitAgain() {
        return exec(exec(session -> session.set("formId", DossierIds.next().toString())), postForm());
    }

    private static ChainBuilder period() {
        return exec(session -> session.set("from", LocalDate.now(VIETNAM).plusDays(1).toString())
                .set("to", LocalDate.now(VIETNAM).plusMonths(6).toString()));
    }

    private static HttpRequestActionBuilder submission() {
        return http("submit").post(PROCEDURE)
                .formParam("_csrf", "#{csrf}").formParam("formId", "#{formId}")
                .formParam("action", "submit")
                .formParam("phone", "0912345678").formParam("email", "cong.dan@example.vn")
                .formParam("newProvince", "#{province}").formParam("newCommune", "#{commune}")
                .formParam("newAddressDetail", "Số 5, phố Hàng Bạc")
                .formParam("periodFrom", "#{from}").formParam("periodTo", "#{to}")
                .formParam("reason", "Thuê nhà để đi làm").formParam("ownerConsent", "true");
    }

    /**
     * A citizen looking around: catalogue, a search, a procedure page, their dossiers and notifications, with a
     * person's pause of 1 to 3 s after each page when {@code reading}.
     */
    static ChainBuilder browse(boolean reading) {
        ChainBuilder chain = exec(page("catalogue", "/procedures"));
        for (ChainBuilder next : List.of(page("catalogue search", "/procedures?q=tam%20tru"),
                page("procedure page", "/procedures/temporary-residence"), page("my dossiers", "/my/dossiers"),
                page("notifications", "/my/notifications"))) {
            chain = reading ? chain.pause(1, 3).exec(next) : chain.exec(next);
        }
        return reading ? chain.pause(1, 3) : chain;
    }

    static ChainBuilder page(String name, String url) {
        return exec(http(name).get(url).check(status().is(200)));
    }

    /** Opens the dossier page and takes the fed event as an officer, with the page's CSRF token and lock version. */
    static ChainBuilder decide(String event) {
        return exec(http("officer: dossier page").get("/officer/dossiers/#{id}")
                        .check(status().is(200), css("input[name=_csrf]", "value").saveAs("csrf"),
                                css("input[name=lockVersion]", "value").saveAs("lockVersion")),
                http("officer: " + event).post("/officer/dossiers/#{id}/decisions")
                        .formParam("_csrf", "#{csrf}").formParam("event", event)
                        .formParam("lockVersion", "#{lockVersion}").formParam("note", "")
                        .check(status().is(200), css("#problem").notExists()));
    }
}
