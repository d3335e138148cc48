package vn.gov.devstack;

import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.gov.portal.PortalApplication;

/**
 * The one-command run ({@code mvn spring-boot:test-run}): PostgreSQL with its data in ./data/postgres, the built-in
 * e-ID provider on 127.0.0.1:9000, a mail catcher on SMTP port 2525 (inbox at http://127.0.0.1:9000/mail), demo data,
 * and the portal on http://127.0.0.1:8080.
 * Options: {@code --portal.dev.people=N} seeds N people into an empty database; {@code --portal.dev.data=DIR};
 * {@code --portal.dev.dossiers=N} adds submitted dossiers up to N, to try the officer queue with a large backlog;
 * {@code --portal.audit.verify} checks the audit chain and exits (AuditChainCommand).
 */
public final class DevPortal {

    private DevPortal() {
    }

    public static void main(String[] args) {
        int people = Integer.parseInt(option(args, "portal.dev.people", "10000"));
        Path data = Path.of(option(args, "portal.dev.data", "data/postgres"));
        DevStack stack = DevStack.startDatabaseFirst(data, 9000, 2525, people, java.util.Map.of());
        // Before the portal starts: a command such as --portal.audit.verify exits from inside run().
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        ConfigurableApplicationContext portal = new SpringApplicationBuilder(PortalApplication.class)
                .properties(stack.portalProperties())
                .properties("server.port=8080", "spring.thymeleaf.cache=false")
                .initializers(stack.eidBeforeClientRegistrations())
                .run(args);
        portal.registerShutdownHook();
        stack.notifyPaymentsTo("http://127.0.0.1:8080");
        int backlog = Integer.parseInt(option(args, "portal.dev.dossiers", "0"));
        if (backlog > 0) {
            DossierBacklog.seed(stack.dataSource(), portal.getBean(vn.gov.portal.catalog.ProcedureCatalog.class), backlog);
        }
        System.out.println(banner(stack));
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    /** The address and demo logins; one demo citizen is made level 1 so that the refusal can be tried. */
    static String banner(DevStack stack) {
        String citizen = DemoData.adultOf(stack.dataSource(), "00304", "7", 0);
        String citizen2 = DemoData.adultOf(stack.dataSource(), "00304", "7", 1);
        String levelOne = DemoData.adultOf(stack.dataSource(), "00304", "7", 2);
        stack.eid().setLevel(levelOne, 1);
        return """

                ================================================================================
                 Cổng Dịch vụ công (dev)      http://127.0.0.1:8080
                 e-ID provider (built-in)     http://127.0.0.1:9000     password for everyone: demo
                --------------------------------------------------------------------------------
                 Citizens of Phường Ba Đình (log in with the 12-digit ID number):
                   %s   e-ID level 2
                   %s   e-ID level 2
                   %s   e-ID level 1 (may save drafts, may not submit)
                 Officers (<ca|ub>.<commune code>.<tiepnhan|xuly|lanhdao>), e.g. police of Phường Hoàn Kiếm (00308):
                   ca.00308.tiepnhan   receiver      ca.00308.xuly   handler      ca.00308.lanhdao   approver
                 Admin: quantri
                 Mails sent by the portal     %s   (SMTP 127.0.0.1:%d)
                 Health: http://127.0.0.1:8080/actuator/health
                ================================================================================
                """.formatted(citizen, citizen2, levelOne, stack.mailInbox(), stack.mail().port());
    }
}
