package vn.gov.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The session filter reads a request's session once, even when the page is written out before the request ends, and
 * every request still reads the session as stored (another instance may have changed it).
 */
class SessionReadOnceTest {

    /** Sessions in memory, counting the lookups the filter makes. */
    static final class CountingStore implements SessionRepository<MapSession> {
        final MapSessionRepository sessions = new MapSessionRepository(new ConcurrentHashMap<>());
        final List<String> lookups = new ArrayList<>();

        @Override
        public MapSession createSession() {
            return sessions.createSession();
        }

        @Override
        public void save(MapSession session) {
            sessions.save(session);
        }

        @Override
        public MapSession findById(String id) {
            lookups.add(id);
            return sessions.findById(id);
        }

        @Override
        public void deleteById(String id) {
            sessions.deleteById(id);
        }
    }

    private final CountingStore store = new CountingStore();
    private final MapSession stored = store.createSession();

    /** A page that reads the session, writes itself and is sent (committed) before the request ends. */
    private static final FilterChain PAGE = (request, response) -> {
        response.getWriter().write("Xin chào " + ((HttpServletRequest) request).getSession().getAttribute("name"));
        response.flushBuffer();
    };

    private String page(SessionRepositoryFilter<?> filter) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/my/dossiers");
        request.setCookies(new Cookie("SESSION",
                Base64.getEncoder().encodeToString(stored.getId().getBytes(StandardCharsets.UTF_8))));
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setCharacterEncoding("UTF-8");
        filter.doFilter(request, response, PAGE);
        return response.getContentAsString();
    }

    @Test
    void aPageReadsItsSessionOnceAndTheNextPageReadsItAsStored() throws Exception {
        stored.setAttribute("name", "Nguyễn Văn An");
        store.save(stored);
        var filter = new SessionReadOnce.ReadOnceFilter(new SessionReadOnce.Sessions<>(store));

        assertThat(page(filter)).isEqualTo("Xin chào Nguyễn Văn An");
        assertThat(store.lookups).containsExactly(stored.getId());

        // Changed meanwhile by another instance: the next request sees the change, not this instance's last copy.
        MapSession elsewhere = store.sessions.findById(stored.getId());
        elsewhere.setAttribute("name", "Trần Thị Bình");
        store.sessions.save(elsewhere);
        assertThat(page(filter)).isEqualTo("Xin chào Trần Thị Bình");
        assertThat(store.lookups).hasSize(2);
    }

    @Test
    void aPageWritesTheLastAccessOnlyWhenTheStoredOneIsAMinuteOld() throws Exception {
        var filter = new SessionReadOnce.ReadOnceFilter(new SessionReadOnce.Sessions<>(store));
        Instant recent = Instant.now().minusSeconds(20);
        stored.setLastAccessedTime(recent);
        store.save(stored);
        page(filter);
        assertThat(store.sessions.findById(stored.getId()).getLastAccessedTime()).isEqualTo(recent);

        Instant old = Instant.now().minus(CoarseLastAccess.PRECISION).minusSeconds(1);
        stored.setLastAccessedTime(old);
        store.save(stored);
        Instant before = Instant.now();
        page(filter);
        assertThat(store.sessions.findById(stored.getId()).getLastAccessedTime()).isAfterOrEqualTo(before);
    }

    @Test
    void springSessionsOwnFilterReadsTheSessionTwiceForSuchAPage() throws Exception {
        // Why SessionReadOnce exists (spring-session#1731); when this fails, the upstream filter is fixed and
        // SessionReadOnce can go.
        stored.setAttribute("name", "Nguyễn Văn An");
        store.save(stored);
        page(new SessionRepositoryFilter<>(store));
        assertThat(store.lookups).hasSize(2);
    }
}
