package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefinitionParserTest {

    private final DefinitionParser parser = new DefinitionParser(Set.of("temporary-residence"), Set.of());

    private static String realDefinition() throws IOException {
        return Files.readString(Path.of("workflows/temporary-residence.yaml"));
    }

    @Test
    void theTemporaryResidenceDefinitionIsValid() throws IOException {
        DefinitionParser.Result result = parser.parse("temporary-residence.yaml", realDefinition());
        assertThat(result.problems()).isEmpty();
        ProcedureDefinition d = result.definition();
        assertThat(d.nationalCode()).isEqualTo("1.004194");
        assertThat(d.deadline().workingDays()).isEqualTo(3);
        assertThat(d.fees().online()).isEqualTo(7000);
        assertThat(d.eidLevel()).isEqualTo(2);
        assertThat(d.routing().agencyKind()).isEqualTo("COMMUNE_POLICE");
        assertThat(d.workflow().statusOf("submitted")).isEqualTo(1);
        assertThat(d.workflow().statusOf("approved")).isEqualTo(9);
        assertThat(d.field("fullName").orElseThrow().locked()).isTrue();
        assertThat(d.field("phone").orElseThrow().locked()).isFalse();
    }

    @Test
    void everyDefinitionInWorkflowsIsValid() throws IOException {
        Set<String> handlers = Set.of("birth", "death", "marriage", "permanent-residence", "temporary-residence",
                "temporary-absence", "deregister-residence", "id-card", "record-document", "newborn-residence",
                "household-head");
        DefinitionParser all = new DefinitionParser(handlers, DefinitionRulesTest.PORTAL_GUARDS);
        java.util.List<String> problems = new java.util.ArrayList<>();
        try (var files = Files.list(Path.of("workflows"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                DefinitionParser.Result result = all.parse(file.getFileName().toString(), Files.readString(file));
                result.problems().forEach(p -> problems.add(p.toString()));
                if (result.ok()) {
                    assertThat(result.definition().code() + ".yaml").isEqualTo(file.getFileName().toString());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aTransitionToAMissingStateIsReportedWithItsLine() throws IOException {
        String broken = realDefinition().replace("to: processing", "to: procesing");
        DefinitionParser.Result result = parser.parse("broken.yaml", broken);
        assertThat(result.ok()).isFalse();
        int line = lineOf(broken, "to: procesing");
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("missing state 'procesing'");
            assertThat(p.source()).isEqualTo("broken.yaml");
            assertThat(p.line()).isBetween(line - 3, line);
        });
    }

    @Test
    void aRepeatedSectionsRowsToFillAreReadAndMoreThanItRepeatsIsReportedWithItsLine() throws IOException {
        ProcedureDefinition d = parser.parse("temporary-residence.yaml", realDefinition()).definition();
        assertThat(d.sectionOf("stayingMember").orElseThrow().minRows()).isZero();
        assertThat(d.sectionOf("fullName").orElseThrow().minRows()).as("by default").isEqualTo(1);
        String broken = realDefinition().replace("minRows: 0 ", "minRows: 7 ");
        DefinitionParser.Result result = parser.parse("broken.yaml", broken);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("minRows of section 'stayingMembers' must be 0 to its repeat");
            assertThat(p.line()).isBetween(lineOf(broken, "id: stayingMembers"), lineOf(broken, "minRows: 7"));
        });
    }

    @Test
    void theFormSetIsReadFromTheDefinitionAndAnUnknownOneIsReportedWithItsLine() throws IOException {
        assertThat(parser.parse("temporary-residence.yaml", realDefinition()).definition().formSet())
                .isEqualTo(FormSet.RESIDENCE);
        String withoutSet = realDefinition().replaceAll("(?m)^formSet:.*\n", "");
        assertThat(parser.parse("plain.yaml", withoutSet).definition().formSet()).isEqualTo(FormSet.ONE_STOP);
        String broken = realDefinition().replaceAll("(?m)^formSet:.*$", "formSet: housing");
        DefinitionParser.Result result = parser.parse("broken.yaml", broken);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("formSet 'housing' is not one of one-stop, residence");
            assertThat(p.line()).isEqualTo(lineOf(broken, "formSet: housing"));
        });
    }

    @Test
    void unknownPrefillSourcesRolesAndStatusCodesAreAllReported() throws IOException {
        String broken = realDefinition()
                .replace("prefill: person.fullName", "prefill: person.nickname")
                .replace("roles: [HANDLER]", "roles: [JANITOR]")
                .replace("{ id: received, status: 2,", "{ id: received, status: 11,");
        DefinitionParser.Result result = parser.parse("broken.yaml", broken);
        assertThat(result.problems()).extracting(DefinitionProblem::message).anyMatch(m -> m.contains("person.nickname"))
                .anyMatch(m -> m.contains("role 'JANITOR'")).anyMatch(m -> m.contains("status code 1-10"));
        assertThat(result.problems()).allMatch(p -> p.line() > 0);
    }

    @Test
    void aPaymentTransitionIsTheApplicantsAndReadsWhetherAnythingIsCharged() throws IOException {
        String officerPays = realDefinition().replaceFirst("roles: \\[HANDLER\\]", "roles: [HANDLER]\n      payment: true");
        assertThat(parser.parse("broken.yaml", officerPays).problems()).extracting(DefinitionProblem::message)
                .anyMatch(m -> m.contains("a payment transition has exactly the role APPLICANT"));

        String nothingCharged = realDefinition().replaceFirst("online: \\d+", "online: 0")
                .replaceFirst("roles: \\[HANDLER\\]", "roles: [HANDLER]\n      payment: true");
        assertThat(parser.parse("broken.yaml", nothingCharged).problems()).extracting(DefinitionProblem::message)
                .anyMatch(m -> m.contains("needs an amount"));

        ProcedureDefinition fine = new DefinitionParser(Set.of("record-document"), Set.of())
                .parse("traffic-fine-payment.yaml", Files.readString(Path.of("workflows/traffic-fine-payment.yaml"))).definition();
        assertThat(fine.workflow().transition("awaiting-payment", "pay").orElseThrow().payment()).isTrue();
        assertThat(fine.workflow().transition("awaiting-payment", "withdraw").orElseThrow().payment()).isFalse();
        // The stated amount is never what the definition charges: an officer confirms the amount due (setsAmount).
        assertThat(fine.feeDue(java.util.Map.of("fineAmount", "800000"), java.time.LocalDate.now(), false).amount()).isZero();
        assertThat(fine.workflow().transition("submitted", "confirm-amount").orElseThrow().setsAmount()).isTrue();
    }

    @Test
    void aCollectedFeeNeedsAKnownCollectionAnAmountAndAPaymentStep() throws IOException {
        String unknown = realDefinition().replaceFirst("online: (\\d+)", "online: $1\n  collection: atTheCounter");
        assertThat(parser.parse("broken.yaml", unknown).problems()).extracting(DefinitionProblem::message)
                .anyMatch(m -> m.contains("fees.collection 'atTheCounter' is not one of beforeIntake, afterIntake, none"));

        // The temporary residence workflow has no payment step: collecting its fee needs one.
        String noPayment = realDefinition().replaceFirst("online: (\\d+)", "online: $1\n  collection: beforeIntake");
        assertThat(parser.parse("broken.yaml", noPayment).problems()).extracting(DefinitionProblem::message)
                .anyMatch(m -> m.contains("needs a payment transition"));

        String free = realDefinition().replaceFirst("online: \\d+", "online: 0\n  collection: beforeIntake");
        assertThat(parser.parse("broken.yaml", free).problems()).extracting(DefinitionProblem::message)
                .anyMatch(m -> m.contains("needs an online fee fees.online above 0"));

        // Without a collection the online fee is shown, not charged.
        ProcedureDefinition shownOnly = parser.parse("temporary-residence.yaml", realDefinition()).definition();
        assertThat(shownOnly.fees().online()).isPositive();
        assertThat(shownOnly.fees().collection()).isEqualTo(ProcedureDefinition.Collection.NONE);
        assertThat(shownOnly.feeDue(java.util.Map.of(), java.time.LocalDate.now(), false).amount()).isZero();
    }

    @Test
    void anUnreachableStateAndAnUnknownKeyAreReported() throws IOException {
        String broken = realDefinition()
                .replace("    - { id: refused, status: 3,", "    - { id: archived, status: 9, label: { vi: Lưu trữ } }\n    - { id: refused, status: 3,")
                .replace("eidLevel: 2", "eidLevel: 2\ndeadlines: 5");
        DefinitionParser.Result result = parser.parse("broken.yaml", broken);
        assertThat(result.problems()).extracting(DefinitionProblem::message)
                .anyMatch(m -> m.contains("no transition reaches state 'archived'"))
                .anyMatch(m -> m.contains("unknown key 'deadlines'"));
    }

    private DefinitionParser.Result withDeadline(String deadline) throws IOException {
        return parser.parse("longer.yaml", realDefinition().replace("deadline:\n  workingDays: 3\n", deadline));
    }

    @Test
    void aLawfulLongerDeadlineIsReadAndMustBeLongerInWorkingDays() throws IOException {
        String reason = "    reason: { vi: Cần xác minh nơi ở, en: The address must be verified }\n";
        DefinitionParser.Result ok = withDeadline("deadline:\n  workingDays: 3\n  longer:\n    workingDays: 7\n" + reason);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.definition().deadline().longer().workingDays()).isEqualTo(7);
        assertThat(ok.definition().deadline().longer().reason().en()).isEqualTo("The address must be verified");

        assertThat(withDeadline("deadline:\n  workingDays: 3\n  longer:\n    workingDays: 3\n" + reason).problems())
                .extracting(DefinitionProblem::message)
                .containsExactly("deadline.longer (3 working days) must be longer than the usual deadline (3 working days)");
        assertThat(withDeadline("deadline:\n  calendarDays: 3\n  longer:\n    workingDays: 7\n" + reason).problems())
                .extracting(DefinitionProblem::message).singleElement().asString().contains("working days (workingDays)");
        assertThat(withDeadline("deadline:\n  workingDays: 3\n  longer:\n    calendarDays: 7\n" + reason).problems())
                .extracting(DefinitionProblem::message).anyMatch(m -> m.contains("unknown key 'calendarDays'"))
                .anyMatch(m -> m.contains("working days (workingDays)"));
        assertThat(withDeadline("deadline:\n  workingDays: 3\n  longer:\n    workingDays: 7\n").problems())
                .extracting(DefinitionProblem::message).singleElement().asString().contains("reason");
    }

    @Test
    void theNotificationOfStayIsDueAt23OnTheArrivalDayAndItsDateRulesAreRead() throws IOException {
        DefinitionParser stayParser = new DefinitionParser(Set.of("record-document"), Set.of());
        String stay = Files.readString(Path.of("workflows/notification-of-stay.yaml"));
        DefinitionParser.Result ok = stayParser.parse("notification-of-stay.yaml", stay);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.definition().filingDue())
                .isEqualTo(new ProcedureDefinition.FilingDue("arrivalDate", java.time.LocalTime.of(23, 0),
                        "arrivedAfter23", java.time.LocalTime.of(8, 0)));
        FormField arrival = ok.definition().field("arrivalDate").orElseThrow();
        assertThat(arrival.maxDaysAhead()).isEqualTo(7);
        assertThat(arrival.notBeforeBirthOf()).as("guests are typed by number (DefinitionRules)").isNull();
        assertThat(stayParser.parse("s.yaml", stay.replace("maxDaysAhead: 7 ", "maxDaysAhead: 7\n          notBeforeBirthOf: guest "))
                .definition().field("arrivalDate").orElseThrow().notBeforeBirthOf()).isEqualTo("guest");

        assertThat(stayParser.parse("s.yaml", stay.replace("time: \"23:00\"", "time: \"11pm\"")).problems())
                .extracting(DefinitionProblem::message).singleElement().asString()
                .contains("filingDue: time '11pm' must be a time as HH:mm");
        assertThat(stayParser.parse("s.yaml", stay.replace("time: \"08:00\"", "time: \"8h\"")).problems())
                .extracting(DefinitionProblem::message).singleElement().asString()
                .contains("filingDue: time '8h' must be a time as HH:mm");
        assertThat(stayParser.parse("s.yaml", stay.replace("  date: arrivalDate", "  day: arrivalDate"))
                .problems()).extracting(DefinitionProblem::message).anyMatch(m -> m.contains("unknown key 'day'"));
        String onText = stay.replace("          maxLength: 300\n", "          maxLength: 300\n          maxDaysAhead: 2\n"
                + "          notBeforeBirthOf: guest\n");
        assertThat(stayParser.parse("s.yaml", onText).problems()).extracting(DefinitionProblem::message)
                .containsExactlyInAnyOrder("maxDaysAhead of field 'stayNote' is for date fields, with a number of days not below 0",
                        "notBeforeBirthOf of field 'stayNote' is for date fields");
    }

    @Test
    void aGroupStepWhenMustNameAQuestionOfTheGroupsOwnForm() throws IOException {
        String group = Files.readString(Path.of("workflows/death-residence-funeral-allowance.yaml"));
        assertThat(parser.parse("group.yaml", group).problems()).isEmpty();
        ProcedureDefinition.Step allowance = parser.parse("group.yaml", group).definition().steps().get(2);
        assertThat(allowance.optional()).isTrue();
        assertThat(allowance.filedFor(java.util.Map.of("claimFuneralAllowance", "true"))).isTrue();
        assertThat(allowance.filedFor(java.util.Map.of("claimFuneralAllowance", ""))).isFalse();

        String step = "- procedure: funeral-allowance\n    when: { field: claimFuneralAllowance, equals: \"true\" }";
        String broken = group.replace(step, step.replace("claimFuneralAllowance", "claimFuneral"));
        assertThat(parser.parse("group.yaml", broken).problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("stepWhenField");
            assertThat(p.message()).isEqualTo("when of step 'funeral-allowance' names 'claimFuneral', which is not a "
                    + "field of the group's own form");
            assertThat(p.line()).isEqualTo(lineOf(broken, "when: { field: claimFuneral,"));
        });
        String first = group.replace("  - procedure: death-registration\n",
                "  - procedure: death-registration\n    when: { field: claimFuneralAllowance, equals: \"true\" }\n");
        assertThat(parser.parse("group.yaml", first).problems()).extracting(DefinitionProblem::key)
                .containsExactly("stepWhenFirst");
        String byAge = group.replace(step, step.replace("equals: \"true\"", "ageUnder: 6"));
        assertThat(parser.parse("group.yaml", byAge).problems()).extracting(DefinitionProblem::key)
                .containsExactly("stepWhenShape");
    }

    @Test
    void aTypedPersonsRegisterDetailsMayOnlyBePrefilledForOfficersAndLocked() throws IOException {
        DefinitionParser civil = new DefinitionParser(Set.of("marriage"), DefinitionRulesTest.PORTAL_GUARDS);
        String marriage = Files.readString(Path.of("workflows/marriage-registration.yaml"));
        String field = "prefill: partner.ethnicity, officersOnly: true,";
        assertThat(marriage).contains(field);
        assertThat(civil.parse("marriage.yaml", marriage).problems()).isEmpty();
        assertThat(civil.parse("marriage.yaml", marriage).definition().field("partnerEthnicity").orElseThrow()
                .officersOnly()).isTrue();

        String shownToTheFiler = marriage.replace(field, "prefill: partner.ethnicity,");
        assertThat(civil.parse("marriage.yaml", shownToTheFiler).problems()).extracting(DefinitionProblem::key)
                .containsExactly("prefillDiscloses");
        String editable = marriage.replace(field, field + " editable: true,");
        assertThat(civil.parse("marriage.yaml", editable).problems()).extracting(DefinitionProblem::key)
                .containsExactly("officersOnlyLocked");
    }

    @Test
    void aRefusalThatEndsTheDossierNamesThePortalsOwnStepIntoAFinalState() throws IOException {
        DefinitionParser civil = new DefinitionParser(Set.of("marriage"), DefinitionRulesTest.PORTAL_GUARDS);
        String marriage = Files.readString(Path.of("workflows/marriage-registration.yaml"));
        WorkflowDefinition.Transition confirm = civil.parse("marriage.yaml", marriage).definition().workflow()
                .transition("awaiting-partner", "confirm").orElseThrow();
        assertThat(confirm.whenRefused()).isEqualTo("conditions-unmet");

        String intoAnOpenState = marriage.replace("      to: conditions-unmet\n", "      to: submitted\n");
        assertThat(intoAnOpenState).isNotEqualTo(marriage);
        assertThat(civil.parse("marriage.yaml", intoAnOpenState).problems()).extracting(DefinitionProblem::key)
                .contains("whenRefused");
        String unknown = marriage.replace("whenRefused: conditions-unmet", "whenRefused: give-up");
        assertThat(civil.parse("marriage.yaml", unknown).problems()).extracting(DefinitionProblem::key)
                .contains("whenRefused", "automaticRole");
        String unguarded = marriage.replace("guards: [bothUnmarried, marriageConditions]\n      whenRefused", "whenRefused");
        assertThat(unguarded).isNotEqualTo(marriage);
        assertThat(civil.parse("marriage.yaml", unguarded).problems()).extracting(DefinitionProblem::key)
                .containsExactly("whenRefused");
    }

    @Test
    void aProcedureMayBeRoutedWhereAPersonNamedInTheFormLives() throws IOException {
        DefinitionParser steps = new DefinitionParser(Set.of("newborn-residence"), Set.of());
        String residence = Files.readString(Path.of("workflows/newborn-permanent-residence.yaml"));
        assertThat(residence).contains("  place: child ");
        assertThat(steps.parse("residence.yaml", residence).problems()).isEmpty();
        String byText = residence.replace("  place: child ", "  place: childName ");
        assertThat(steps.parse("residence.yaml", byText).problems()).extracting(DefinitionProblem::key)
                .containsExactly("routingPlaceField");
    }

    @Test
    void invalidYamlIsReportedWithTheLine() {
        DefinitionParser.Result result = parser.parse("bad.yaml", "code: x\nname: [unclosed\n");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML");
            assertThat(p.line()).isPositive();
        });
    }

    @Test
    void aBrokenFileStopsTheCatalogFromLoading(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yaml"), realDefinition());
        Files.writeString(dir.resolve("bad.yaml"), realDefinition().replace("code: temporary-residence", "code: Bad Code"));
        assertThatThrownBy(() -> ProcedureCatalog.load(parser, DefinitionRulesTest.PORTAL_RULES, dir.toUri().toString()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("bad.yaml:")
                .hasMessageContaining("lower-case");
    }

    private static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }
}
