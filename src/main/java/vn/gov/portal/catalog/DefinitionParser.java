package vn.gov.portal.catalog;

import java.io.StringReader;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import vn.gov.portal.population.PrefillSources;
import vn.gov.portal.catalog.FormField.FieldType;
import vn.gov.portal.catalog.ProcedureDefinition.FormSection;
import vn.gov.portal.catalog.WorkflowDefinition.State;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;

/**
 * Reads one definition file (the format is described in docs/procedures.md) and checks it, collecting every
 * problem with its line instead of stopping at the first.
 */
public final class DefinitionParser {

    /** Roles a transition may name: officers', the filer's, the other party's and the portal's own. */
    public static final Set<String> ROLES = Set.of("RECEIVER", "HANDLER", "APPROVER", WorkflowDefinition.APPLICANT,
            WorkflowDefinition.PARTY, WorkflowDefinition.SYSTEM);
    /** Who may file a procedure, shown to citizens. */
    public static final List<String> FILERS = List.of("SELF", "PARENT", "GUARDIAN", "HOUSEHOLD_HEAD", "HOST",
            "RELATIVE", "ORGANISATION_REPRESENTATIVE");
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final Set<String> writeBacks;
    private final Set<String> guards;

    /**
     * @param writeBacks     the names of the write-back handlers a definition may reference
     */
    public DefinitionParser(Set<String> writeBacks, Set<String> guards) {
        this.writeBacks = Set.copyOf(writeBacks);
        this.guards = Set.copyOf(guards);
    }

    public record Result(ProcedureDefinition definition, List<DefinitionProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Result parse(String source, String yaml) {
        YamlNode.Problems problems = new YamlNode.Problems(source);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            return new Result(null, List.of(DefinitionProblem.of(source, line, "invalidYaml", e.getProblem())));
        }
        if (root == null) {
            return new Result(null, List.of(DefinitionProblem.of(source, 0, "emptyFile")));
        }
        YamlNode doc = new YamlNode(root, problems);
        if (!doc.isMapping()) {
            doc.problem("notMapping");
            return new Result(null, problems.list());
        }
        if (doc.get("steps").isPresent()) {
            ProcedureDefinition group = readGroup(doc, source);
            return new Result(problems.list().isEmpty() ? group : null, List.copyOf(problems.list()));
        }
        ProcedureDefinition definition = read(doc, source);
        check(definition, doc);
        return new Result(problems.list().isEmpty() ? definition : null, List.copyOf(problems.list()));
    }

    private ProcedureDefinition read(YamlNode doc, String source) {
        doc.allowOnly(YamlNode.TOP_LEVEL, "code", "nationalCode", "version", "name", "summary", "lifeEvent", "keywords",
                "filers", "routing", "deadline", "filingDue", "fees", "eidLevel", "documents", "form", "workflow",
                "writeBack", "result", "formSet");
        String code = readCode(doc);
        List<String> filers = doc.texts("filers");
        return new ProcedureDefinition(
                code,
                doc.optionalText("nationalCode").orElse(""),
                doc.integer("version", 1),
                doc.localized("name", true),
                doc.localized("summary", false),
                readLifeEvent(doc),
                filers.isEmpty() ? List.of("SELF") : filers,
                readRouting(doc.require("routing")),
                readDeadline(doc.require("deadline")),
                readFees(doc.require("fees")),
                doc.integer("eidLevel", 2),
                readDocuments(doc),
                readSections(doc.require("form")),
                readWorkflow(doc.require("workflow")),
                readWriteBack(doc),
                doc.localized("result", true),
                List.of(),
                source,
                readKeywords(doc),
                doc.get("filingDue").map(DefinitionParser::readFilingDue).orElse(null), readFormSet(doc));
    }

