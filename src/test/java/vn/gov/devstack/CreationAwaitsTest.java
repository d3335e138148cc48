package vn.gov.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CreationAwaitsTest {

    /** What was created or awaited, in order. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    interface Registrations {
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        String before() {
            EVENTS.add("before");
            return "before";
        }

        @Bean
        Registrations registrations() {
            EVENTS.add("registrations");
            return new Registrations() {
            };
        }

        @Bean
        Integer after() {
            EVENTS.add("after");
            return 1;
        }
    }

    @BeforeEach
    void clear() {
        EVENTS.clear();
    }

    @Test
    void theBeansOfTheTypeAreCreatedOnlyOnceTheAwaitedIsReadyAndTheOthersAreNotHeldUpBeforeThem() {
        try (var context = new AnnotationConfigApplicationContext()) {
            context.register(Beans.class);
            CreationAwaits.beansOf(Registrations.class, () -> EVENTS.add("provider ready")).initialize(context);
            context.refresh();
            assertThat(EVENTS).containsExactly("before", "provider ready", "registrations", "after");
        }
    }

    @Test
    void whenTheAwaitedFailsTheContextFailsWithItsCauseAndTheWaitingBeansAreNeverCreated() {
        try (var context = new AnnotationConfigApplicationContext()) {
            context.register(Beans.class);
            CreationAwaits.beansOf(Registrations.class, () -> {
                throw new IllegalStateException("port 9000 is taken");
            }).initialize(context);
            assertThatThrownBy(context::refresh).hasRootCauseMessage("port 9000 is taken");
            assertThat(EVENTS).doesNotContain("registrations");
        }
    }

    @Test
    void withNoBeanOfTheTypeTheContextWaitsBeforeCreatingAny() {
        try (var context = new AnnotationConfigApplicationContext()) {
            context.register(Beans.class);
            CreationAwaits.beansOf(Runnable.class, () -> EVENTS.add("provider ready")).initialize(context);
            context.refresh();
            assertThat(EVENTS).containsExactly("provider ready", "before", "registrations", "after");
        }
    }
}
