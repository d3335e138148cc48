package vn.gov.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser, over plain HTTP, that logs in to the portal through the e-ID provider's real pages. */
final class ProviderLogin {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String portal;
    private final String provider;

    ProviderLogin(int portalPort, String providerIssuer) {
        this.portal = "http://127.0.0.1:" + portalPort;
        this.provider = providerIssuer;
    }

    String portal() {
        return portal;
    }

    /** Asks the portal to log in: its redirect to the provider, the authorization request kept in a session. */
    HttpResponse<String> start() throws Exception {
        HttpResponse<String> start = get(portal + "/oauth2/authorization/vneid");
        assertThat(start.statusCode()).isEqualTo(302);
        return start;
    }

    /**
     * The provider's side after {@link #start()}: its login page and form, back to its authorize endpoint, then to the
     * portal's callback, whose answer is returned.
     */
    HttpResponse<String> logIn(HttpResponse<String> start, String idNumber) throws Exception {
        HttpResponse<String> authorize = get(location(start));
        HttpResponse<String> loginPage = get(location(authorize));
        Matcher csrf = CSRF.matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> posted = send(provider + "/login",
                "username=" + idNumber + "&password=demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        HttpResponse<String> authorized = get(location(posted));
        assertThat(location(authorized)).startsWith(portal + "/login/oauth2/code/vneid");
        return get(location(authorized));
    }

    /** The whole login; fails unless the portal accepted it. */
    void logIn(String idNumber) throws Exception {
        HttpResponse<String> callback = logIn(start(), idNumber);
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(location(callback)).doesNotContain("error");
    }

    HttpResponse<String> get(String uri) throws Exception {
        return send(uri, null);
    }

    private HttpResponse<String> send(String uri, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html");
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no redirect: " + response.statusCode()));
        return location.startsWith("/") ? response.uri().resolve(location).toString() : location;
    }

    /** The id of the portal's session in the browser's cookie. */
    String portalSession() {
        HttpCookie session = cookies.getCookieStore().get(URI.create(portal)).stream()
                .filter(c -> c.getName().equals("SESSION")).findFirst().orElseThrow();
        return new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.UTF_8);
    }
}