    /**
     * {@code filingDue: { date: arrivalDate, time: "23:00", nextDay: { when: arrivedAfter23, time: "08:00" } }}; whether
     * the fields fit is a rule of the whole definition.
     */
    private static ProcedureDefinition.FilingDue readFilingDue(YamlNode due) {
        due.allowOnly("filingDue", "date", "time", "nextDay");
        LocalTime time = readTime(due);
        Optional<YamlNode> nextDay = due.get("nextDay");
        nextDay.ifPresent(n -> n.allowOnly("filingDue.nextDay", "when", "time"));
        LocalTime nextDayTime = nextDay.map(DefinitionParser::readTime).orElse(null);
        if (time == null || (nextDay.isPresent() && nextDayTime == null)) {
            return null;
        }
        return new ProcedureDefinition.FilingDue(due.text("date"), time, nextDay.map(n -> n.text("when")).orElse(null),
                nextDayTime);
    }

    private static LocalTime readTime(YamlNode node) {
        String time = node.text("time");
        try {
            return LocalTime.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            node.problem("filingDueTime", time);
            return null;
        }
    }

    /**
     * An interconnected group: its steps name other definitions, which the catalog checks once all are read; the
     * form is the first step's followed by the group's own questions, the routing the first step's, the group's own
     * workflow is {@link GroupWorkflow}.
     */
    private ProcedureDefinition readGroup(YamlNode doc, String source) {
        doc.allowOnly(YamlNode.TOP_LEVEL, "code", "nationalCode", "version", "name", "summary", "lifeEvent",
                "keywords", "filers", "deadline", "fees", "eidLevel", "documents", "form", "steps", "result");
        String code = readCode(doc);
        // The group's own questions (whether to claim an optional step), asked after the first step's form.
        List<FormSection> form = doc.get("form").map(this::readSections).orElse(List.of());
        List<YamlNode> stepNodes = doc.list("steps");
        List<ProcedureDefinition.Step> steps = stepNodes.stream().map(step -> {
            step.allowOnly("steps", "procedure", "inputs", "when");
            Map<String, String> inputs = step.get("inputs").map(YamlNode::scalars).orElse(Map.of());
            return new ProcedureDefinition.Step(step.text("procedure"), Map.copyOf(inputs),
                    step.get("when").map(DefinitionParser::readCondition).orElse(null));
        }).toList();
        if (steps.size() < 2) {
            doc.require("steps").problem("groupTooFewSteps");
        }
        List<String> filers = doc.texts("filers");
        ProcedureDefinition group = new ProcedureDefinition(code, doc.optionalText("nationalCode").orElse(""),
                doc.integer("version", 1), doc.localized("name", true), doc.localized("summary", false),
                readLifeEvent(doc), filers.isEmpty() ? List.of("SELF") : filers, null,
                readDeadline(doc.require("deadline")), readFees(doc.require("fees")),
                doc.integer("eidLevel", 2),
                readDocuments(doc),
                form, GroupWorkflow.DEFINITION, null, doc.localized("result", true), steps, source,
                readKeywords(doc));
        doc.get("form").ifPresent(node -> checkForm(group, node));
        for (int i = 0; i < steps.size(); i++) {
            checkStepWhen(group, i, stepNodes.get(i));
        }
        return group;
    }

    /**
     * A step's {@code when} is a value of the group's own form: the first step is always filed (its form is the
     * group's), and a later one depends on what the citizen said when filing, not on what an agency decided.
     */
    private static void checkStepWhen(ProcedureDefinition group, int index, YamlNode node) {
        ProcedureDefinition.Step step = group.steps().get(index);
        if (step.when() == null) {
            return;
        }
        YamlNode when = node.require("when");
        if (index == 0) {
            when.problem("stepWhenFirst", step.procedure());
        } else if (step.when().byAge() || step.when().equals() == null || step.when().field().isEmpty()) {
            when.problem("stepWhenShape", step.procedure());
        } else if (group.field(step.when().field()).isEmpty()) {
            when.problem("stepWhenField", step.procedure(), step.when().field());
        }
    }

    /** One of the fixed catalogue groups ({@link LifeEvent}), so that no procedure lands in a group of its own. */
    private static String readLifeEvent(YamlNode doc) {
        String value = doc.text("lifeEvent");
        if (!value.isEmpty() && LifeEvent.fromId(value).isEmpty()) {
            doc.require("lifeEvent").problem("lifeEventUnknown", value, LifeEvent.ids());
        }
        return value;
    }

