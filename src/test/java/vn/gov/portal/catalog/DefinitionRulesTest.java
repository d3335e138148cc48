package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.gov.portal.population.RegisterGuard;

/** One small definition per rule, each breaking exactly that rule; the real files break none. */
class DefinitionRulesTest {

    /** The portal's guards, by name. */
    static final Set<String> PORTAL_GUARDS = Set.of("bothUnmarried", "marriageConditions", "notDeceased",
            "deathRecorded", WorkflowDefinition.NO_FEE_DUE);

    /** What the portal's guards read and its write-backs add (the Spring test checks the real beans agree). */
    static final DefinitionRules PORTAL_RULES = new DefinitionRules(
            Map.of("bothUnmarried", Set.of(RegisterGuard.PARTY_FIELD),
                    "marriageConditions", Set.of(RegisterGuard.PARTY_FIELD), "notDeceased", Set.of("deceased"),
                    "deathRecorded", Set.of("deceased")),
            Map.of("birth", Set.of("childIdNumber")));

    private static final DefinitionParser PARSER = new DefinitionParser(Set.of("record-document"),
            PORTAL_GUARDS);

    static final String TINY = """
            code: tiny
            version: 1
            name: { vi: Thử, en: Test }
            lifeEvent: residence
            routing: { agencyKind: COMMUNE_POLICE, place: applicant }
            deadline: { workingDays: 3 }
            fees: { counter: 0, online: 0 }
            form:
              sections:
                - id: main
                  title: { vi: Chính, en: Main }
                  fields:
                    - { id: note, type: text, label: { vi: Ghi chú, en: Note } }
            workflow:
              initial: submitted
              states:
                - { id: submitted, status: 1, label: { vi: Mới nộp, en: Submitted } }
                - { id: processing, status: 4, label: { vi: Đang xử lý, en: Processing } }
                - { id: done, status: 10, terminal: true, label: { vi: Đã trả kết quả, en: Returned } }
              transitions:
                - { event: receive, from: submitted, to: processing, roles: [RECEIVER], label: { vi: Tiếp nhận, en: Receive } }
                - { event: finish, from: processing, to: done, roles: [APPROVER], label: { vi: Trả kết quả, en: Return } }
            result: { vi: Kết quả, en: Result }
            """;

    private static final String LAST_STATE = "    - { id: done, status: 10, terminal: true, label: { vi: Đã trả kết quả, en: Returned } }\n";
    private static final String LAST_TRANSITION = "    - { event: finish, from: processing, to: done, roles: [APPROVER], label: { vi: Trả kết quả, en: Return } }\n";

    private static List<DefinitionProblem> problems(String yaml) {
        return problems(yaml, DefinitionRules.StaffedRoles.UNCHECKED, Map.of());
    }

    private static List<DefinitionProblem> problems(String yaml, DefinitionRules.StaffedRoles staffed,
                                                    Map<String, ProcedureDefinition> others) {
        DefinitionParser.Result parsed = PARSER.parse("test.yaml", yaml);
        assertThat(parsed.problems()).as("the parser accepts the text, so the rule is ours").isEmpty();
        return PORTAL_RULES.problems(parsed.definition(), DefinitionLines.of(yaml),
                code -> Optional.ofNullable(others.get(code)), staffed);
    }

    private static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void theSmallDefinitionHasNoProblem() {
        assertThat(problems(TINY)).isEmpty();
    }

