package vn.gov.portal;

import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops the start, before any bean is created, when a production setting is missing, and says which one. Without
 * this the portal would fail later with a message about a JDBC URL or an issuer that names no variable.
 */
@Component
class RequiredSettings implements BeanFactoryPostProcessor, EnvironmentAware {

    static final List<String> REQUIRED = List.of("PORTAL_DB_URL", "PORTAL_DB_USER", "PORTAL_DB_PASSWORD",
            "PORTAL_EID_ISSUER", "PORTAL_EID_CLIENT_ID", "PORTAL_EID_CLIENT_SECRET",
            "PORTAL_STAFF_ISSUER", "PORTAL_STAFF_CLIENT_ID", "PORTAL_STAFF_CLIENT_SECRET", "PORTAL_PUBLIC_URL",
            "PORTAL_LIMITS_KEY_SECRET");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> missing = REQUIRED.stream().filter(name -> {
            String value = environment.getProperty(name);
            return value == null || value.isBlank();
        }).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The portal cannot start: these environment variables are not set: "
                    + String.join(", ", missing) + ". See docs/operations.md.");
        }
    }
}