    /** Which paper forms the dossiers get; the one-stop-shop forms unless the definition names another set. */
    private static FormSet readFormSet(YamlNode doc) {
        Optional<String> value = doc.optionalText("formSet");
        if (value.isEmpty()) {
            return FormSet.ONE_STOP;
        }
        return FormSet.fromId(value.get()).orElseGet(() -> {
            doc.require("formSet").problem("formSetUnknown", value.get(), FormSet.ids());
            return FormSet.ONE_STOP;
        });
    }

    /** Optional search words: { vi: [hộ khẩu, CCCD], en: [ID card] }. */
    private static ProcedureDefinition.Keywords readKeywords(YamlNode doc) {
        Optional<YamlNode> node = doc.get("keywords");
        if (node.isEmpty()) {
            return ProcedureDefinition.Keywords.NONE;
        }
        YamlNode keywords = node.get();
        if (!keywords.isMapping()) {
            keywords.problem("keywordsShape");
            return ProcedureDefinition.Keywords.NONE;
        }
        keywords.allowOnly("keywords", "vi", "en");
        return new ProcedureDefinition.Keywords(keywordList(keywords, "vi"), keywordList(keywords, "en"));
    }

    private static List<String> keywordList(YamlNode keywords, String language) {
        List<String> words = keywords.texts(language);
        if (words.stream().anyMatch(w -> SearchText.fold(w).isEmpty())) {
            keywords.require(language).problem("keywordEmpty", language);
        }
        return words.stream().filter(w -> !SearchText.fold(w).isEmpty()).toList();
    }

    private static String readCode(YamlNode doc) {
        String code = doc.text("code");
        if (!code.isEmpty() && !CODE.matcher(code).matches()) {
            doc.require("code").problem("codeFormat", code);
        }
        return code;
    }

    private static ProcedureDefinition.Fees readFees(YamlNode fees) {
        fees.allowOnly("fees", "counter", "online", "note", "collection", "exemptions", "due");
        String collection = fees.optionalText("collection").orElse(ProcedureDefinition.Collection.NONE.id());
        if (ProcedureDefinition.Collection.fromId(collection).isEmpty()) {
            fees.require("collection").problem("feeCollectionUnknown", collection, ProcedureDefinition.Collection.ids());
        }
        List<ProcedureDefinition.Exemption> exemptions = fees.list("exemptions").stream().map(e -> {
            e.allowOnly("fees.exemptions", "id", "label", "document");
            String id = e.text("id");
            if (!ID.matcher(id).matches()) {
                e.problem("exemptionId", id);
            }
            return new ProcedureDefinition.Exemption(id, e.localized("label", true),
                    e.optionalText("document").orElse(null));
        }).toList();
        ProcedureDefinition.DueWhenLate due = fees.get("due").map(d -> {
            d.allowOnly("fees.due", "date", "afterDays");
            int days = d.integer("afterDays", -1);
            if (days < 0) {
                d.problem("feeDueDays");
            }
            return new ProcedureDefinition.DueWhenLate(d.text("date"), Math.max(days, 0));
        }).orElse(null);
        return new ProcedureDefinition.Fees(fees.integer("counter", 0), fees.integer("online", 0),
                fees.localized("note", false),
                ProcedureDefinition.Collection.fromId(collection).orElse(ProcedureDefinition.Collection.NONE),
                exemptions, due);
    }

    private static List<ProcedureDefinition.Document> readDocuments(YamlNode doc) {
        return doc.list("documents").stream().map(d -> {
            d.allowOnly("documents", "id", "name", "required", "verifiableInRegister");
            return new ProcedureDefinition.Document(d.text("id"), d.localized("name", true), d.flag("required"),
                    d.flag("verifiableInRegister"));
        }).toList();
    }

