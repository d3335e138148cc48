package vn.gov.portal.catalog;

import org.springframework.context.support.ResourceBundleMessageSource;

/** The portal's message bundles as Spring Boot configures them (application.yml: spring.messages), for plain tests. */
final class TestMessages {

    private TestMessages() {
    }

    static ResourceBundleMessageSource source() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
