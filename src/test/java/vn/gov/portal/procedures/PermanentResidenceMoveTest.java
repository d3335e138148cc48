package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/** Permanent residence moves the filer and the household members moving with them, one row each. */
class PermanentResidenceMoveTest extends PortalIntegrationTest {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    vn.gov.portal.dossier.Dossiers dossiers;

    @Test
    void theFilerAndTwoMembersMoveToOneNewHouseholdAtTheNewAddress() {
        ProcedureDefinition move = catalog.find("permanent-residence").orElseThrow();
        String head = freeHeadOfHousehold(3, 300);
        PortalUser filer = citizen(head, 2);
        List<String> members = livingHouseholdMembers(head).subList(0, 2);

        Map<String, String> answers = new HashMap<>();
        move.fields().filter(f -> !f.locked() && f.type() == vn.gov.portal.catalog.FormField.FieldType.SELECT)
                .forEach(f -> answers.put(f.id(), f.options().get(0).value()));
        answers.putAll(Map.of("newProvince", "01", "newCommune", "00308", "newAddressDetail", "Số 9, phố Hàng Bông",
                "movingMember_1", members.get(0), "movingMember_2", members.get(1), "movingMemberRelation_2", "Con",
                "phone", "0912345678"));
        Filing.FormState saved = ((Filing.Saved) filing.save(filer, move, UUID.randomUUID(), answers)).form();
        String secondName = jdbc.sql("select full_name from population.person where id_number = ?").param(members.get(1))
                .query(String.class).single();
        assertThat(saved.values()).containsEntry("movingMemberName_2", secondName);
        assertThat(saved.prefilled()).contains("movingMemberName_1", "movingMemberName_2");

        Filing.Outcome outcome = filing.submit(filer, move, saved.formId(), saved.values());
        if (outcome instanceof Filing.Invalid invalid) {
            // Fill whatever else this definition requires, as a citizen would, and submit again.
            invalid.problems().forEach(p -> answers.put(p.field(), fill(move, p.field())));
            outcome = filing.submit(filer, move, saved.formId(), answers);
        }
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = feePaid(filer, ((Filing.Submitted) outcome).dossier());
        // The officer sees the register records of the members the dossier names, and each look is on record.
        assertThat(dossiers.othersInvolved(officer("ca.00308.tiepnhan"), dossier))
                .extracting(i -> i.person().idNumber().value()).containsExactly(members.get(0), members.get(1));
        assertThat(jdbc.sql("""
                        select count(*) from audit_log where action = 'population.viewed' and actor = 'ca.00308.tiepnhan'
                          and subject_id in (?, ?) and details ->> 'dossier' = ?""")
                .params(members.get(0), members.get(1), dossier.receiptCode()).query(Long.class).single()).isEqualTo(2);
        for (String[] step : new String[][] {{"tiepnhan", "receive"}, {"xuly", "process"}, {"lanhdao", "approve"}}) {
            dossier = decisions.decide(officer("ca.00308." + step[0]), dossier.id(), step[1], "", dossier.lockVersion());
        }

        Long household = jdbc.sql("select household_id from population.person where id_number = ?").param(head)
                .query(Long.class).single();
        for (String person : List.of(head, members.get(0), members.get(1))) {
            assertThat(permanent(person, "commune_code")).isEqualTo("00308");
            assertThat(jdbc.sql("select household_id from population.person where id_number = ?").param(person)
                    .query(Long.class).single()).isEqualTo(household);
        }
        assertThat(jdbc.sql("select relation_to_head from population.person where id_number = ?").param(members.get(1))
                .query(String.class).single()).isEqualTo("Con");
        assertThat(jdbc.sql("select head_id_number from population.household where id = ?").param(household)
                .query(String.class).single()).isEqualTo(head);
    }

    private static String fill(ProcedureDefinition definition, String answerId) {
        var field = definition.field(answerId.replaceAll("_\\d+$", "")).orElseThrow();
        return switch (field.type()) {
            case CHECKBOX -> "true";
            case SELECT -> field.options().get(0).value();
            case PHONE -> "0912345678";
            case DATE -> java.time.LocalDate.now().plusDays(1).toString();
            default -> "Nội dung thử nghiệm";
        };
    }
}