    private static ProcedureDefinition.Routing readRouting(YamlNode routing) {
        routing.allowOnly("routing", "agencyKind", "level", "place", "placeName");
        String level = routing.optionalText("level").orElse("COMMUNE");
        ProcedureDefinition.Routing.Level parsed = ProcedureDefinition.Routing.Level.COMMUNE;
        try {
            parsed = ProcedureDefinition.Routing.Level.valueOf(level);
        } catch (IllegalArgumentException e) {
            routing.problem("routingLevel", level);
        }
        return new ProcedureDefinition.Routing(routing.text("agencyKind"), parsed, routing.text("place"),
                routing.localized("placeName", false));
    }

    private static ProcedureDefinition.Deadline readDeadline(YamlNode deadline) {
        deadline.allowOnly("deadline", "workingDays", "calendarDays", "hours", "note", "longer");
        Integer working = deadline.get("workingDays").isPresent() ? deadline.integer("workingDays", 0) : null;
        Integer calendar = deadline.get("calendarDays").isPresent() ? deadline.integer("calendarDays", 0) : null;
        Integer hours = deadline.get("hours").isPresent() ? deadline.integer("hours", 0) : null;
        long given = java.util.stream.Stream.of(working, calendar, hours).filter(java.util.Objects::nonNull).count();
        if (given != 1) {
            deadline.problem("deadlineOneOf");
        }
        if ((working != null && working < 0) || (calendar != null && calendar < 1) || (hours != null && hours < 1)) {
            deadline.problem("deadlineRange");
        }
        ProcedureDefinition.Longer longer = deadline.get("longer").map(node -> readLonger(node, working)).orElse(null);
        return new ProcedureDefinition.Deadline(working, calendar, hours, deadline.localized("note", false), longer);
    }

    /** The longer time is counted like the base one, so both are in working days, the longer one the greater. */
    private static ProcedureDefinition.Longer readLonger(YamlNode longer, Integer baseWorkingDays) {
        longer.allowOnly("deadline.longer", "workingDays", "reason");
        LocalizedText reason = longer.localized("reason", true);
        if (baseWorkingDays == null || longer.get("workingDays").isEmpty()) {
            longer.problem("deadlineLongerWorkingDays");
            return null;
        }
        int days = longer.integer("workingDays", 0);
        if (days <= baseWorkingDays) {
            longer.problem("deadlineLongerNotLonger", days, baseWorkingDays);
            return null;
        }
        return new ProcedureDefinition.Longer(days, reason);
    }

    private static ProcedureDefinition.WriteBack readWriteBack(YamlNode doc) {
        Optional<YamlNode> node = doc.get("writeBack");
        if (node.isEmpty()) {
            return null;
        }
        YamlNode writeBack = node.get();
        if (!writeBack.isMapping()) {
            return new ProcedureDefinition.WriteBack(doc.text("writeBack"), Map.of());
        }
        Map<String, String> params = new LinkedHashMap<>(writeBack.scalars());
        params.remove("handler");
        return new ProcedureDefinition.WriteBack(writeBack.text("handler"), Map.copyOf(params));
    }

    private List<FormSection> readSections(YamlNode form) {
        form.allowOnly("form", "sections");
        return form.list("sections").stream().map(section -> {
            section.allowOnly("form.sections", "id", "title", "repeat", "minRows", "when", "fields");
            List<FormField> fields = section.list("fields").stream().map(this::readField).toList();
            ProcedureDefinition.Condition when = section.get("when").map(DefinitionParser::readCondition).orElse(null);
            return new FormSection(section.text("id"), section.localized("title", true), section.integer("repeat", 1),
                    section.integer("minRows", 1), when, fields);
        }).toList();
    }

    private static ProcedureDefinition.Condition readCondition(YamlNode w) {
        w.allowOnly("when", "field", "equals", "ageUnder", "ageAtLeast");
        return new ProcedureDefinition.Condition(w.text("field"), w.optionalText("equals").orElse(null),
                optionalInteger(w, "ageUnder"), optionalInteger(w, "ageAtLeast"));
    }