    @Test
    void aStateOnlyUnreachableStatesLeadToIsReportedOnItsLine() {
        String yaml = TINY.replace(LAST_STATE, LAST_STATE
                        + "    - { id: limbo, status: 4, label: { vi: Treo, en: Limbo } }\n")
                .replace(LAST_TRANSITION, LAST_TRANSITION
                        + "    - { event: loop, from: limbo, to: limbo, roles: [HANDLER], label: { vi: Lặp, en: Loop } }\n"
                        + "    - { event: close, from: limbo, to: done, roles: [HANDLER], label: { vi: Đóng, en: Close } }\n");
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("state 'limbo' cannot be reached from the initial state 'submitted'");
            assertThat(p.line()).isEqualTo(lineOf(yaml, "id: limbo"));
            assertThat(p.source()).isEqualTo("test.yaml");
        });
    }

    @Test
    void anOpenStateWithNoWayToATerminalStateIsReported() {
        String yaml = TINY.replace(LAST_STATE, LAST_STATE
                        + "    - { id: parked, status: 4, label: { vi: Tạm dừng, en: Parked } }\n")
                .replace(LAST_TRANSITION, LAST_TRANSITION
                        + "    - { event: park, from: processing, to: parked, roles: [HANDLER], label: { vi: Tạm dừng, en: Park } }\n"
                        + "    - { event: poke, from: parked, to: parked, roles: [HANDLER], label: { vi: Nhắc, en: Poke } }\n");
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("no path leads from state 'parked' to a terminal state");
            assertThat(p.line()).isEqualTo(lineOf(yaml, "id: parked"));
        });
    }

    @Test
    void aWorkflowWithoutTerminalStateIsReportedOnce() {
        String yaml = TINY.replace("status: 10, terminal: true,", "status: 10,");
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("no terminal state");
            assertThat(p.line()).isEqualTo(lineOf(yaml, "workflow:"));
        });
    }

    @Test
    void aTerminalStateMustHaveAClosingStatus() {
        String yaml = TINY.replace("id: done, status: 10", "id: done, status: 4");
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("terminal state 'done' has status 4");
            assertThat(p.line()).isEqualTo(lineOf(yaml, "id: done"));
        });
        assertThat(problems(TINY.replace("id: done, status: 10", "id: done, status: 9")))
                .as("resolved (9) closes when nothing follows").isEmpty();
        assertThat(problems(TINY.replace("id: done, status: 10", "id: done, status: 3"))).isEmpty();
    }

    @Test
    void anOfficerRoleNoStaffHoldsInTheAgencyKindIsReported() {
        List<DefinitionProblem> found = problems(TINY,
                kind -> kind.equals("COMMUNE_POLICE") ? Set.of("RECEIVER", "HANDLER") : Set.of(), Map.of());
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("role APPROVER").contains("COMMUNE_POLICE");
            assertThat(p.line()).isEqualTo(lineOf(TINY, "event: finish"));
        });
        assertThat(problems(TINY, kind -> Set.of("RECEIVER", "APPROVER"), Map.of())).isEmpty();
    }

    @Test
    void citizenRolesNeedNoStaff() {
        String yaml = TINY.replace(LAST_STATE, LAST_STATE
                        + "    - { id: withdrawn, status: 7, terminal: true, label: { vi: Đã rút, en: Withdrawn } }\n")
                .replace(LAST_TRANSITION, LAST_TRANSITION
                        + "    - { event: withdraw, from: submitted, to: withdrawn, roles: [APPLICANT], label: { vi: Rút, en: Withdraw } }\n");
        assertThat(problems(yaml, kind -> Set.of("RECEIVER", "APPROVER"), Map.of())).isEmpty();
    }

    @Test
    void aGuardReadingAFieldTheFormLacksIsReported() {
        String yaml = TINY.replace("roles: [APPROVER],", "roles: [APPROVER], guards: [notDeceased],");
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("guard 'notDeceased'").contains("field 'deceased'");
            assertThat(p.line()).isEqualTo(lineOf(yaml, "event: finish"));
        });
    }

    @Test
    void aGuardCheckingThePartyNeedsAParty() {
        String yaml = TINY.replace("roles: [APPROVER],", "roles: [APPROVER], guards: [bothUnmarried],");
        assertThat(problems(yaml)).singleElement().satisfies(p ->
                assertThat(p.message()).contains("guard 'bothUnmarried'").contains("names no party"));
    }

    @Test
    void aWriteBackPersonFieldMustBeAPersonField() {
        String yaml = TINY.replace("roles: [APPROVER],", "roles: [APPROVER], writeBack: true,")
                .replace("result: {", "writeBack: { handler: record-document, documentKind: X, personField: subject }\nresult: {");
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("writeBack.personField 'subject'");
            assertThat(p.line()).isEqualTo(lineOf(yaml, "writeBack: { handler"));
        });
    }

    @Test
    void aGroupStepInputMustNameAFieldOfTheStepAndAnEarlierAnswer() {
        ProcedureDefinition tiny = PARSER.parse("tiny.yaml", TINY).definition();
        ProcedureDefinition other = PARSER.parse("other.yaml", TINY.replace("code: tiny", "code: other")).definition();
        String group = """
                code: pair
                name: { vi: Liên thông, en: Pair }
                lifeEvent: residence
                deadline: { workingDays: 3 }
                fees: { counter: 0, online: 0 }
                steps:
                  - procedure: tiny
                  - procedure: other
                    inputs: { note: note, missing: neverAsked }
                result: { vi: Kết quả, en: Result }
                """;
        List<DefinitionProblem> found = problems(group, DefinitionRules.StaffedRoles.UNCHECKED,
                Map.of("tiny", tiny, "other", other));
        assertThat(found).extracting(DefinitionProblem::message).containsExactlyInAnyOrder(
                "step 'other' has no field 'missing' for its input",
                "input 'missing' of step 'other' takes 'neverAsked', which no earlier step asks or produces");
        assertThat(found).allSatisfy(p -> assertThat(p.line()).isEqualTo(lineOf(group, "- procedure: other")));
    }

    @Test
    void aLaterStepTakesNoInputFromAnOptionalStep() {
        ProcedureDefinition tiny = PARSER.parse("tiny.yaml", TINY).definition();
        ProcedureDefinition other = PARSER.parse("other.yaml", TINY.replace("code: tiny", "code: other")
                .replace("id: note,", "id: remark,")).definition();
        ProcedureDefinition last = PARSER.parse("last.yaml", TINY.replace("code: tiny", "code: last")).definition();
        String group = """
                code: trio
                name: { vi: Liên thông, en: Trio }
                lifeEvent: residence
                deadline: { workingDays: 3 }
                fees: { counter: 0, online: 0 }
                form:
                  sections:
                    - id: claims
                      title: { vi: Đề nghị, en: Claims }
                      fields:
                        - { id: claimOther, type: checkbox, label: { vi: Đề nghị, en: Claim } }
                steps:
                  - procedure: tiny
                  - procedure: other
                    when: { field: claimOther, equals: "true" }
                  - procedure: last
                    inputs: { note: remark }
                result: { vi: Kết quả, en: Result }
                """;
        List<DefinitionProblem> found = problems(group, DefinitionRules.StaffedRoles.UNCHECKED,
                Map.of("tiny", tiny, "other", other, "last", last));
        assertThat(found).extracting(DefinitionProblem::message).containsExactly(
                "input 'note' of step 'last' takes 'remark' from the optional step 'other', which may not be filed");
        assertThat(problems(group.replace("    when: { field: claimOther, equals: \"true\" }\n", ""),
                DefinitionRules.StaffedRoles.UNCHECKED, Map.of("tiny", tiny, "other", other, "last", last))).isEmpty();
    }

    /**
     * A state with the result is a decided one (9 or 10), and the result is not undone after it: an interconnected
     * group's next step has already started from there.
     */
    @Test
    void aResultExistsOnlyInADecidedStateAndIsNotUndoneAfterIt() {
        String decided = TINY.replace(LAST_STATE, ""
                        + "    - { id: approved, status: 9, hasResult: true, label: { vi: Đã giải quyết, en: Completed } }\n"
                        + LAST_STATE)
                .replace(LAST_TRANSITION, ""
                        + "    - { event: approve, from: processing, to: approved, roles: [APPROVER], label: { vi: Duyệt, en: Approve } }\n"
                        + "    - { event: finish, from: approved, to: done, roles: [RECEIVER], label: { vi: Trả kết quả, en: Return } }\n");
        assertThat(problems(decided)).isEmpty();

        String early = decided.replace("status: 4, label", "status: 4, hasResult: true, label");
        assertThat(problems(early)).extracting(DefinitionProblem::toString).containsExactly("test.yaml:"
                + lineOf(early, "id: processing") + ": state 'processing' has the result (hasResult) but status 4: only"
                + " a resolved (9) or returned (10) dossier has its result");

        String undone = decided.replace(LAST_STATE, LAST_STATE
                        + "    - { id: stopped, status: 8, terminal: true, label: { vi: Dừng xử lý, en: Stopped } }\n")
                .replace("    - { event: finish, from: approved,", ""
                        + "    - { event: stop, from: approved, to: stopped, roles: [APPROVER], label: { vi: Dừng, en: Stop } }\n"
                        + "    - { event: finish, from: approved,");
        assertThat(problems(undone)).extracting(DefinitionProblem::toString).containsExactly("test.yaml:"
                + lineOf(undone, "id: stopped") + ": state 'stopped' (status 8) follows a state with the result: a result"
                + " cannot be refused, stopped or withdrawn once it exists, as an interconnected group's next step has"
                + " started from it");
    }

    /** TINY with a person field in a repeated section and an arrival date after it. */
    private static final String WITH_DATES = TINY.replace(
            "        - { id: note, type: text, label: { vi: Ghi chú, en: Note } }\n",
            "        - { id: note, type: text, label: { vi: Ghi chú, en: Note } }\n"
                    + "        - { id: arrival, type: date, required: true, maxDaysAhead: 7, notBeforeBirthOf: guest, label: { vi: Ngày đến, en: Arrival } }\n"
                    + "    - id: guests\n"
                    + "      title: { vi: Khách, en: Guests }\n"
                    + "      repeat: 3\n"
                    + "      fields:\n"
                    + "        - { id: guest, type: person, relation: HOUSEHOLD_MEMBER, label: { vi: Khách, en: Guest } }\n"
                    + "        - { id: guestArrival, type: date, required: true, label: { vi: Ngày đến, en: Arrival } }\n")
            .replace("fees: { counter: 0, online: 0 }\n", "fees: { counter: 0, online: 0 }\nfilingDue: { date: arrival, time: \"23:00\" }\n");

    @Test
    void aFilingTimeIsDueOnARequiredDateEveryDossierHas() {
        assertThat(WITH_DATES).contains("id: arrival", "id: guests", "filingDue:");
        assertThat(problems(WITH_DATES)).isEmpty();
        for (String elsewhere : List.of("note", "guestArrival", "missing")) {
            String yaml = WITH_DATES.replace("filingDue: { date: arrival", "filingDue: { date: " + elsewhere);
            assertThat(problems(yaml)).as(elsewhere).singleElement().satisfies(p -> {
                assertThat(p.message()).contains("filingDue.date '" + elsewhere + "' must name a required date field");
                assertThat(p.line()).isEqualTo(lineOf(yaml, "filingDue:"));
            });
        }
        String optional = WITH_DATES.replace("id: arrival, type: date, required: true,", "id: arrival, type: date,");
        assertThat(problems(optional)).extracting(DefinitionProblem::key).containsExactly("filingDueField");
    }

    @Test
    void theNextDayOfAFilingTimeIsTickedInACheckboxOfTheDossier() {
        String nextDay = WITH_DATES.replace("time: \"23:00\" }", "time: \"23:00\", nextDay: { when: late, time: \"08:00\" } }")
                .replace("        - { id: note, type: text,", "        - { id: late, type: checkbox, label: { vi: Muộn, en: Late } }\n"
                        + "        - { id: note, type: text,");
        assertThat(problems(nextDay)).isEmpty();
        String onText = nextDay.replace("nextDay: { when: late,", "nextDay: { when: note,");
        assertThat(problems(onText)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("filingDue.nextDay.when 'note' must name a checkbox field");
            assertThat(p.line()).isEqualTo(lineOf(onText, "filingDue:"));
        });
    }

    @Test
    void aDateNotBeforeABirthNamesAPersonField() {
        String yaml = WITH_DATES.replace("notBeforeBirthOf: guest", "notBeforeBirthOf: note");
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("notBeforeBirthOf of field 'arrival' must name a person field, not 'note'");
            assertThat(p.line()).isEqualTo(lineOf(yaml, "id: arrival"));
        });
    }

    @Test
    void aDateNotBeforeABirthNeverNamesAPersonTypedByNumber() {
        String yaml = WITH_DATES.replace("relation: HOUSEHOLD_MEMBER", "relation: ANY");
        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("notBeforeBirthOfTyped");
            assertThat(p.message()).contains("must not name 'guest', a person typed by ID number");
            assertThat(p.line()).isEqualTo(lineOf(yaml, "id: arrival"));
        });
    }

    @Test
    void aSectionIsNeverShownByTheAgeOfAPersonTypedByNumber() {
        String yaml = WITH_DATES.replace(" notBeforeBirthOf: guest,", "").replace(
                "        - { id: guestArrival, type: date, required: true, label: { vi: Ngày đến, en: Arrival } }\n",
                "        - { id: guestArrival, type: date, required: true, label: { vi: Ngày đến, en: Arrival } }\n"
                        + "    - id: young\n"
                        + "      title: { vi: Trẻ em, en: Children }\n"
                        + "      when: { field: guest, ageUnder: 14 }\n"
                        + "      fields:\n"
                        + "        - { id: school, type: text, label: { vi: Trường, en: School } }\n");
        assertThat(yaml).contains("id: young");
        assertThat(problems(yaml)).as("the age of a member of the filer's household").isEmpty();
        String typed = yaml.replace("relation: HOUSEHOLD_MEMBER", "relation: ANY");
        assertThat(problems(typed)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("whenAgeTyped");
            assertThat(p.message()).contains("when of section 'young' must not test the age of 'guest', a person typed by ID number");
            assertThat(p.line()).isEqualTo(lineOf(typed, "- id: young"));
        });
        assertThat(problems(typed.replace("relation: ANY", "relation: DECEASED"))).extracting(DefinitionProblem::key)
                .containsExactly("whenAgeTyped");
    }

    @Test
    void withoutTheTextProblemsConcernTheWholeFile() {
        DefinitionParser.Result parsed = PARSER.parse("test.yaml", TINY.replace("id: done, status: 10", "id: done, status: 5"));
        assertThat(PORTAL_RULES.problems(parsed.definition(), DefinitionLines.NONE, code -> Optional.empty(),
                DefinitionRules.StaffedRoles.UNCHECKED)).singleElement().satisfies(p -> assertThat(p.line()).isZero());
    }

    @Test
    void allThirtyOneRealDefinitionsHaveNoProblem() throws IOException {
        Map<String, ProcedureDefinition> loaded = ProcedureCatalog.load(
                new DefinitionParser(Set.of("birth", "death", "marriage", "permanent-residence", "temporary-residence",
                        "temporary-absence", "deregister-residence", "id-card", "record-document", "newborn-residence",
                        "household-head"), PORTAL_GUARDS), PORTAL_RULES, "file:workflows/");
        try (var files = Files.list(Path.of("workflows"))) {
            assertThat(loaded).hasSize((int) files.filter(f -> f.toString().endsWith(".yaml")).count()).hasSize(31);
        }
    }

    @Test
    void aRuleProblemStopsTheCatalogWithFileAndLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String broken = TINY.replace("id: done, status: 10", "id: done, status: 4");
        Files.writeString(dir.resolve("tiny.yaml"), broken);
        assertThatThrownBy(() -> ProcedureCatalog.load(PARSER, PORTAL_RULES, dir.toUri().toString()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("tiny.yaml:" + lineOf(broken, "id: done") + ": terminal state 'done' has status 4");
    }

    // ---------------------------------------------------------------- confirmed amount

    /** TINY with an amount the applicant states (a fine), paid online once the receiving officer confirmed it. */
    private static final String STATED_AMOUNT = TINY
            .replace("- { id: note, type: text, label: { vi: Ghi chú, en: Note } }",
                    "- { id: note, type: text, label: { vi: Ghi chú, en: Note } }\n"
                            + "        - { id: fineAmount, type: number, min: 1, label: { vi: Số tiền phạt, en: Fine } }")
            .replace(LAST_STATE, LAST_STATE
                    + "    - { id: unpaid, status: 6, label: { vi: Chờ thanh toán, en: Awaiting payment } }\n")
            .replace("{ event: receive, from: submitted, to: processing,",
                    "{ event: receive, from: submitted, to: unpaid, setsAmount: true,")
            .replace(LAST_TRANSITION, LAST_TRANSITION
                    + "    - { event: pay, from: unpaid, to: processing, roles: [APPLICANT], payment: true, label: { vi: Nộp, en: Pay } }\n");

    @Test
    void aTypedAmountIsChargedOnlyAfterAnOfficerConfirmedIt() {
        assertThat(problems(STATED_AMOUNT)).isEmpty();
        assertThat(PARSER.parse("test.yaml", STATED_AMOUNT).definition()
                .feeDue(Map.of("fineAmount", "10000"), java.time.LocalDate.now(), false).amount()).isZero();

        // Without the confirmation the payment would charge what the citizen typed.
        String unconfirmed = STATED_AMOUNT.replace(" setsAmount: true,", "");
        assertThat(problems(unconfirmed)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("'pay'", "'fineAmount'", "setsAmount");
            assertThat(p.line()).isEqualTo(lineOf(unconfirmed, "{ event: pay,"));
        });
        // Nor may any other way reach the payment without a confirmation (here another officer's step).
        String bypassed = STATED_AMOUNT.replace(LAST_TRANSITION, LAST_TRANSITION
                + "    - { event: hurry, from: submitted, to: unpaid, roles: [HANDLER], label: { vi: Chuyển nhanh, en: Hurry } }\n");
        assertThat(problems(bypassed)).singleElement().satisfies(p -> assertThat(p.message()).contains("'pay'"));

        // Only an officer confirms an amount: not the applicant, nor the payment itself.
        DefinitionParser.Result byCitizen = PARSER.parse("test.yaml", STATED_AMOUNT.replace(" setsAmount: true,", "")
                .replace("payment: true,", "payment: true, setsAmount: true,"));
        assertThat(byCitizen.problems()).anySatisfy(p -> assertThat(p.message()).contains("'pay'", "setsAmount"));
    }

    // ---------------------------------------------------------------- fee collection

    /** TINY with an online fee the portal collects: paid first (initial state), then received by an officer. */
    private static final String FEE_FIRST = TINY
            .replace("fees: { counter: 0, online: 0 }", "fees: { counter: 20000, online: 10000, collection: beforeIntake }")
            .replace("  initial: submitted\n", "  initial: unpaid\n")
            .replace(LAST_STATE, LAST_STATE
                    + "    - { id: unpaid, status: 6, label: { vi: Chờ nộp lệ phí, en: Awaiting the fee } }\n"
                    + "    - { id: withdrawn, status: 7, terminal: true, label: { vi: Đã rút, en: Withdrawn } }\n")
            .replace(LAST_TRANSITION, LAST_TRANSITION
                    + "    - { event: pay, from: unpaid, to: submitted, roles: [APPLICANT], payment: true, label: { vi: Nộp, en: Pay } }\n"
                    + "    - { event: withdraw, from: unpaid, to: withdrawn, roles: [APPLICANT], label: { vi: Rút, en: Withdraw } }\n");

    // ---------------------------------------------------------------- fees not always due

    private static final String NO_FEE_SKIP =
            "    - { event: no-fee, from: unpaid, to: submitted, roles: [SYSTEM], automatic: true, guards: [noFeeDue], label: { vi: Miễn, en: None due } }\n";
    private static final String WAY_BACK =
            "    - { event: back-to-fee, from: submitted, to: unpaid, roles: [RECEIVER], requiresNote: true, label: { vi: Nộp lệ phí, en: Pay } }\n";
    private static final String GROUNDS = "fees: { counter: 20000, online: 10000, collection: beforeIntake, exemptions: "
            + "[ { id: poorHousehold, label: { vi: Hộ nghèo, en: Poor household }, document: proof } ] }";
    private static final String PROOF = "documents:\n  - { id: proof, name: { vi: Giấy chứng nhận, en: Certificate } }\nform:";

    /** FEE_FIRST with one exemption ground, its proof, the no-fee step and the receiver's way back. */
    private static final String EXEMPTING = FEE_FIRST
            .replace("fees: { counter: 20000, online: 10000, collection: beforeIntake }", GROUNDS)
            .replace("form:", PROOF)
            .replace(LAST_TRANSITION, LAST_TRANSITION + NO_FEE_SKIP + WAY_BACK);

    @Test
    void exemptionGroundsNeedACollectedFeeTheirDocumentTheNoFeeStepAndAWayBack() {
        assertThat(problems(EXEMPTING)).isEmpty();
        ProcedureDefinition d = PARSER.parse("test.yaml", EXEMPTING).definition();
        var today = java.time.LocalDate.now();
        assertThat(d.feeDue(Map.of("feeExemption", "poorHousehold"), today, false))
                .satisfies(due -> assertThat(due.exempt()).isTrue())
                .extracting(ProcedureDefinition.FeeDue::amount).isEqualTo(0L);
        assertThat(d.feeDue(Map.of("feeExemption", "poorHousehold"), today, true).amount())
                .as("a ground the receiver refused: due after all").isEqualTo(10_000);
        assertThat(d.feeDue(Map.of("feeExemption", "invented"), today, false).amount()).isEqualTo(10_000);

        int fees = lineOf(EXEMPTING, "fees:");
        assertThat(problems(EXEMPTING.replace(WAY_BACK, ""))).extracting(DefinitionProblem::line, DefinitionProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(fees, "fees.exemptions: needs a transition by RECEIVER"
                        + " with a required note (requiresNote: true) from submitted back to the state awaiting the fee,"
                        + " for a ground found not proved"));
        assertThat(problems(EXEMPTING.replace(WAY_BACK, WAY_BACK.replace("requiresNote: true, ", ""))))
                .extracting(DefinitionProblem::message).singleElement().asString().contains("requiresNote");
        assertThat(problems(EXEMPTING.replace(NO_FEE_SKIP, ""))).extracting(DefinitionProblem::message)
                .contains("fees.exemptions / fees.due: the workflow needs an automatic transition with guards:"
                        + " [noFeeDue] out of the state awaiting the fee, so that a dossier owing nothing goes on at once");
        assertThat(problems(EXEMPTING.replace("document: proof", "document: proff"))).extracting(DefinitionProblem::message)
                .containsExactly("fees.exemptions 'poorHousehold': document 'proff' is not in documents");
        // After intake, an officer's request to pay and the way back for a ground not proved look the same.
        assertThat(problems(EXEMPTING.replace("collection: beforeIntake", "collection: afterIntake")))
                .extracting(DefinitionProblem::message).contains("fees.exemptions: need fees.collection: beforeIntake"
                        + " (an exempt dossier skips the payment before intake; a request to pay after intake could not be"
                        + " told apart from the way back for a ground not proved)");
        // Grounds on a free procedure waive nothing.
        String free = EXEMPTING.replace("counter: 20000, online: 10000, collection: beforeIntake", "counter: 0, online: 0")
                .replace("payment: true, ", "");
        assertThat(problems(free)).extracting(DefinitionProblem::message).contains(
                "fees.exemptions / fees.due: need a fee the portal collects (fees.collection other than none, fees.online above 0)");
        // The guard elsewhere than on the automatic step out of the fee's state.
        String misplaced = EXEMPTING.replace("{ event: finish, from: processing, to: done, roles: [APPROVER],",
                "{ event: finish, from: processing, to: done, roles: [APPROVER], guards: [noFeeDue],");
        assertThat(problems(misplaced)).extracting(DefinitionProblem::message).containsExactly(
                "transition 'finish' names the guard noFeeDue: it belongs only on an automatic transition (automatic: true)"
                        + " out of a state awaiting the fee (one with a payment transition)");
    }

    @Test
    void aFeeDueOnlyWhenLateReadsARequiredDateAndIsDueTheDayAfterTheLimit() {
        String late = FEE_FIRST
                .replace("collection: beforeIntake }", "collection: beforeIntake, due: { date: born, afterDays: 60 } }")
                .replace("    - { id: note, type: text, label: { vi: Ghi chú, en: Note } }\n",
                        "    - { id: note, type: text, label: { vi: Ghi chú, en: Note } }\n"
                                + "        - { id: born, type: date, required: true, label: { vi: Ngày sinh, en: Born } }\n")
                .replace(LAST_TRANSITION, LAST_TRANSITION + NO_FEE_SKIP);
        assertThat(problems(late)).isEmpty();
        ProcedureDefinition d = PARSER.parse("test.yaml", late).definition();
        var born = java.time.LocalDate.of(2026, 1, 1);
        assertThat(d.feeDue(Map.of("born", born.toString()), born.plusDays(60), false))
                .isEqualTo(new ProcedureDefinition.FeeDue(0, ProcedureDefinition.FeeDue.Reason.ON_TIME, null));
        assertThat(d.feeDue(Map.of("born", born.toString()), born.plusDays(61), false))
                .isEqualTo(new ProcedureDefinition.FeeDue(10_000, ProcedureDefinition.FeeDue.Reason.DUE, null));

        assertThat(problems(late.replace("due: { date: born", "due: { date: note"))).extracting(DefinitionProblem::message)
                .containsExactly("fees.due.date 'note' must name a required date field outside repeated and conditional"
                        + " (when) sections");
        assertThat(PARSER.parse("test.yaml", late.replace("afterDays: 60", "afterDays: -1")).problems())
                .extracting(DefinitionProblem::message).containsExactly("fees.due: afterDays must be a number of days, 0 or more");
        assertThat(PARSER.parse("test.yaml", late.replace("afterDays: 60", "afterDayz: 60")).problems())
                .extracting(DefinitionProblem::message).isNotEmpty();
    }

    @Test
    void aFeeCollectedBeforeIntakeIsPaidBeforeAnyOfficerActs() {
        assertThat(problems(FEE_FIRST)).isEmpty();
        ProcedureDefinition d = PARSER.parse("test.yaml", FEE_FIRST).definition();
        assertThat(d.fees().collection()).isEqualTo(ProcedureDefinition.Collection.BEFORE_INTAKE);
        assertThat(d.feeDue(java.util.Map.of(), java.time.LocalDate.now(), false).amount()).isEqualTo(10_000);

        // An officer may refuse the unpaid dossier: it reaches the agency before its fee.
        String officerFirst = FEE_FIRST.replace(LAST_TRANSITION, LAST_TRANSITION
                + "    - { event: refuse, from: unpaid, to: withdrawn, roles: [RECEIVER], label: { vi: Từ chối, en: Refuse } }\n");
        assertThat(problems(officerFirst)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("beforeIntake", "'refuse'");
            assertThat(p.line()).isEqualTo(lineOf(officerFirst, "fees:"));
        });
    }

    @Test
    void aFeeCollectedAfterIntakeComesAfterAnOfficerAndBeforeTheResult() {
        // Received by an officer, then paid, then processed.
        String afterIntake = TINY
                .replace("fees: { counter: 0, online: 0 }", "fees: { counter: 20000, online: 10000, collection: afterIntake }")
                .replace(LAST_STATE, LAST_STATE
                        + "    - { id: unpaid, status: 6, label: { vi: Chờ nộp lệ phí, en: Awaiting the fee } }\n")
                .replace("{ event: receive, from: submitted, to: processing,", "{ event: receive, from: submitted, to: unpaid,")
                .replace(LAST_TRANSITION, LAST_TRANSITION
                        + "    - { event: pay, from: unpaid, to: processing, roles: [APPLICANT], payment: true, label: { vi: Nộp, en: Pay } }\n");
        assertThat(problems(afterIntake)).isEmpty();

        // Paid before anyone received it: that is before intake.
        assertThat(problems(FEE_FIRST.replace("collection: beforeIntake", "collection: afterIntake")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("afterIntake", "'pay'"));

        // The result returned without the fee: the payment can be skipped.
        String skippable = afterIntake.replace(LAST_TRANSITION, LAST_TRANSITION
                + "    - { event: waive, from: unpaid, to: done, roles: [APPROVER], label: { vi: Bỏ qua, en: Skip } }\n");
        assertThat(problems(skippable)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("state 'done'", "before the fee is paid");
            assertThat(p.line()).isEqualTo(lineOf(skippable, "fees:"));
        });
    }
}
