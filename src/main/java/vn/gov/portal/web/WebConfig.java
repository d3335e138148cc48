package vn.gov.portal.web;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import vn.gov.portal.identity.CurrentUserResolver;

/**
 * Vietnamese first; {@code ?lang=en} switches to English and the choice is remembered. Parameters with control
 * characters are refused before any controller reads them ({@link ControlCharacters}).
 */
@Configuration
class WebConfig implements WebMvcConfigurer {

    private final CurrentUserResolver currentUser;

    WebConfig(CurrentUserResolver currentUser) {
        this.currentUser = currentUser;
    }

    @Bean
    LocaleResolver localeResolver() {
        // Kept in the session (which survives login: the id changes, the attributes stay).
        SessionLocaleResolver resolver = new SessionLocaleResolver();
        resolver.setDefaultLocale(Locale.forLanguageTag("vi"));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
        registry.addInterceptor(new ControlCharacters());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(currentUser);
    }
}
