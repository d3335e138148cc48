package vn.gov.devstack.eid;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives the provider over HTTP the way the portal and a browser do, against a real PostgreSQL. */
class EidProviderTest {

    static final String CITIZEN = "001090001234";        // last digit not 7: level 2 by default
    static final String LEVEL_ONE_CITIZEN = "001090001237";
    static final String FORCED_CITIZEN = "001090001235";
    static final String DEAD_CITIZEN = "001090001236";
    static final String GUESSED_CITIZEN = "001090001238";
    static final String OFFICER = "canbo.hanoi";

    /** Not the registered port 8080: the loopback rule must accept any port. */
    static final String CITIZEN_CALLBACK = "http://127.0.0.1:45678/login/oauth2/code/vneid";
    static final String STAFF_CALLBACK = "http://127.0.0.1:34567/login/oauth2/code/staff";

    static final JsonMapper json = JsonMapper.builder().build();

    static EmbeddedPostgres postgres;
    static JdbcClient jdbc;
    static EidProvider provider;

    @BeforeAll
    static void startDatabaseAndProvider() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        // The provider starts before anybody exists, as in the dev run where the portal seeds the register later.
        provider = EidProvider.start(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 0);

        person(CITIZEN, "Nguyễn Thị Hương", LocalDate.of(1990, 3, 15), null);
        person(LEVEL_ONE_CITIZEN, "Trần Văn Đức", LocalDate.of(1985, 12, 1), null);
        person(FORCED_CITIZEN, "Lê Minh Khôi", LocalDate.of(2000, 1, 31), null);
        person(GUESSED_CITIZEN, "Vũ Thị Lan", LocalDate.of(1995, 7, 20), null);
        person(DEAD_CITIZEN, "Phạm Văn Tư", LocalDate.of(1940, 5, 5), LocalDate.of(2020, 2, 2));
        jdbc.sql("insert into staff (username, full_name, is_admin, active) values (?, ?, false, true)")
                .params(OFFICER, "Đỗ Thu Trang").update();
    }

    static void person(String idNumber, String name, LocalDate born, LocalDate died) {
        jdbc.sql("""
                        insert into population.person (id_number, full_name, birth_date, sex, ethnicity, religion,
                            nationality, home_town, place_of_birth, marital_status, date_of_death)
                        values (?, ?, ?, 'F', 'Kinh', 'Không', 'Việt Nam', 'Hà Nội', 'Hà Nội', 'SINGLE', ?)""")
                .params(idNumber, name, born, died).update();
    }

    @AfterAll
    static void stop() throws Exception {
        if (provider != null) provider.stop();
        if (postgres != null) postgres.close();
    }

    @Test
    void discoveryDocumentNamesTheIssuerAndTheEndpoints() throws Exception {
        String issuer = provider.issuerUri();
        assertThat(issuer).isEqualTo("http://127.0.0.1:" + provider.port());
        JsonNode discovery = json.readTree(new Browser().get(issuer + "/.well-known/openid-configuration").body());

        assertThat(discovery.path("issuer").asString()).isEqualTo(issuer);
        assertThat(discovery.path("authorization_endpoint").asString()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
        assertThat(discovery.path("userinfo_endpoint").asString()).isEqualTo(issuer + "/userinfo");
        assertThat(discovery.path("end_session_endpoint").asString()).isEqualTo(issuer + "/connect/logout");
        assertThat(discovery.path("token_endpoint_auth_methods_supported").toString()).contains("client_secret_basic");
        assertThat(discovery.path("code_challenge_methods_supported").toString()).contains("S256");

        JsonNode jwks = json.readTree(new Browser().get(discovery.path("jwks_uri").asString()).body());
        assertThat(jwks.path("keys").get(0).path("kty").asString()).isEqualTo("RSA");
    }

    @Test
    void citizenLogsInWithPkceOnAnyLoopbackPortAndGetsTheirIdentityAtLevelTwo() throws Exception {
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        URI callback = browser.logIn("portal-citizen", CITIZEN_CALLBACK, pkce, CITIZEN, "demo");

        assertThat(callback.toString()).startsWith(CITIZEN_CALLBACK + "?");
        Map<String, String> callbackParams = query(callback);
        assertThat(callbackParams).containsEntry("state", "state-1").containsKey("code");

        JsonNode tokens = browser.exchange("portal-citizen", "dev-citizen-secret", CITIZEN_CALLBACK, callbackParams.get("code"), pkce);
        JsonNode idToken = payload(tokens.path("id_token").asString());
        assertThat(idToken.path("iss").asString()).isEqualTo(provider.issuerUri());
        assertThat(idToken.path("sub").asString()).isEqualTo(CITIZEN);
        assertThat(idToken.path("personal_id").asString()).isEqualTo(CITIZEN);
        assertThat(idToken.path("name").asString()).isEqualTo("Nguyễn Thị Hương");
        assertThat(idToken.path("birthdate").asString()).isEqualTo("1990-03-15");
        assertThat(idToken.path("eid_level").isInt()).isTrue();
        assertThat(idToken.path("eid_level").asInt()).isEqualTo(2);
        assertThat(idToken.path("acr").asString()).isEqualTo("vneid:level2");
        assertThat(idToken.path("nonce").asString()).isEqualTo("nonce-1");

        // The portal may also read the claims from userinfo: the custom ones must be there too.
        JsonNode userInfo = json.readTree(browser.get(provider.issuerUri() + "/userinfo",
                "Authorization", "Bearer " + tokens.path("access_token").asString()).body());
        assertThat(userInfo.path("sub").asString()).isEqualTo(CITIZEN);
        assertThat(userInfo.path("name").asString()).isEqualTo("Nguyễn Thị Hương");
        assertThat(userInfo.path("birthdate").asString()).isEqualTo("1990-03-15");
        assertThat(userInfo.path("eid_level").asInt()).isEqualTo(2);
        assertThat(userInfo.path("acr").asString()).isEqualTo("vneid:level2");
    }

    @Test
    void idNumberEndingInSevenGetsLevelOneOnFirstLoginAndKeepsIt() throws Exception {
        assertThat(EidProvider.levelFor(LEVEL_ONE_CITIZEN)).isEqualTo(1);
        assertThat(EidProvider.levelFor(CITIZEN)).isEqualTo(2);

        JsonNode idToken = citizenIdToken(LEVEL_ONE_CITIZEN);

        assertThat(idToken.path("eid_level").asInt()).isEqualTo(1);
        assertThat(idToken.path("acr").asString()).isEqualTo("vneid:level1");
        assertThat(jdbc.sql("select level from devstack.eid_account where id_number = ?")
                .param(LEVEL_ONE_CITIZEN).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void forcedLevelAppliesToTheNextLogin() throws Exception {
        assertThat(citizenIdToken(FORCED_CITIZEN).path("eid_level").asInt()).isEqualTo(2);

        provider.setLevel(FORCED_CITIZEN, 1);

        JsonNode idToken = citizenIdToken(FORCED_CITIZEN);
        assertThat(idToken.path("eid_level").asInt()).isEqualTo(1);
        assertThat(idToken.path("acr").asString()).isEqualTo("vneid:level1");
    }

    @Test
    void loginPageIsVietnameseFirstAccessibleAndCarriesTheCsrfToken() throws Exception {
        String page = new Browser().get(provider.issuerUri() + "/login").body();

        assertThat(page).contains("<html lang=\"vi\"", "Đăng nhập bằng tài khoản định danh điện tử",
                "<label for=\"username\">Số định danh cá nhân (12 số) hoặc tên đăng nhập cán bộ",
                "<label for=\"password\">Mật khẩu", "Môi trường thử nghiệm — mật khẩu demo: demo",
                "id=\"username\"", "autocomplete=\"username\"", "id=\"password\"",
                "autocomplete=\"current-password\"", "id=\"login-submit\"", "name=\"_csrf\"");
        assertThat(page).doesNotContain("role=\"alert\"");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForAWhileAndOnlyThatAccount() throws Exception {
        Browser browser = new Browser();
        for (int i = 0; i < FailedLogins.LIMIT; i++) {
            HttpResponse<String> loginPage = browser.startAuthorization("portal-citizen", CITIZEN_CALLBACK, new Pkce());
            assertThat(location(browser.submitLogin(loginPage, GUESSED_CITIZEN, "wrong-" + i))).endsWith("/login?error");
        }
        HttpResponse<String> loginPage = browser.startAuthorization("portal-citizen", CITIZEN_CALLBACK, new Pkce());
        assertThat(location(browser.submitLogin(loginPage, GUESSED_CITIZEN, "demo"))).endsWith("/login?error");

        URI callback = new Browser().logIn("portal-citizen", CITIZEN_CALLBACK, new Pkce(), CITIZEN, "demo");
        assertThat(callback.toString()).startsWith(CITIZEN_CALLBACK + "?code=");
    }

    @Test
    void wrongPasswordShowsTheLoginPageWithAnAlert() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> loginPage = browser.startAuthorization("portal-citizen", CITIZEN_CALLBACK, new Pkce());

        HttpResponse<String> posted = browser.submitLogin(loginPage, CITIZEN, "wrong");
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(location(posted)).endsWith("/login?error");

        String page = browser.get(location(posted)).body();
        assertThat(page).contains("role=\"alert\"", "Số định danh hoặc mật khẩu không đúng.", "Wrong ID number or password.",
                "aria-invalid=\"true\"");
    }

    @Test
    void deceasedPersonCannotLogIn() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> loginPage = browser.startAuthorization("portal-citizen", CITIZEN_CALLBACK, new Pkce());

        assertThat(location(browser.submitLogin(loginPage, DEAD_CITIZEN, "demo"))).endsWith("/login?error");
    }

    @Test
    void officerLogsInThroughTheStaffClient() throws Exception {
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        URI callback = browser.logIn("portal-staff", STAFF_CALLBACK, pkce, OFFICER, "demo");

        assertThat(callback.toString()).startsWith(STAFF_CALLBACK + "?");
        JsonNode tokens = browser.exchange("portal-staff", "dev-staff-secret", STAFF_CALLBACK, query(callback).get("code"), pkce);
        JsonNode idToken = payload(tokens.path("id_token").asString());
        assertThat(idToken.path("sub").asString()).isEqualTo(OFFICER);
        assertThat(idToken.path("preferred_username").asString()).isEqualTo(OFFICER);
        assertThat(idToken.path("name").asString()).isEqualTo("Đỗ Thu Trang");
        assertThat(idToken.path("staff").asBoolean()).isTrue();
        assertThat(idToken.has("eid_level")).isFalse();
    }

    @Test
    void officerThroughTheCitizenClientIsDeniedWithoutACode() throws Exception {
        URI callback = new Browser().logIn("portal-citizen", CITIZEN_CALLBACK, new Pkce(), OFFICER, "demo");

        assertThat(callback.toString()).startsWith(CITIZEN_CALLBACK + "?");
        assertThat(query(callback)).containsEntry("error", "access_denied").containsEntry("state", "state-1")
                .doesNotContainKey("code");
    }

    @Test
    void citizenThroughTheStaffClientIsDeniedWithoutACode() throws Exception {
        URI callback = new Browser().logIn("portal-staff", STAFF_CALLBACK, new Pkce(), CITIZEN, "demo");

        assertThat(query(callback)).containsEntry("error", "access_denied").doesNotContainKey("code");
    }

    @Test
    void redirectUriOnAnotherHostIsRefused() throws Exception {
        HttpResponse<String> response = new Browser().get(authorizeUrl("portal-citizen",
                "http://portal.example:8080/login/oauth2/code/vneid", new Pkce()), "Accept", "text/html");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void relyingPartyLogoutEndsTheProviderSessionAndReturnsToAnyLoopbackPort() throws Exception {
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        URI callback = browser.logIn("portal-citizen", CITIZEN_CALLBACK, pkce, CITIZEN, "demo");
        String idToken = browser.exchange("portal-citizen", "dev-citizen-secret", CITIZEN_CALLBACK,
                query(callback).get("code"), pkce).path("id_token").asString();

        HttpResponse<String> logout = browser.get(provider.issuerUri() + "/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + encode("http://127.0.0.1:45678/") + "&state=bye", "Accept", "text/html");
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(location(logout)).isEqualTo("http://127.0.0.1:45678/?state=bye");

        // Logged out: a new authorization request asks for the password again.
        HttpResponse<String> again = browser.get(authorizeUrl("portal-citizen", CITIZEN_CALLBACK, new Pkce()), "Accept", "text/html");
        assertThat(location(again)).endsWith("/login");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static JsonNode citizenIdToken(String idNumber) throws Exception {
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        URI callback = browser.logIn("portal-citizen", CITIZEN_CALLBACK, pkce, idNumber, "demo");
        return payload(browser.exchange("portal-citizen", "dev-citizen-secret", CITIZEN_CALLBACK,
                query(callback).get("code"), pkce).path("id_token").asString());
    }

    private static String authorizeUrl(String clientId, String redirectUri, Pkce pkce) {
        return provider.issuerUri() + "/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&scope=" + encode("openid profile") + "&redirect_uri=" + encode(redirectUri)
                + "&state=state-1&nonce=nonce-1&code_challenge=" + pkce.challenge + "&code_challenge_method=S256";
    }

    private static JsonNode payload(String jwt) {
        return json.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8),
                        (a, b) -> a, LinkedHashMap::new));
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("No redirect: " + response.statusCode() + " " + response.body()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** RFC 7636 verifier and S256 challenge. */
    private static final class Pkce {
        final String verifier;
        final String challenge;

        Pkce() throws Exception {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** A browser with its own cookie jar that does not follow redirects, so each hop can be checked. */
    private static final class Browser {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String uri, String... headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).GET();
            if (headers.length > 0) request.headers(headers);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String uri, Map<String, String> form, String... headers) throws Exception {
            String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (headers.length > 0) request.headers(headers);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** GET /oauth2/authorize as a browser does, follow the redirect, and return the login page. */
        HttpResponse<String> startAuthorization(String clientId, String redirectUri, Pkce pkce) throws Exception {
            HttpResponse<String> authorize = get(authorizeUrl(clientId, redirectUri, pkce), "Accept", "text/html");
            assertThat(authorize.statusCode()).isEqualTo(302);
            assertThat(location(authorize)).isEqualTo(provider.issuerUri() + "/login");
            HttpResponse<String> loginPage = get(location(authorize));
            assertThat(loginPage.statusCode()).isEqualTo(200);
            return loginPage;
        }

        HttpResponse<String> submitLogin(HttpResponse<String> loginPage, String username, String password) throws Exception {
            Matcher csrf = CSRF.matcher(loginPage.body());
            assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
            return post(provider.issuerUri() + "/login",
                    Map.of("username", username, "password", password, "_csrf", csrf.group(1)));
        }

        /** The whole front channel: authorize, log in, back to authorize, and the redirect to the client. */
        URI logIn(String clientId, String redirectUri, Pkce pkce, String username, String password) throws Exception {
            HttpResponse<String> posted = submitLogin(startAuthorization(clientId, redirectUri, pkce), username, password);
            assertThat(posted.statusCode()).isEqualTo(302);
            String savedRequest = location(posted);
            assertThat(savedRequest).startsWith(provider.issuerUri() + "/oauth2/authorize");
            HttpResponse<String> authorized = get(savedRequest, "Accept", "text/html");
            assertThat(authorized.statusCode()).isEqualTo(302);
            return URI.create(location(authorized));
        }

        /** The back channel: the code and the PKCE verifier for tokens, with client_secret_basic. */
        JsonNode exchange(String clientId, String secret, String redirectUri, String code, Pkce pkce) throws Exception {
            String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = post(provider.issuerUri() + "/oauth2/token",
                    Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                            "code_verifier", pkce.verifier),
                    "Authorization", "Basic " + basic);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        }
    }
}
