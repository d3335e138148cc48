package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.QueueFilter;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.FieldProblem;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/** Checks against the register that definitions attach to transitions, and dates that cannot lie in the future. */
class GuardsTest extends PortalIntegrationTest {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    vn.gov.portal.dossier.Dossiers dossiers;

    @Test
    void aMarriageWithSomeoneAlreadyMarriedCannotBeApprovedAndNothingChanges() {
        ProcedureDefinition marriage = catalog.find("marriage-registration").orElseThrow();
        String groom = handOut("select p.id_number from population.person p where p.sex = 'M' and p.marital_status = 'SINGLE'"
                + " and p.birth_date between current_date - interval '40 years' and current_date - interval '22 years' and "
                + FREE + " order by p.id_number", 700);
        String bride = handOut("select p.id_number from population.person p where p.sex = 'F' and p.marital_status = 'SINGLE'"
                + " and p.birth_date between current_date - interval '45 years' and current_date - interval '22 years' and "
                + FREE + " order by p.id_number", 700);
        PortalUser filer = citizen(groom, 2);
        Map<String, String> answers = new HashMap<>();
        marriage.fields().filter(f -> !f.locked()).forEach(f -> answers.put(f.id(), switch (f.type()) {
            case SELECT -> f.options().get(0).value();
            case PERSON -> bride;
            case DATE -> LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(3).toString();
            case PHONE -> "0912345678";
            case EMAIL -> "a@example.vn";
            case CHECKBOX -> "true";
            case PROVINCE -> "01";
            case COMMUNE -> "00308";
            case NUMBER -> "1";
            default -> "Nội dung thử nghiệm";
        }));
        // The partner is typed by number: the form comes back once to show her name, then goes.
        Filing.Outcome unconfirmed = filing.submit(filer, marriage, UUID.randomUUID(), answers);
        assertThat(unconfirmed).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) unconfirmed).problems()).extracting(FieldProblem::code)
                .containsExactly("validation.confirmPerson");
        assertThat(((Filing.Invalid) unconfirmed).form().values().get("partnerName")).isNotBlank();
        answers.put(Filing.confirmationOf("partner"), bride);
        Filing.Outcome outcome = filing.submit(filer, marriage, ((Filing.Invalid) unconfirmed).form().formId(), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        String staff = jdbc.sql("select username from staff_role where agency_id = ? and role = ? limit 1")
                .params(dossier.agencyId(), "RECEIVER").query(String.class).single();
        String prefix = staff.substring(0, staff.lastIndexOf('.'));
        // Until the other party confirms, the dossier is not the officers' to work on.
        assertThat(dossiers.queue(officer(staff), QueueFilter.open(), 0)).extracting(Dossier::id).doesNotContain(dossier.id());
        Dossier waiting = dossier;
        assertThatThrownBy(() -> decisions.act(citizen(bride, 1), waiting.id(), "confirm", "", waiting.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("filing.levelTooLowToAct");
        dossier = decisions.act(citizen(bride, 2), dossier.id(), "confirm", "", dossier.lockVersion());
        assertThat(dossiers.queue(officer(staff), QueueFilter.open(), 0)).extracting(Dossier::id).contains(dossier.id());
        dossier = decisions.decide(officer(prefix + ".tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer(prefix + ".xuly"), dossier.id(), "process", "", dossier.lockVersion());
        Dossier processing = dossier;
        // Meanwhile the register records her married (a married partner's own confirmation is refused already:
        // MarriageRefusedAtConfirmationTest); the approval checks again, refuses and changes nothing.
        jdbc.sql("update population.person set marital_status = 'MARRIED' where id_number = ?").param(bride).update();
        try {
            assertThatThrownBy(() -> decisions.decide(officer(prefix + ".lanhdao"), processing.id(), "approve", "",
                    processing.lockVersion()))
                    .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("guard.bothUnmarried");
            assertThat(jdbc.sql("select state from dossier where id = ?").param(processing.id()).query(String.class).single())
                    .isEqualTo(processing.state());
            assertThat(jdbc.sql("select marital_status from population.person where id_number = ?").param(groom)
                    .query(String.class).single()).isEqualTo("SINGLE");
            assertThat(jdbc.sql("select count(*) from population.family_link where id_number = ? and relation = 'SPOUSE'")
                    .param(groom).query(Long.class).single()).isZero();
        } finally {
            jdbc.sql("update population.person set marital_status = 'SINGLE' where id_number = ?").param(bride).update();
        }
    }

    @Test
    void aBirthDateInTheFutureIsRefused() {
        ProcedureDefinition birth = catalog.find("birth-registration").orElseThrow();
        PortalUser parent = citizen(freeAdult(710), 2);
        Map<String, String> answers = new HashMap<>(Map.of("childBirthDate",
                LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(2).toString()));
        Filing.Outcome outcome = filing.submit(parent, birth, UUID.randomUUID(), answers);
        assertThat(outcome).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) outcome).problems())
                .anySatisfy(p -> {
                    assertThat(p.field()).isEqualTo("childBirthDate");
                    assertThat(p.code()).isEqualTo("validation.notAfterToday");
                });
        assertThat(((Filing.Invalid) outcome).problems()).extracting(FieldProblem::field).contains("childFullName");
    }
}
