package vn.gov.portal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;

/**
 * One read of the session per request. Spring Session's filter saves the session when the response is committed and
 * again when the request ends, and in between looks the session up again by its id (spring-session#1731): with the
 * sessions in PostgreSQL, a second select of the session and its attributes on every page. The filter here is the
 * same, given the store through {@link Sessions}: a lookup of the session this request has just saved gets that
 * session back instead of reading it again; the copy is forgotten when the request ends, so no request sees another's.
 * The same store writes a session's last access at most once a minute ({@link CoarseLastAccess}): a page that changes
 * nothing in its session writes nothing.
 */
@Component
class SessionReadOnce implements BeanPostProcessor {

    private final ObjectProvider<SessionRepository<?>> stores;
    private final ObjectProvider<HttpSessionIdResolver> resolvers;
    private final ObjectProvider<CookieSerializer> cookies;

    SessionReadOnce(ObjectProvider<SessionRepository<?>> stores, ObjectProvider<HttpSessionIdResolver> resolvers,
                    ObjectProvider<CookieSerializer> cookies) {
        this.stores = stores;
        this.resolvers = resolvers;
        this.cookies = cookies;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        return bean.getClass() == SessionRepositoryFilter.class ? filter(stores.getObject()) : bean;
    }

    private ReadOnceFilter filter(SessionRepository<?> store) {
        ReadOnceFilter filter = new ReadOnceFilter(new Sessions<>(store));
        // As Spring Session's configuration sets it: the application's resolver, else the session cookie.
        filter.setHttpSessionIdResolver(resolvers.getIfAvailable(() -> {
            CookieHttpSessionIdResolver cookie = new CookieHttpSessionIdResolver();
            cookies.ifAvailable(cookie::setCookieSerializer);
            return cookie;
        }));
        return filter;
    }

    /** Spring Session's filter, forgetting the request's copy of the session when the request ends. */
    static final class ReadOnceFilter extends SessionRepositoryFilter<Session> {

        private final Sessions<?> sessions;

        ReadOnceFilter(Sessions<?> sessions) {
            super(sessions);
            this.sessions = sessions;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                super.doFilterInternal(request, response, chain);
            } finally {
                sessions.forget();
            }
        }
    }

    /**
     * The session store, remembering for the current request the session it saved last, and handing out its sessions
     * with the last access counted to the minute ({@link CoarseLastAccess}).
     */
    static final class Sessions<S extends Session> implements SessionRepository<Session> {

        private final SessionRepository<S> store;
        private final ThreadLocal<Session> saved = new ThreadLocal<>();

        Sessions(SessionRepository<S> store) {
            this.store = store;
        }

        @Override
        public Session createSession() {
            return new CoarseLastAccess(store.createSession());
        }

        @Override
        public void save(Session session) {
            store.save(stored(session));
            saved.set(session);
        }

        @Override
        public Session findById(String id) {
            Session session = saved.get();
            if (session != null && session.getId().equals(id) && !session.isExpired()) {
                return session;
            }
            S stored = SessionReadsWithoutTransaction.reading(() -> store.findById(id));
            return stored == null ? null : new CoarseLastAccess(stored);
        }

        @Override
        public void deleteById(String id) {
            saved.remove();
            store.deleteById(id);
        }

        void forget() {
            saved.remove();
        }

        @SuppressWarnings("unchecked")
        private S stored(Session session) {
            return (S) (session instanceof CoarseLastAccess coarse ? coarse.stored() : session);
        }
    }
}