    private FormField readField(YamlNode field) {
        field.allowOnly("fields", "id", "type", "label", "help", "required", "maxLength", "pattern", "patternMessage",
                "prefill", "editable", "options", "provinceField", "notBefore", "notAfter", "after", "maxYearsAfter", "min",
                "max", "relation", "officersOnly", "maxDaysAhead", "notBeforeBirthOf", "showRepeats");
        FieldType type = enumValue(field, "type", FieldType.class, FieldType.TEXT);
        String pattern = field.optionalText("pattern").orElse(null);
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                field.problem("patternInvalid", field.text("id"));
            }
        }
        List<FormField.Option> options = field.list("options").stream().map(option -> {
            option.allowOnly("options", "value", "label");
            return new FormField.Option(option.text("value"), option.localized("label", true));
        }).toList();
        FormField.Relation relation = field.get("relation").isPresent()
                ? enumValue(field, "relation", FormField.Relation.class, FormField.Relation.ANY) : null;
        return new FormField(field.text("id"), type, field.localized("label", true), field.localized("help", false),
                field.flag("required"), field.integer("maxLength", 200), pattern,
                field.localized("patternMessage", pattern != null), field.optionalText("prefill").orElse(null),
                field.flag("editable"), options, field.optionalText("provinceField").orElse(null),
                field.optionalText("notBefore").orElse(null), field.optionalText("notAfter").orElse(null),
                field.optionalText("after").orElse(null),
                optionalInteger(field, "maxYearsAfter"), optionalInteger(field, "min"), optionalInteger(field, "max"),
                relation, field.flag("officersOnly"), optionalInteger(field, "maxDaysAhead"),
                field.optionalText("notBeforeBirthOf").orElse(null), field.flag("showRepeats"));
    }

    private static Integer optionalInteger(YamlNode node, String key) {
        return node.get(key).isPresent() ? node.integer(key, 0) : null;
    }

    private static <E extends Enum<E>> E enumValue(YamlNode node, String key, Class<E> type, E fallback) {
        String value = node.text(key);
        try {
            return Enum.valueOf(type, value.toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            node.problem("valueUnknown", key, value,
                    java.util.Arrays.toString(type.getEnumConstants()).toLowerCase());
            return fallback;
        }
    }

    private WorkflowDefinition readWorkflow(YamlNode workflow) {
        workflow.allowOnly("workflow", "initial", "party", "states", "transitions");
        List<State> states = workflow.list("states").stream().map(state -> {
            state.allowOnly("workflow.states", "id", "status", "label", "terminal", "hasResult");
            return new State(state.text("id"), state.integer("status", 0), state.localized("label", true),
                    state.flag("terminal"), state.flag("hasResult"));
        }).toList();
        List<Transition> transitions = workflow.list("transitions").stream().map(t -> {
            t.allowOnly("workflow.transitions", "event", "from", "to", "roles", "label", "requiresNote", "writeBack", "automatic",
                    "guards", "payment", "setsAmount", "whenRefused");
            return new Transition(t.text("event"), t.texts("from"), t.text("to"), new LinkedHashSet<>(t.texts("roles")),
                    t.localized("label", true), t.flag("requiresNote"), t.flag("writeBack"), t.flag("automatic"),
                    t.texts("guards"), t.flag("payment"), t.flag("setsAmount"), t.optionalText("whenRefused").orElse(null));
        }).toList();
        return new WorkflowDefinition(workflow.text("initial"), workflow.optionalText("party").orElse(null), states,
                transitions);
    }

    /** Checks that need the whole definition: references between fields, states and handlers. */
    private void check(ProcedureDefinition d, YamlNode doc) {
        if (d.eidLevel() < 1 || d.eidLevel() > 2) {
            doc.require("eidLevel").problem("eidLevel");
        }
        d.filers().stream().filter(f -> !FILERS.contains(f))
                .forEach(f -> doc.require("filers").problem("filerUnknown", f, FILERS));
        checkForm(d, doc.require("form"));
        Set<String> personFields = personFields(d);
        checkRouting(d, doc.require("routing"));
        if (d.writeBack() != null && !writeBacks.contains(d.writeBack().handler())) {
            doc.require("writeBack").problem("writeBackUnknown", d.writeBack().handler(),
                    String.join(", ", writeBacks.stream().sorted().toList()));
        }
        checkWorkflow(d, doc.require("workflow"), personFields);
        checkFeeCollection(d, doc.require("fees"));
    }

    /** A fee the portal collects needs an amount and a payment step to collect it in (where: DefinitionRules). */
    private static void checkFeeCollection(ProcedureDefinition d, YamlNode fees) {
        if (d.fees().collection() == ProcedureDefinition.Collection.NONE) {
            return;
        }
        if (d.fees().online() <= 0) {
            fees.require("collection").problem("feeCollectionNoFee", d.fees().collection().id());
        }
        if (d.workflow().transitions().stream().noneMatch(Transition::payment)) {
            fees.require("collection").problem("feeCollectionNoPayment", d.fees().collection().id());
        }
    }

    private static Set<String> personFields(ProcedureDefinition d) {
        return d.fields().filter(f -> f.type() == FieldType.PERSON).map(FormField::id).collect(Collectors.toSet());
    }

    /** The sections and fields of a form: a procedure's, or a group's own questions. */
    private void checkForm(ProcedureDefinition d, YamlNode form) {
        Set<String> personFields = personFields(d);
        Set<String> fieldIds = new HashSet<>();
        List<YamlNode> sectionNodes = form.list("sections");
        for (int s = 0; s < d.sections().size(); s++) {
            ProcedureDefinition.FormSection section = d.sections().get(s);
            YamlNode sectionNode = sectionNodes.get(s);
            checkSection(section, sectionNode, d, personFields);
            List<YamlNode> fieldNodes = sectionNode.list("fields");
            for (int f = 0; f < section.fields().size(); f++) {
                checkField(section.fields().get(f), fieldNodes.get(f), fieldIds, d, personFields);
            }
        }
    }

    private static void checkRouting(ProcedureDefinition d, YamlNode node) {
        ProcedureDefinition.Routing routing = d.routing();
        if (routing.fromApplicant()) {
            return;
        }
        Optional<FormField> place = d.field(routing.place());
        boolean commune = place.filter(f -> f.type() == FieldType.COMMUNE).isPresent();
        boolean province = place.filter(f -> f.type() == FieldType.PROVINCE).isPresent();
        boolean person = place.filter(f -> f.type() == FieldType.PERSON).isPresent();
        if (!commune && !person && !(province && routing.level() == ProcedureDefinition.Routing.Level.PROVINCE)) {
            node.problem("routingPlaceField", routing.place());
        }
        if (place.isPresent() && d.sectionOf(routing.place()).filter(s -> s.repeat() > 1 || s.when() != null).isPresent()) {
            node.problem("routingPlaceSection", routing.place());
        }
    }

    private static void checkSection(ProcedureDefinition.FormSection section, YamlNode node, ProcedureDefinition d,
                                     Set<String> personFields) {
        if (section.repeat() < 1 || section.repeat() > 10) {
            node.problem("sectionRepeat", section.id());
        }
        if (section.minRows() < 0 || section.minRows() > Math.max(1, section.repeat())) {
            node.problem("sectionMinRows", section.id());
        }
        ProcedureDefinition.Condition when = section.when();
        if (when == null) {
            return;
        }
        boolean applicant = ProcedureDefinition.APPLICANT_PLACE.equals(when.field());
        if (when.byAge() && !applicant && !personFields.contains(when.field())) {
            node.problem("whenAge", section.id());
        }
        if (!when.byAge() && (when.equals() == null || d.field(when.field()).isEmpty())) {
            node.problem("whenShape", section.id());
        }
        if (section.fields().stream().anyMatch(f -> f.id().equals(when.field()))) {
            node.problem("whenOwnField", section.id(), when.field());
        }
    }

    private void checkField(FormField field, YamlNode node, Set<String> seen, ProcedureDefinition d,
                            Set<String> personFields) {
        if (!ID.matcher(field.id()).matches()) {
            node.problem("fieldIdFormat", field.id());
        }
        if (!seen.add(field.id())) {
            node.problem("fieldIdTwice", field.id());
        }
        if (field.prefill() != null && !PrefillSources.isKnown(field.prefill(), personFields)) {
            node.problem("prefillUnknown", field.prefill());
        }
        if (field.prefill() != null && PrefillSources.personFieldOf(field.prefill(), personFields)
                .filter(field.id()::equals).isPresent()) {
            node.problem("prefillItself", field.id());
        }
        // Anyone's number can be typed in an ANY or DECEASED field: showing more than the name would let anybody read
        // the register by guessing numbers. Officers may see more (officersOnly), the filer never.
        if (field.prefill() != null && !field.officersOnly() && PrefillSources.personFieldOf(field.prefill(), personFields)
                .flatMap(d::field).filter(FormField::typedPerson).isPresent()
                && !field.prefill().endsWith(".fullName") && !field.prefill().endsWith(".idNumber")) {
            node.problem("prefillDiscloses", field.prefill());
        }
        if (field.officersOnly() && !field.locked()) {
            node.problem("officersOnlyLocked", field.id());
        }
        if (field.type() == FieldType.SELECT && field.options().isEmpty()) {
            node.problem("selectOptions", field.id());
        }
        if (field.type() == FieldType.PERSON && field.relation() == null) {
            node.problem("personRelation", field.id());
        }
        if (field.type() != FieldType.PERSON && field.relation() != null) {
            node.problem("relationOnlyPerson");
        }
        if (field.type() == FieldType.COMMUNE && d.field(field.provinceField() == null ? "" : field.provinceField())
                .filter(p -> p.type() == FieldType.PROVINCE).isEmpty()) {
            node.problem("communeProvinceField", field.id());
        }
        if (field.after() != null && d.field(field.after()).filter(a -> a.type() == FieldType.DATE).isEmpty()) {
            node.problem("afterDateField", field.id());
        }
        if (field.notBefore() != null && !field.notBefore().equals("today")) {
            node.problem("notBeforeToday");
        }
        if (field.notAfter() != null && !field.notAfter().equals("today")) {
            node.problem("notAfterToday");
        }
        if (field.maxDaysAhead() != null && (field.type() != FieldType.DATE || field.maxDaysAhead() < 0)) {
            node.problem("maxDaysAhead", field.id());
        }
        if (field.notBeforeBirthOf() != null && field.type() != FieldType.DATE) {
            node.problem("notBeforeBirthOfDate", field.id());
        }
        if (field.maxYearsAfter() != null && field.after() == null) {
            node.problem("maxYearsAfterNeedsAfter", field.id());
        }
        if ((field.min() != null || field.max() != null) && field.type() != FieldType.NUMBER) {
            node.problem("minMaxNumber");
        }
    }

    private void checkWorkflow(ProcedureDefinition d, YamlNode node, Set<String> personFields) {
        WorkflowDefinition w = d.workflow();
        Set<String> ids = new HashSet<>();
        List<YamlNode> stateNodes = node.list("states");
        for (int i = 0; i < w.states().size(); i++) {
            State state = w.states().get(i);
            if (!ids.add(state.id())) {
                stateNodes.get(i).problem("stateTwice", state.id());
            }
            if (state.status() < 1 || state.status() > 10) {
                stateNodes.get(i).problem("stateStatus", state.id());
            }
            if (state.id().equals("draft")) {
                stateNodes.get(i).problem("draftReserved");
            }
        }
        if (w.states().isEmpty()) {
            node.problem("noStates");
        }
        if (!ids.contains(w.initial())) {
            node.problem("initialUnknown", w.initial());
        }
        if (w.party() != null && !personFields.contains(w.party())) {
            node.problem("partyNotPerson", w.party());
        }
        Set<String> reached = new HashSet<>(Set.of(w.initial()));
        List<YamlNode> transitionNodes = node.list("transitions");
        int writingBack = 0;
        for (int i = 0; i < w.transitions().size(); i++) {
            Transition t = w.transitions().get(i);
            YamlNode at = transitionNodes.get(i);
            if (t.from().isEmpty()) {
                at.problem("transitionNoFrom", t.event());
            }
            t.from().stream().filter(f -> !ids.contains(f))
                    .forEach(f -> at.problem("transitionFromMissing", t.event(), f));
            if (!ids.contains(t.to())) {
                at.problem("transitionToMissing", t.event(), t.to());
            }
            if (t.roles().isEmpty()) {
                at.problem("transitionNoRole", t.event());
            }
            t.roles().stream().filter(r -> !ROLES.contains(r))
                    .forEach(r -> at.problem("roleUnknown", r, String.join(", ", ROLES)));
            t.guards().stream().filter(g -> !guards.contains(g)).forEach(g -> at.problem("guardUnknown", g,
                    String.join(", ", guards.stream().sorted().toList())));
            if (t.roles().contains(WorkflowDefinition.PARTY) && w.party() == null) {
                at.problem("partyRoleWithoutParty", t.event());
            }
            if (t.whenRefused() != null) {
                checkWhenRefused(w, t, at);
            }
            boolean portalsStep = t.automatic() || w.transitions().stream().anyMatch(o -> t.event().equals(o.whenRefused()));
            if (portalsStep != t.roles().equals(Set.of(WorkflowDefinition.SYSTEM))) {
                at.problem("automaticRole", t.event());
            }
            if (t.payment() && !t.roles().equals(Set.of(WorkflowDefinition.APPLICANT))) {
                // The gateway confirms the applicant's own payment; nobody else can pay in their place.
                at.problem("paymentRole", t.event());
            }
            if (t.setsAmount() && (!t.byOfficer() || t.payment())) {
                // The amount is confirmed by whoever checks the decision in the agency's own system: an officer.
                at.problem("setsAmountRole", t.event());
            }
            if (t.payment() && !d.chargesOnline()) {
                at.problem("paymentAmount", t.event(), ProcedureDefinition.AMOUNT_FIELD);
            }
            for (String from : t.from()) {
                if (w.state(from).filter(State::terminal).isPresent()) {
                    at.problem("leavesTerminal", t.event(), from);
                }
                if (w.transitions().subList(0, i).stream().anyMatch(o -> o.event().equals(t.event()) && o.from().contains(from))) {
                    at.problem("eventTwice", t.event(), from);
                }
                if (t.automatic() && w.transitions().subList(0, i).stream().anyMatch(o -> o.automatic() && o.from().contains(from))) {
                    at.problem("twoAutomatic", from);
                }
            }
            reached.add(t.to());
            writingBack += t.writeBack() ? 1 : 0;
        }
        for (int i = 0; i < w.states().size(); i++) {
            if (!reached.contains(w.states().get(i).id())) {
                stateNodes.get(i).problem("stateUnreached", w.states().get(i).id());
            }
        }
        if (d.writeBack() != null && writingBack != 1) {
            node.problem("writeBackTransitionCount");
        }
        if (d.writeBack() == null && writingBack > 0) {
            node.problem("writeBackWithoutHandler");
        }
    }

    /**
     * A citizen's guarded transition that, refused, ends the dossier by the portal's transition it names: one of role
     * SYSTEM, not automatic, from each of its states into a final one.
     */
    private static void checkWhenRefused(WorkflowDefinition w, Transition t, YamlNode at) {
        boolean citizens = !t.roles().isEmpty() && Set.of(WorkflowDefinition.APPLICANT, WorkflowDefinition.PARTY)
                .containsAll(t.roles());
        boolean ends = t.from().stream().allMatch(from -> w.transition(from, t.whenRefused())
                .filter(o -> !o.automatic() && o.roles().equals(Set.of(WorkflowDefinition.SYSTEM)))
                .flatMap(o -> w.state(o.to())).filter(State::terminal).isPresent());
        if (!citizens || t.payment() || t.guards().isEmpty() || !ends) {
            at.problem("whenRefused", t.event(), t.whenRefused());
        }
    }
}
