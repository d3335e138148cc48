package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * Review finding: the guard bothUnmarried reads the register without locking the people it checks, so two marriage
 * dossiers naming the same person, approved at the same time (two communes, or two officers), both pass it and both
 * are written: one woman married to two men, the register's SPOUSE links contradicting each other. The second
 * approval must wait for the first and then be refused.
 */
class ConcurrentMarriagesTest extends PortalIntegrationTest {

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void twoMarriagesOfOnePersonApprovedAtOnceAreNotBothRecorded() throws Exception {
        String bride = freeSingle("F", 270);
        Dossier first = readyToApprove(freeSingle("M", 270), bride);
        Dossier second = readyToApprove(freeSingle("M", 271), bride);

        List<Object> outcomes = RacingApprovals.race(transactions, jdbc, () -> approve(first), () -> approve(second));
        assertThat(outcomes.get(0)).isInstanceOf(Dossier.class);
        assertThat(outcomes.get(1)).as("the second marriage of " + bride).isInstanceOf(UserFacingException.class)
                .extracting("code").isEqualTo("guard.bothUnmarried");
        assertThat(jdbc.sql("select count(*) from population.family_link where relation = 'SPOUSE' and related_id_number = ?")
                .param(bride).query(Long.class).single()).as("people whose spouse is " + bride).isEqualTo(1);
        // The refused approval changed nothing: its dossier waits where it was, its groom is still single.
        assertThat(jdbc.sql("select state from dossier where id = ?").param(second.id()).query(String.class).single())
                .isEqualTo("processing");
        assertThat(jdbc.sql("select marital_status from population.person where id_number = ?")
                .param(second.applicantIdNumber()).query(String.class).single()).isEqualTo("SINGLE");
    }

    private Dossier approve(Dossier dossier) {
        return decisions.decide(officer(staffWith(dossier, "APPROVER")), dossier.id(), "approve", "",
                dossier.lockVersion());
    }

    /** Filed by the groom, confirmed by the bride, received and in process: one decision from the register. */
    private Dossier readyToApprove(String groomId, String brideId) {
        PortalUser groom = citizen(groomId, 2);
        PortalUser bride = citizen(brideId, 2);
        ProcedureDefinition marriage = catalog.find("marriage-registration").orElseThrow();
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678", "partner", brideId,
                Filing.confirmationOf("partner"), brideId, "voluntaryDeclaration", "true"));
        Filing.Outcome outcome = filing.submit(groom, marriage, UUID.randomUUID(), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        dossier = decisions.act(bride, dossier.id(), "confirm", "", dossier.lockVersion());
        dossier = decisions.decide(officer(staffWith(dossier, "RECEIVER")), dossier.id(), "receive", "",
                dossier.lockVersion());
        return decisions.decide(officer(staffWith(dossier, "HANDLER")), dossier.id(), "process", "",
                dossier.lockVersion());
    }
}
