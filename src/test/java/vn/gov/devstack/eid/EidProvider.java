package vn.gov.devstack.eid;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import vn.gov.devstack.LoopbackPorts;
import vn.gov.devstack.mail.MailCatcher;
import vn.gov.devstack.mail.MailCatcherPages;
import vn.gov.devstack.payment.SimulatedVnpay;

/**
 * The built-in e-ID provider: an OpenID Connect provider for citizens (client {@code portal-citizen}, like VNeID)
 * and staff (client {@code portal-staff}) over the portal's own database, running as a second Spring application
 * context with its own embedded server in the same JVM. Every account's password is {@code demo}. Its server also
 * serves the simulated payment gateway ({@link SimulatedVnpay}).
 */
public final class EidProvider {

    private final ConfigurableApplicationContext context;
    private final int port;

    private EidProvider(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    /** Starts the provider on 127.0.0.1:port (0 = random free port). jdbcUrl/user/password: the portal's PostgreSQL. */
    public static EidProvider start(String jdbcUrl, String user, String password, int port) {
        return start(jdbcUrl, user, password, port, null);
    }

    /** As {@link #start(String, String, String, int)}, also serving the mail catcher's inbox at /mail if one is given. */
    public static EidProvider start(String jdbcUrl, String user, String password, int port, MailCatcher mail) {
        // The issuer must be known before start, so a random port is chosen here rather than by the server.
        int actualPort = port != 0 ? port : LoopbackPorts.free();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", "eid-provider");   // never the portal's application.yml
        properties.put("spring.main.banner-mode", "off");
        properties.put("eid.issuer", issuerUri(actualPort));
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", actualPort);
        properties.put("server.shutdown", "immediate");
        // The portal and the provider share the host 127.0.0.1, and cookies ignore ports: a distinct cookie name
        // keeps the provider's session from overwriting the portal's.
        properties.put("server.servlet.session.cookie.name", "EID_SESSION");
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("spring.datasource.hikari.pool-name", "eid-provider");
        properties.put("spring.datasource.hikari.maximum-pool-size", 2);
        // The dev stack starts the provider while PostgreSQL is still being created: wait for it rather than fail.
        properties.put("spring.datasource.hikari.initialization-fail-timeout", 60_000);
        properties.put("spring.sql.init.mode", "never");
        properties.put("spring.thymeleaf.prefix", "classpath:/eid-provider/templates/");
        properties.put("spring.web.resources.add-mappings", false);    // do not serve the portal's static files
        properties.put("management.endpoints.access.default", "none"); // actuator is on the classpath for the portal
        properties.put("management.endpoints.web.exposure.exclude", "*");

        // Only these properties: JVM system properties and environment variables are meant for the portal
        // (e.g. spring.datasource.url or server.port set by a launcher) and must not leak into the provider.
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("eidProvider", properties));

        // The same web server also plays the payment gateway (one dev server less to start and to allow in the CSP).
        SpringApplicationBuilder builder = new SpringApplicationBuilder(EidProviderConfiguration.class, SimulatedVnpay.class)
                .main(EidProvider.class)          // logs say "Started EidProvider", not the caller's main class
                .environment(environment)
                .registerShutdownHook(false)    // the caller stops it
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("signingKey", EidProviderConfiguration.SigningKey.generateBeside()));
        if (mail != null) {
            // The mail catcher's inbox, readable in the browser, on this server too.
            builder.sources(MailCatcherPages.class)
                    .initializers(context -> context.getBeanFactory().registerSingleton("mailCatcher", mail));
        }
        // Logging belongs to the portal's context: a second initialisation would reset its log configuration.
        builder.application().setListeners(builder.application().getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener))
                .toList());
        return new EidProvider(builder.run(), actualPort);
    }

    /**
     * The e-ID level a citizen gets on first login unless {@link #setLevel} set one: level 1 (basic) when the
     * last digit of the ID number is 7, else level 2 (verified in person). Deterministic, so about one person in ten
     * of any generated population has a level-1 account to try what such an account may not do.
     */
    public static int levelFor(String idNumber) {
        return idNumber.endsWith("7") ? 1 : 2;
    }

    /** Forces a citizen's e-ID level (1 or 2) for the following logins. */
    public void setLevel(String idNumber, int level) {
        if (!EidUsers.isIdNumber(idNumber) || (level != 1 && level != 2)) {
            throw new IllegalArgumentException("Need a 12-digit ID number and level 1 or 2");
        }
        context.getBean(EidUsers.class).setLevel(idNumber, level);
    }

    /** How many times the provider's key set (JWKS) has been requested since it started, by anyone. */
    public int keySetRequests() {
        return context.getBean(KeySetRequests.class).count();
    }

    /** The simulated VNPAY gateway this server plays. */
    public SimulatedVnpay vnpay() {
        return context.getBean(SimulatedVnpay.class);
    }

    /** "http://127.0.0.1:&lt;port&gt;"; discovery is at {@code issuerUri() + "/.well-known/openid-configuration"}. */
    public String issuerUri() {
        return issuerUri(port);
    }

    /** The issuer of a provider on this port, known before it has started. */
    public static String issuerUri(int port) {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public void stop() {
        context.close();
    }
}
