package vn.gov.portal.population.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;

/** The people a residence write-back moves: the filer, then one per row of the repeated section. */
class AnswersTest {

    private static final IdNumber FILER = new IdNumber("001090012345");

    private static CompletedDossier dossier(Map<String, String> answers) {
        return new CompletedDossier(UUID.randomUUID(), "CA.01.00308-260101-0001", "temporary-residence", FILER,
                answers, Map.of(), "Công an phường Hoàn Kiếm", "01", "ca.00308.lanhdao", LocalDate.of(2026, 1, 2),
                new HashMap<>());
    }

    @Test
    void theFilerComesFirstThenEachPickedPersonOnceInRowOrderWithTheirRowsAnswer() {
        Map<String, String> answers = new HashMap<>();
        answers.put("relationToNewHead", "Con");
        answers.put("member_10", "001095000010");
        answers.put("memberRelation_10", "Cháu");
        answers.put("member_2", "001095000002");
        answers.put("memberRelation_2", "Vợ");
        answers.put("member_1", "");                      // an empty row
        answers.put("member_3", "001095000002");          // the same person again
        answers.put("memberRelation_3", "Em");
        answers.put("member_4", "001090012345");          // the filer picked as a member
        answers.put("member_5", "12345");                 // not an ID number
        answers.put("memberName_6", "001095000006");      // another field of the row, not a person

        Map<IdNumber, String> people = Answers.filerAndRows(dossier(answers), "relationToNewHead", "member",
                "memberRelation");

        assertThat(people).containsExactly(Map.entry(FILER, "Con"), Map.entry(new IdNumber("001095000002"), "Vợ"),
                Map.entry(new IdNumber("001095000010"), "Cháu"));
    }

    @Test
    void withoutMembersOrAFilerAnswerOnlyTheFilerWithNothingBeside() {
        assertThat(Answers.filerAndRows(dossier(Map.of("newCommune", "00308")), null, "member", "memberRelation"))
                .containsExactly(Map.entry(FILER, ""));
        // A section that is not repeated answers under the field's own id.
        assertThat(Answers.filerAndRows(dossier(Map.of("member", "001095000002")), null, "member", "memberRelation"))
                .containsExactly(Map.entry(FILER, ""), Map.entry(new IdNumber("001095000002"), ""));
    }
}
