package vn.gov.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;

/** Idle and absolute timeouts, logout and the new session id at login, on the real JDBC sessions. */
class SessionLifetimeTest extends PortalIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    SessionRepository<? extends Session> sessions;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    DataSource database;
    @LocalServerPort
    int port;

    /** A stored session as the login leaves it, logged in at {@code loginAt}. */
    private String loggedIn(PortalUser user, Instant loginAt) {
        return loggedIn(sessions, user, loginAt);
    }

    private static <S extends Session> String loggedIn(SessionRepository<S> sessions, PortalUser user, Instant loginAt) {
        S session = sessions.createSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(login(user)));
        session.setAttribute(SessionLifetime.LOGIN_AT, loginAt);
        sessions.save(session);
        return session.getId();
    }

    private static Cookie cookie(String sessionId) {
        return new Cookie("SESSION", Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.UTF_8)));
    }

    private boolean stored(String sessionId) {
        return jdbc.sql("select count(*) from spring_session where session_id = ?").param(sessionId)
                .query(Long.class).single() == 1;
    }

    @Test
    void thePortalsSessionFilterReadsTheSessionOncePerRequestWithoutATransaction() {
        assertThat(context.getBean("springSessionRepositoryFilter")).isInstanceOf(SessionReadOnce.ReadOnceFilter.class);
        Object store = context.getBean(org.springframework.session.jdbc.JdbcIndexedSessionRepository.class);
        assertThat(org.springframework.test.util.ReflectionTestUtils.getField(store, "transactionOperations").getClass()
                .getEnclosingClass()).isEqualTo(SessionReadsWithoutTransaction.class);
    }

    /** A statement of the session store, and whether its connection was in autocommit (no transaction) then. */
    private record Prepared(String sql, boolean autoCommit) {}

    /**
     * The same store as the portal's, on the real database, through connections that note each statement: the
     * session's read runs in autocommit, one statement and no BEGIN/COMMIT; the save, and the deletion of a session
     * found expired on reading it, each run in a transaction.
     */
    @Test
    void onTheDatabaseTheReadRunsInAutocommitAndWritesInATransaction() {
        List<Prepared> prepared = new CopyOnWriteArrayList<>();
        DataSource noting = new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection real = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")) {
                                prepared.add(new Prepared(((String) args[0]).strip(), real.getAutoCommit()));
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        JdbcIndexedSessionRepository jdbcStore = new JdbcIndexedSessionRepository(new JdbcTemplate(noting),
                SessionReadsWithoutTransaction.operations(new JdbcTransactionManager(noting)));
        SessionReadOnce.Sessions<?> store = new SessionReadOnce.Sessions<>(jdbcStore);

        Session session = store.createSession();
        session.setAttribute("language", "vi");
        store.save(session);
        store.forget();
        assertThat(prepared).isNotEmpty().allSatisfy(p -> assertThat(p.autoCommit()).as(p.sql()).isFalse());

        prepared.clear();
        assertThat(store.findById(session.getId()).<String>getAttribute("language")).isEqualTo("vi");
        assertThat(prepared).singleElement().satisfies(p -> {
            assertThat(p.sql()).startsWith("SELECT");
            assertThat(p.autoCommit()).isTrue();
        });

        jdbc.sql("update spring_session set last_access_time = ? where session_id = ?")
                .params(Instant.now().minus(Duration.ofHours(1)).toEpochMilli(), session.getId()).update();
        prepared.clear();
        assertThat(store.findById(session.getId())).as("expired").isNull();
        assertThat(prepared).extracting(Prepared::autoCommit).containsExactly(true, false);
        assertThat(prepared.get(1).sql()).startsWith("DELETE");
        assertThat(stored(session.getId())).isFalse();
    }

    @Test
    void aLoginEndsTwelveHoursAfterItHoweverActive() throws Exception {
        PortalUser citizen = citizen(freeAdult(1910), 2);
        String recent = loggedIn(citizen, Instant.now().minus(Duration.ofHours(11)));
        mvc.perform(get("/my/dossiers").cookie(cookie(recent))).andExpect(status().isOk());
        assertThat(stored(recent)).isTrue();

        String old = loggedIn(citizen, Instant.now().minus(Duration.ofHours(12).plusMinutes(1)));
        mvc.perform(get("/my/dossiers").cookie(cookie(old))).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/oauth2/authorization/vneid"));
        assertThat(stored(old)).isFalse();
    }

    @Test
    void aSessionIdleForThirtyMinutesIsOver() throws Exception {
        PortalUser citizen = citizen(freeAdult(1911), 2);
        String active = loggedIn(citizen, Instant.now());
        String idle = loggedIn(citizen, Instant.now().minus(Duration.ofMinutes(40)));
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where session_id = ?").param(idle)
                .query(Integer.class).single()).isEqualTo(30 * 60);
        jdbc.sql("update spring_session set last_access_time = ? where session_id = ?")
                .params(Instant.now().minus(Duration.ofMinutes(31)).toEpochMilli(), idle).update();
        jdbc.sql("update spring_session set last_access_time = ? where session_id = ?")
                .params(Instant.now().minus(Duration.ofMinutes(29)).toEpochMilli(), active).update();

        mvc.perform(get("/my/dossiers").cookie(cookie(idle))).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/oauth2/authorization/vneid"));
        mvc.perform(get("/my/dossiers").cookie(cookie(active))).andExpect(status().isOk());
    }

    @Test
    void pagesWriteTheLastAccessOnceAMinute() throws Exception {
        String session = loggedIn(citizen(freeAdult(1914), 2), Instant.now());
        long recent = Instant.now().minusSeconds(30).toEpochMilli();
        jdbc.sql("update spring_session set last_access_time = ? where session_id = ?").params(recent, session).update();
        mvc.perform(get("/my/dossiers").cookie(cookie(session))).andExpect(status().isOk());
        mvc.perform(get("/my/dossiers").cookie(cookie(session))).andExpect(status().isOk());
        assertThat(lastAccess(session)).isEqualTo(recent);

        long old = Instant.now().minus(Duration.ofMinutes(2)).toEpochMilli();
        jdbc.sql("update spring_session set last_access_time = ? where session_id = ?").params(old, session).update();
        long before = Instant.now().toEpochMilli();
        mvc.perform(get("/my/dossiers").cookie(cookie(session))).andExpect(status().isOk());
        assertThat(lastAccess(session)).isGreaterThanOrEqualTo(before);
        assertThat(jdbc.sql("select expiry_time from spring_session where session_id = ?").param(session)
                .query(Long.class).single()).isEqualTo(lastAccess(session) + Duration.ofMinutes(30).toMillis());
    }

    private long lastAccess(String sessionId) {
        return jdbc.sql("select last_access_time from spring_session where session_id = ?").param(sessionId)
                .query(Long.class).single();
    }

    @Test
    void logoutEndsTheStoredSession() throws Exception {
        String session = loggedIn(citizen(freeAdult(1912), 2), Instant.now());
        mvc.perform(get("/my/dossiers").cookie(cookie(session))).andExpect(status().isOk());
        mvc.perform(post("/logout").with(csrf()).cookie(cookie(session))).andExpect(status().is3xxRedirection());
        assertThat(stored(session)).isFalse();
        mvc.perform(get("/my/dossiers").cookie(cookie(session))).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/oauth2/authorization/vneid"));
    }

    @Test
    void theSessionIdChangesAtLoginAndTheLoginTimeIsRecorded() throws Exception {
        String idNumber = freeAdult(1913);
        ProviderLogin browser = new ProviderLogin(port, stack().eid().issuerUri());

        // Before login: the portal keeps the authorization request in an anonymous session.
        HttpResponse<String> start = browser.start();
        String before = browser.portalSession();
        assertThat(stored(before)).isTrue();

        HttpResponse<String> callback = browser.logIn(start, idNumber);
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(ProviderLogin.location(callback)).doesNotContain("error");

        String after = browser.portalSession();
        assertThat(after).isNotEqualTo(before);
        assertThat(stored(before)).isFalse();
        assertThat(stored(after)).isTrue();
        Session loggedIn = sessions.findById(after);
        assertThat(loggedIn.<Instant>getAttribute(SessionLifetime.LOGIN_AT)).isNotNull();
        // The login's access and refresh tokens are kept neither in the stored session nor in this instance's memory.
        assertThat(loggedIn.getAttributeNames()).noneMatch(name -> name.endsWith(".AUTHORIZED_CLIENTS"));
        Authentication authentication = loggedIn.<SecurityContext>getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY).getAuthentication();
        String principal = authentication.getName();
        // Of the login's claims the session keeps the subject and the ID token's text (for logging out), no more.
        PortalOidcUser user = (PortalOidcUser) authentication.getPrincipal();
        assertThat(user.portalUser().idNumber().value()).isEqualTo(idNumber);
        assertThat(user.getUserInfo()).isNull();
        assertThat(user.getIdToken().getClaims()).containsOnlyKeys("sub");
        assertThat(user.getIdToken().getTokenValue()).contains(".");
        // The login is stored in the portal's own form, not with Java serialization (SessionValues).
        assertThat(jdbc.sql("""
                        select a.attribute_bytes from spring_session_attributes a
                        join spring_session s on s.primary_id = a.session_primary_id
                        where s.session_id = ? and a.attribute_name = ?""")
                .params(after, HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY).query(byte[].class)
                .single()).startsWith(SessionValues.FORM);
        assertThat(context.getBeansOfType(OAuth2AuthorizedClientService.class).values())
                .allSatisfy(clients -> assertThat(clients.<OAuth2AuthorizedClient>loadAuthorizedClient("vneid", principal))
                        .isNull());
        assertThat(browser.get(browser.portal() + "/my/dossiers").statusCode()).isEqualTo(200);
    }
}
