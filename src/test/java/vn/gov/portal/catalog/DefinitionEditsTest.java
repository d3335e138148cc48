package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;

/** The structured forms change the text in place, and the result reads back as the intended definition. */
class DefinitionEditsTest {

    private final DefinitionParser parser = new DefinitionParser(Set.of("temporary-residence", "record-document",
            "id-card", "birth", "death", "marriage", "permanent-residence", "temporary-absence", "deregister-residence",
            "newborn-residence", "household-head"), DefinitionRulesTest.PORTAL_GUARDS);

    private static String file(String name) throws IOException {
        return Files.readString(Path.of("workflows/" + name));
    }

    private ProcedureDefinition parse(String yaml) {
        DefinitionParser.Result result = parser.parse("test.yaml", yaml);
        assertThat(result.problems()).isEmpty();
        return result.definition();
    }

    @Test
    void metadataFeesDeadlineAndLevelChangeOnlyTheirLines() throws IOException {
        String before = file("temporary-residence.yaml");
        String after = DefinitionEdits.metadata(before, new DefinitionEdits.Metadata("Đăng ký tạm trú: có thời hạn",
                "Temporary residence, for a while", "Tóm tắt \"mới\"", "New summary", "1.004194"));
        after = DefinitionEdits.fees(after, 20000, 0);
        after = DefinitionEdits.deadline(after, 5);
        after = DefinitionEdits.eidLevel(after, 1);
        ProcedureDefinition d = parse(after);
        assertThat(d.name()).isEqualTo(new LocalizedText("Đăng ký tạm trú: có thời hạn", "Temporary residence, for a while"));
        assertThat(d.summary()).isEqualTo(new LocalizedText("Tóm tắt \"mới\"", "New summary"));
        assertThat(d.nationalCode()).isEqualTo("1.004194");
        assertThat(d.fees().counter()).isEqualTo(20000);
        assertThat(d.fees().online()).isZero();
        assertThat(d.deadline().workingDays()).isEqualTo(5);
        assertThat(d.eidLevel()).isEqualTo(1);
        // Everything else, comments included, is untouched: the same number of lines, and the form and workflow equal.
        assertThat(after.lines().count()).isEqualTo(before.lines().count());
        assertThat(after).contains("# Đăng ký tạm trú — temporary residence registration", "place: newCommune                 #");
        ProcedureDefinition original = parse(before);
        assertThat(d.sections()).isEqualTo(original.sections());
        assertThat(d.workflow()).isEqualTo(original.workflow());
    }

    @Test
    void theDeadlineFormKeepsTheLawfulLongerDeadlineWhichMustStayLonger() throws IOException {
        String before = file("criminal-record-certificate.yaml");
        assertThat(parse(DefinitionEdits.deadline(before, 12)).deadline().longer().workingDays()).isEqualTo(15);
        assertThat(parser.parse("test.yaml", DefinitionEdits.deadline(before, 15)).problems())
                .extracting(DefinitionProblem::message)
                .containsExactly("deadline.longer (15 working days) must be longer than the usual deadline (15 working days)");
    }

    @Test
    void calendarDaysGiveWayToWorkingDaysAndMissingKeysAreAdded() {
        String yaml = """
                code: x
                deadline:
                  calendarDays: 20
                  note: { vi: Ghi chú, en: Note }
                fees: { counter: 0 }
                """;
        String after = DefinitionEdits.deadline(yaml, 7);
        assertThat(after).contains("  workingDays: 7\n").doesNotContain("calendarDays").contains("note: { vi: Ghi chú");
        assertThat(DefinitionEdits.fees(after, 1000, 500)).contains("fees: { counter: 1000, online: 500 }");
        assertThat(DefinitionEdits.metadata(after, new DefinitionEdits.Metadata("Tên", "Name", "", "", "")))
                .contains("name: { vi: Tên, en: Name }");
    }

