package vn.gov.portal.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The command-line check: started with {@code --portal.audit.verify}, the portal verifies the audit chain, prints
 * the result and exits (status 0 when the chain is whole, 1 at a broken link), e.g. from a nightly cron job.
 */
@Component
class AuditChainCommand implements ApplicationRunner {

    static final String OPTION = "portal.audit.verify";

    private final AuditChain chain;
    private final ConfigurableApplicationContext context;

    AuditChainCommand(AuditChain chain, ConfigurableApplicationContext context) {
        this.chain = chain;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        AuditChain.Result result = chain.verify();
        System.out.println(describe(result));
        int status = result.ok() ? 0 : 1;
        System.exit(SpringApplication.exit(context, () -> status));
    }

    static String describe(AuditChain.Result result) {
        return result.ok()
                ? "Audit chain OK: " + result.count() + " entries"
                        + (result.headHash() == null ? "" : ", head hash " + result.headHash())
                        + (result.waiting() == 0 ? "" : "; " + result.waiting() + " newer entries not linked yet")
                : "Audit chain BROKEN at entry id " + result.brokenId() + ": " + result.problem()
                        + " (" + result.count() + " entries before it verified)";
    }
}
