package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class MethodReadOnceTest {

    @Test
    void theWrappedRequestsMethodIsReadOnceHoweverOftenItIsAsked() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        HttpServletRequest wrapped = new HttpServletRequestWrapper(new MockHttpServletRequest("POST", "/procedures/x/apply")) {
            @Override
            public String getMethod() {
                reads.incrementAndGet();
                return super.getMethod();
            }
        };
        AtomicReference<String> seen = new AtomicReference<>();
        new MethodReadOnce().doFilter(wrapped, new MockHttpServletResponse(), (request, response) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            for (int i = 0; i < 400; i++) {
                seen.set(http.getMethod());
            }
            assertThat(http.getRequestURI()).isEqualTo("/procedures/x/apply");
        });

        assertThat(seen.get()).isEqualTo("POST");
        assertThat(reads.get()).isEqualTo(1);
    }
}