    @Test
    void aNewStepGoesBetweenTwoStatesWithItsTransitions() throws IOException {
        String after = DefinitionEdits.addStep(file("temporary-residence.yaml"), new DefinitionEdits.NewStep("checked", 4,
                "Đã kiểm tra", "Checked", "received", "processing", "check", "Kiểm tra hồ sơ", "Check the papers",
                List.of("HANDLER"), List.of("APPROVER"), true));
        WorkflowDefinition w = parse(after).workflow();
        assertThat(w.states()).extracting(WorkflowDefinition.State::id)
                .containsSubsequence("received", "checked", "processing");
        assertThat(w.state("checked").orElseThrow().status()).isEqualTo(4);
        assertThat(w.state("checked").orElseThrow().label()).isEqualTo(new LocalizedText("Đã kiểm tra", "Checked"));
        Transition check = w.transition("received", "check").orElseThrow();
        assertThat(check.to()).isEqualTo("checked");
        assertThat(check.roles()).containsExactly("HANDLER");
        assertThat(check.label()).isEqualTo(new LocalizedText("Kiểm tra hồ sơ", "Check the papers"));
        // The way to processing now starts from the new state, with the roles chosen for it.
        assertThat(w.transition("received", "process")).isEmpty();
        Transition process = w.transition("checked", "process").orElseThrow();
        assertThat(process.to()).isEqualTo("processing");
        assertThat(process.roles()).containsExactly("APPROVER");
        // The other decisions of 'received' are possible in the new state too.
        assertThat(w.transitionsFrom("checked")).extracting(Transition::event)
                .containsExactlyInAnyOrder("stop", "process", "request-supplement", "withdraw");
        assertThat(after).contains("    - { id: checked, status: 4, label: { vi: Đã kiểm tra, en: Checked } }\n",
                "    - event: check\n      from: received\n      to: checked\n      roles: [HANDLER]\n");
    }

    @Test
    void aStepCanOnlyGoBetweenAdjacentStatesWithANewId() throws IOException {
        String yaml = file("temporary-residence.yaml");
        assertThatThrownBy(() -> DefinitionEdits.addStep(yaml, new DefinitionEdits.NewStep("checked", 4, "Đã kiểm tra",
                "", "submitted", "approved", "check", "Kiểm tra", "", List.of("HANDLER"), List.of(), false)))
                .isInstanceOf(DefinitionEdits.Refused.class).hasMessage("adminProcedures.step.notAdjacent");
        assertThatThrownBy(() -> DefinitionEdits.addStep(yaml, new DefinitionEdits.NewStep("received", 4, "Đã kiểm tra",
                "", "received", "processing", "check", "Kiểm tra", "", List.of("HANDLER"), List.of(), false)))
                .isInstanceOf(DefinitionEdits.Refused.class).hasMessage("adminProcedures.step.idTaken");
        assertThatThrownBy(() -> DefinitionEdits.addStep(yaml, new DefinitionEdits.NewStep("checked", 4, "Đã kiểm tra",
                "", "received", "processing", "process", "Kiểm tra", "", List.of("HANDLER"), List.of(), false)))
                .isInstanceOf(DefinitionEdits.Refused.class).hasMessage("adminProcedures.step.eventTaken");
    }

    @Test
    void everyFileTakesANewStepAndAVersionAndStillParses() throws IOException {
        try (var files = Files.list(Path.of("workflows"))) {
            for (Path path : files.sorted().toList()) {
                String yaml = Files.readString(path);
                ProcedureDefinition original = parser.parse(path.toString(), yaml).definition();
                if (original == null || original.isGroup()) {
                    continue;
                }
                String versioned = DefinitionEdits.version(yaml, original.version() + 1);
                assertThat(parse(versioned).version()).as(path.toString()).isEqualTo(original.version() + 1);
                java.util.Optional<Transition> byPerson = original.workflow().transitionsFrom(original.workflow().initial())
                        .stream().filter(t -> !t.automatic()).findFirst();
                if (byPerson.isEmpty()) {
                    continue;
                }
                Transition first = byPerson.get();
                String stepped = DefinitionEdits.addStep(versioned, new DefinitionEdits.NewStep("pre-check", 2,
                        "Kiểm tra trước", "Pre-check", original.workflow().initial(), first.to(), "pre-check",
                        "Kiểm tra trước", "Pre-check", List.of("RECEIVER"), List.of(), true));
                assertThat(parse(stepped).workflow().state("pre-check")).as(path.toString()).isPresent();
            }
        }
    }

    @Test
    void scalarsAreQuotedOnlyWhenYamlWouldReadThemOtherwise() {
        assertThat(DefinitionText.scalar("Đăng ký tạm trú")).isEqualTo("Đăng ký tạm trú");
        assertThat(DefinitionText.scalar("1.004194")).isEqualTo("\"1.004194\"");
        assertThat(DefinitionText.scalar("yes")).isEqualTo("\"yes\"");
        assertThat(DefinitionText.scalar("a, b")).isEqualTo("\"a, b\"");
        assertThat(DefinitionText.scalar("say \"hi\" \\ now")).isEqualTo("\"say \\\"hi\\\" \\\\ now\"");
        assertThat(DefinitionText.scalar("")).isEqualTo("\"\"");
    }
}
