package vn.gov.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import vn.gov.devstack.DossierBacklog;
import vn.gov.portal.PortalApplication;
import vn.gov.portal.catalog.ProcedureCatalog;

/**
 * The portal as production runs it (its own JVM, settings from the command line), started by {@link Benchmarks}
 * against the suite's PostgreSQL and e-ID provider, so that its CPU and memory are measured apart from the load
 * generator's. {@code --bench.dossiers=N} tops the dossier table up to N (COPY, as the dev run's backlog) and exits:
 * the measured portal is started afterwards, so that its memory is not the seeding's.
 */
public final class PortalUnderTest {

    static final String READY = "BENCH-PORTAL-READY";

    private PortalUnderTest() {
    }

    public static void main(String[] args) {
        ConfigurableApplicationContext portal = SpringApplication.run(PortalApplication.class, args);
        int dossiers = Integer.parseInt(portal.getEnvironment().getProperty("bench.dossiers", "0"));
        if (dossiers > 0) {
            DossierBacklog.seed(portal.getBean(javax.sql.DataSource.class), portal.getBean(ProcedureCatalog.class),
                    dossiers);
            System.exit(SpringApplication.exit(portal));
        }
        System.out.println(READY);
    }
}
