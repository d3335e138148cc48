package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;
import vn.gov.portal.PortalIntegrationTest;

/**
 * Requests are not observed: the portal exports no metrics, and the observations Micrometer's metrics bring (a timer
 * around every request, Spring Security wrapping each of its filters) cost ~8% of its CPU (docs/performance.md).
 */
class NoRequestObservationsTest extends PortalIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void thereIsNoObservationRegistryAndNoRequestObservationFilter() {
        assertThat(context.getBeansOfType(ObservationRegistry.class)).isEmpty();
        assertThat(context.getBeansOfType(Filter.class).values())
                .noneMatch(filter -> filter instanceof ServerHttpObservationFilter);
    }
}
