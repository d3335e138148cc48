package vn.gov.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import vn.gov.devstack.DossierBacklog;
import vn.gov.portal.PortalApplication;
import vn.gov.portal.catalog.ProcedureCatalog;

/**
 * The portal as production runs it (its own JVM, settings from the command line), started by {@link Benchmarks}
 * against the suite's PostgreSQL and e-ID provider, so that its CPU and memory are measured apart from the load
 * generator's. {@code --bench.dossiers=N} first tops the dossier table up to N (COPY, as the dev run's backlog).
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
        }
        System.out.println(READY);
    }
}
