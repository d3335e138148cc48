package vn.gov.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import vn.gov.devstack.eid.EidProvider;
import vn.gov.devstack.mail.MailCatcher;
import vn.gov.devstack.payment.SimulatedVnpay;
import vn.gov.portal.population.synthetic.PopulationGenerator;

/**
 * A real PostgreSQL 17 (embedded, no install) with the portal's schema and demo data, and the built-in e-ID provider
 * (which also serves the simulated payment gateway), and a mail catcher (SMTP, its inbox at /mail on the provider).
 * {@link #portalProperties()} gives the portal the same settings production takes from PORTAL_* variables.
 */
public final class DevStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);

    public static final String CITIZEN_CLIENT = "portal-citizen";
    public static final String CITIZEN_SECRET = "dev-citizen-secret";
    public static final String STAFF_CLIENT = "portal-staff";
    public static final String STAFF_SECRET = "dev-staff-secret";
    /** The key of the rate limits' hashes in the dev stack; production sets its own (PORTAL_LIMITS_KEY_SECRET). */
    public static final String LIMITS_KEY_SECRET = "dev-rate-limit-key-secret-not-for-production";

    /** The sender of the portal's mails in the dev stack. */
    public static final String MAIL_FROM = "khong-tra-loi@dichvucong.dev";

    private final EmbeddedPostgres postgres;
    private final CompletableFuture<EidProvider> eid;
    private final String eidIssuer;
    private final MailCatcher mail;
    private final PopulationGenerator.GenerationReport populationLoad;

    private DevStack(EmbeddedPostgres postgres, CompletableFuture<EidProvider> eid, String eidIssuer, MailCatcher mail,
                     PopulationGenerator.GenerationReport populationLoad) {
        this.postgres = postgres;
        this.eid = eid;
        this.eidIssuer = eidIssuer;
        this.mail = mail;
        this.populationLoad = populationLoad;
    }

    /** As {@link #start(Path, int, int, int)} with the mail catcher on any free port. */
    public static DevStack start(Path dataDirectory, int eidPort, int people) {
        return start(dataDirectory, eidPort, 0, people);
    }

    /**
     * @param dataDirectory where PostgreSQL keeps its data (kept across restarts), or null for a throw-away one
     * @param eidPort       port of the e-ID provider, 0 for any free port
     * @param smtpPort      SMTP port of the mail catcher, 0 for any free port
     * @param people        size of the synthetic population seeded into an empty database
     */
    public static DevStack start(Path dataDirectory, int eidPort, int smtpPort, int people) {
        return start(dataDirectory, eidPort, smtpPort, people, Map.of());
    }

    /** As {@link #start(Path, int, int, int)} with PostgreSQL server settings (name → value) for this start. */
    public static DevStack start(Path dataDirectory, int eidPort, int smtpPort, int people,
                                 Map<String, String> postgresSettings) {
        DevStack stack = startDatabaseFirst(dataDirectory, eidPort, smtpPort, people, postgresSettings);
        stack.eid();
        return stack;
    }

    /**
     * The one-command run's start: returns as soon as the database is migrated and seeded, the e-ID provider perhaps
     * still starting ({@link #eid()} waits for it). A portal started next with {@link #eidBeforeClientRegistrations()}
     * overlaps its own start with the provider's, on a fresh clone's first run the longest part of the start.
     */
    public static DevStack startDatabaseFirst(Path dataDirectory, int eidPort, int smtpPort, int people,
                                              Map<String, String> postgresSettings) {
        // Both addresses are fixed before anything starts, so the provider's Spring context (its own schema, no use
        // of the portal's) starts at once, beside the creation of the database, the migrations and the demo data:
        // mostly the JVM's work against mostly the database's, which on two cores overlap.
        int postgresPort = LoopbackPorts.free();
        int providerPort = eidPort != 0 ? eidPort : LoopbackPorts.free();
        String jdbcUrl = "jdbc:postgresql://localhost:" + postgresPort + "/postgres?user=postgres";
        MailCatcher mail = MailCatcher.start(smtpPort);
        CompletableFuture<EidProvider> eid = CompletableFuture.supplyAsync(
                () -> EidProvider.start(jdbcUrl, "postgres", "postgres", providerPort, mail),
                start -> new Thread(start, "eid-provider-start").start());
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(postgresPort);
            postgresSettings.forEach(builder::setServerConfig);
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            DataSource dataSource = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            var populationLoad = DemoData.seedIfEmpty(dataSource, people);
            return new DevStack(postgres, eid, EidProvider.issuerUri(providerPort), mail, populationLoad.orElse(null));
        } catch (IOException | RuntimeException e) {
            // its web server would keep the JVM alive after the failure
            eid.thenAccept(EidProvider::stop);
            mail.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * For a portal started while the provider may still be starting: its OpenID Connect client registrations, which
     * read the provider's discovery document when they are created, wait for the provider; the rest of its start does
     * not.
     */
    public ApplicationContextInitializer<ConfigurableApplicationContext> eidBeforeClientRegistrations() {
        return CreationAwaits.beansOf(ClientRegistrationRepository.class, () -> {
            if (!eid.isDone()) {
                log.info("The portal's sign-in waits for the e-ID provider to finish starting");
            }
            return eid();
        });
    }

    private static String jdbcUrl(EmbeddedPostgres postgres) {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String jdbcUrl() {
        return jdbcUrl(postgres);
    }

    /** How this start loaded the synthetic population, empty when the database had it already. */
    public java.util.Optional<PopulationGenerator.GenerationReport> populationLoad() {
        return java.util.Optional.ofNullable(populationLoad);
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** The e-ID provider, once started (waits for it). */
    public EidProvider eid() {
        return eid.join();
    }

    /** The provider's issuer, known before it has started. */
    public String eidIssuer() {
        return eidIssuer;
    }

    public MailCatcher mail() {
        return mail;
    }

    /** Where the mail catcher's inbox is read in the browser. */
    public String mailInbox() {
        return eidIssuer + "/mail";
    }

    /** The PORTAL_* settings of the production configuration (application.yml), pointing at this stack. */
    public Map<String, String> productionVariables() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORTAL_DB_URL", jdbcUrl());
        env.put("PORTAL_DB_USER", "postgres");
        env.put("PORTAL_DB_PASSWORD", "postgres");
        env.put("PORTAL_EID_ISSUER", eidIssuer);
        env.put("PORTAL_EID_CLIENT_ID", CITIZEN_CLIENT);
        env.put("PORTAL_EID_CLIENT_SECRET", CITIZEN_SECRET);
        env.put("PORTAL_STAFF_ISSUER", eidIssuer);
        env.put("PORTAL_STAFF_CLIENT_ID", STAFF_CLIENT);
        env.put("PORTAL_STAFF_CLIENT_SECRET", STAFF_SECRET);
        env.put("PORTAL_PUBLIC_URL", "http://127.0.0.1:8080");
        env.put("PORTAL_LIMITS_KEY_SECRET", LIMITS_KEY_SECRET);
        // The simulated VNPAY gateway on the provider's server; production names a real merchant.
        env.put("PORTAL_PAYMENT_VNPAY_PAY_URL", eidIssuer + SimulatedVnpay.PAY_PATH);
        env.put("PORTAL_PAYMENT_VNPAY_QUERY_URL", eidIssuer + SimulatedVnpay.QUERY_PATH);
        env.put("PORTAL_PAYMENT_VNPAY_TMN_CODE", SimulatedVnpay.TMN_CODE);
        env.put("PORTAL_PAYMENT_VNPAY_HASH_SECRET", SimulatedVnpay.HASH_SECRET);
        // Notification mail goes to the mail catcher (plain SMTP on the loopback; production uses STARTTLS).
        env.put("PORTAL_SMTP_HOST", "127.0.0.1");
        env.put("PORTAL_SMTP_PORT", String.valueOf(mail.port()));
        env.put("PORTAL_SMTP_STARTTLS", "false");
        env.put("PORTAL_MAIL_FROM", MAIL_FROM);
        return env;
    }

    /** Production variables plus what only the dev run needs. */
    public Map<String, Object> portalProperties() {
        Map<String, Object> properties = new LinkedHashMap<>(productionVariables());
        properties.put("server.address", "127.0.0.1");
        properties.put("portal.security.form-targets", eidIssuer);
        // The provider's jar is on the test classpath; its auto-configuration must not act inside the portal.
        properties.put("spring.autoconfigure.exclude",
                "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
                        + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration");
        return properties;
    }

    /**
     * Registers the portal's IPN URL with the simulated gateway, as the merchant registers it with VNPAY: the gateway
     * then notifies the portal of every payment, server to server, as production depends on.
     */
    public void notifyPaymentsTo(String portalUrl) {
        eid().vnpay().registerIpnUrl(java.net.URI.create(portalUrl + "/payments/vnpay/ipn"));
    }

    @Override
    public void close() {
        eid().stop();
        mail.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
