package vn.gov.portal.catalog;

import java.io.StringReader;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import vn.gov.portal.catalog.FormField.FieldType;
import vn.gov.portal.catalog.ProcedureDefinition.FormSection;
import vn.gov.portal.catalog.WorkflowDefinition.State;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;

/**
 * Reads one definition file (the format is described in docs/procedures.md) and checks it, collecting every
 * problem with its line instead of stopping at the first.
 */
public final class DefinitionParser {

    /** Officer roles a transition may name. */
    public static final Set<String> ROLES = Set.of("RECEIVER", "HANDLER", "APPROVER");
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final Set<String> prefillSources;
    private final Set<String> writeBacks;

    /**
     * @param prefillSources the register values a field may be prefilled from
     * @param writeBacks     the names of the write-back handlers a definition may reference
     */
    public DefinitionParser(Set<String> prefillSources, Set<String> writeBacks) {
        this.prefillSources = Set.copyOf(prefillSources);
        this.writeBacks = Set.copyOf(writeBacks);
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
            return new Result(null, List.of(new DefinitionProblem(source, line, "not valid YAML: " + e.getProblem())));
        }
        if (root == null) {
            return new Result(null, List.of(new DefinitionProblem(source, 0, "the file is empty")));
        }
        YamlNode doc = new YamlNode(root, problems);
        if (!doc.isMapping()) {
            doc.problem("a definition must be a mapping of keys to values");
            return new Result(null, problems.list());
        }
        ProcedureDefinition definition = read(doc, source);
        check(definition, doc);
        return new Result(problems.list().isEmpty() ? definition : null, List.copyOf(problems.list()));
    }

    private ProcedureDefinition read(YamlNode doc, String source) {
        doc.allowOnly("the definition", "code", "nationalCode", "version", "name", "summary", "lifeEvent", "routing",
                "deadline", "fees", "eidLevel", "form", "workflow", "writeBack", "result");
        String code = doc.text("code");
        if (!code.isEmpty() && !CODE.matcher(code).matches()) {
            doc.require("code").problem("code '" + code + "' must be lower-case words joined by '-'");
        }
        YamlNode routing = doc.require("routing");
        routing.allowOnly("routing", "agencyKind", "communeField");
        YamlNode deadline = doc.require("deadline");
        deadline.allowOnly("deadline", "workingDays");
        YamlNode fees = doc.require("fees");
        fees.allowOnly("fees", "counter", "online", "note");
        return new ProcedureDefinition(
                code,
                doc.text("nationalCode"),
                doc.integer("version", 1),
                doc.localized("name", true),
                doc.localized("summary", false),
                doc.text("lifeEvent"),
                new ProcedureDefinition.Routing(routing.text("agencyKind"), routing.text("communeField")),
                new ProcedureDefinition.Deadline(deadline.integer("workingDays", -1)),
                new ProcedureDefinition.Fees(fees.integer("counter", 0), fees.integer("online", 0),
                        fees.localized("note", false)),
                doc.integer("eidLevel", 2),
                readSections(doc.require("form")),
                readWorkflow(doc.require("workflow")),
                doc.optionalText("writeBack").orElse(null),
                doc.localized("result", true),
                source);
    }

    private List<FormSection> readSections(YamlNode form) {
        form.allowOnly("form", "sections");
        return form.list("sections").stream().map(section -> {
            section.allowOnly("a form section", "id", "title", "fields");
            List<FormField> fields = section.list("fields").stream().map(this::readField).toList();
            return new FormSection(section.text("id"), section.localized("title", true), fields);
        }).toList();
    }

    private FormField readField(YamlNode field) {
        field.allowOnly("a field", "id", "type", "label", "help", "required", "maxLength", "pattern", "patternMessage",
                "prefill", "editable", "options", "provinceField", "notBefore", "after", "maxYearsAfter");
        String typeName = field.text("type");
        FieldType type = FieldType.TEXT;
        try {
            type = FieldType.valueOf(typeName.toUpperCase());
        } catch (IllegalArgumentException e) {
            field.problem("field type '" + typeName + "' is not one of " + List.of(FieldType.values()).toString().toLowerCase());
        }
        String pattern = field.optionalText("pattern").orElse(null);
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                field.problem("pattern of field '" + field.text("id") + "' is not a valid regular expression");
            }
        }
        List<FormField.Option> options = field.list("options").stream().map(option -> {
            option.allowOnly("an option", "value", "label");
            return new FormField.Option(option.text("value"), option.localized("label", true));
        }).toList();
        Integer maxYears = field.get("maxYearsAfter").isPresent() ? field.integer("maxYearsAfter", 0) : null;
        return new FormField(field.text("id"), type, field.localized("label", true), field.localized("help", false),
                field.flag("required"), field.integer("maxLength", 200), pattern,
                field.localized("patternMessage", pattern != null), field.optionalText("prefill").orElse(null),
                field.flag("editable"), options, field.optionalText("provinceField").orElse(null),
                field.optionalText("notBefore").orElse(null), field.optionalText("after").orElse(null), maxYears);
    }

    private WorkflowDefinition readWorkflow(YamlNode workflow) {
        workflow.allowOnly("workflow", "initial", "states", "transitions");
        List<State> states = workflow.list("states").stream().map(state -> {
            state.allowOnly("a state", "id", "status", "label", "terminal");
            return new State(state.text("id"), state.integer("status", 0), state.localized("label", true),
                    state.flag("terminal"));
        }).toList();
        List<Transition> transitions = workflow.list("transitions").stream().map(t -> {
            t.allowOnly("a transition", "event", "from", "to", "roles", "label", "requiresNote", "writeBack");
            return new Transition(t.text("event"), t.texts("from"), t.text("to"), new LinkedHashSet<>(t.texts("roles")),
                    t.localized("label", true), t.flag("requiresNote"), t.flag("writeBack"));
        }).toList();
        return new WorkflowDefinition(workflow.text("initial"), states, transitions);
    }

    /** Checks that need the whole definition: references between fields, states and handlers. */
    private void check(ProcedureDefinition d, YamlNode doc) {
        if (d.deadline().workingDays() < 0) {
            doc.require("deadline").problem("deadline.workingDays must be 0 (same day) or more");
        }
        if (d.eidLevel() < 1 || d.eidLevel() > 2) {
            doc.require("eidLevel").problem("eidLevel must be 1 or 2");
        }
        Set<String> fieldIds = new HashSet<>();
        List<YamlNode> sectionNodes = doc.require("form").list("sections");
        for (int s = 0; s < d.sections().size(); s++) {
            List<YamlNode> fieldNodes = sectionNodes.get(s).list("fields");
            List<FormField> fields = d.sections().get(s).fields();
            for (int f = 0; f < fields.size(); f++) {
                checkField(fields.get(f), fieldNodes.get(f), fieldIds, d);
            }
        }
        FormField commune = d.field(d.routing().communeField()).orElse(null);
        if (commune == null || commune.type() != FieldType.COMMUNE) {
            doc.require("routing").problem("routing.communeField '" + d.routing().communeField()
                    + "' must name a field of type commune");
        }
        if (d.writeBack() != null && !writeBacks.contains(d.writeBack())) {
            doc.require("writeBack").problem("no write-back handler named '" + d.writeBack() + "' (known: "
                    + String.join(", ", writeBacks) + ")");
        }
        checkWorkflow(d.workflow(), doc.require("workflow"), d.writeBack() != null);
    }

    private void checkField(FormField field, YamlNode node, Set<String> seen, ProcedureDefinition d) {
        if (!ID.matcher(field.id()).matches()) {
            node.problem("field id '" + field.id() + "' must be a letter followed by letters or digits");
        }
        if (!seen.add(field.id())) {
            node.problem("field id '" + field.id() + "' is used twice");
        }
        if (field.prefill() != null && !prefillSources.contains(field.prefill())) {
            node.problem("prefill source '" + field.prefill() + "' does not exist (known: "
                    + String.join(", ", prefillSources.stream().sorted().toList()) + ")");
        }
        if (field.type() == FieldType.SELECT && field.options().isEmpty()) {
            node.problem("select field '" + field.id() + "' needs options");
        }
        if (field.type() == FieldType.COMMUNE && d.field(field.provinceField() == null ? "" : field.provinceField())
                .filter(p -> p.type() == FieldType.PROVINCE).isEmpty()) {
            node.problem("commune field '" + field.id() + "' needs provinceField naming a field of type province");
        }
        if (field.after() != null && d.field(field.after()).filter(a -> a.type() == FieldType.DATE).isEmpty()) {
            node.problem("'after' of field '" + field.id() + "' must name a date field");
        }
        if (field.notBefore() != null && !field.notBefore().equals("today")) {
            node.problem("notBefore supports only 'today'");
        }
        if (field.maxYearsAfter() != null && field.after() == null) {
            node.problem("maxYearsAfter of field '" + field.id() + "' needs 'after'");
        }
    }

    private void checkWorkflow(WorkflowDefinition w, YamlNode node, boolean hasWriteBack) {
        Set<String> ids = new HashSet<>();
        List<YamlNode> stateNodes = node.list("states");
        for (int i = 0; i < w.states().size(); i++) {
            State state = w.states().get(i);
            if (!ids.add(state.id())) {
                stateNodes.get(i).problem("state '" + state.id() + "' is defined twice");
            }
            if (state.status() < 1 || state.status() > 10) {
                stateNodes.get(i).problem("state '" + state.id() + "' needs a national status code 1-10");
            }
            if (state.id().equals("draft")) {
                stateNodes.get(i).problem("'draft' is reserved for unsubmitted dossiers");
            }
        }
        if (w.states().isEmpty()) {
            node.problem("a workflow needs states");
        }
        if (!ids.contains(w.initial())) {
            node.problem("initial state '" + w.initial() + "' is not a state of this workflow");
        }
        Set<String> reached = new HashSet<>(Set.of(w.initial()));
        List<YamlNode> transitionNodes = node.list("transitions");
        boolean writesBack = false;
        for (int i = 0; i < w.transitions().size(); i++) {
            Transition t = w.transitions().get(i);
            YamlNode at = transitionNodes.get(i);
            if (t.from().isEmpty()) {
                at.problem("transition '" + t.event() + "' needs 'from'");
            }
            t.from().stream().filter(f -> !ids.contains(f))
                    .forEach(f -> at.problem("transition '" + t.event() + "' starts from missing state '" + f + "'"));
            if (!ids.contains(t.to())) {
                at.problem("transition '" + t.event() + "' leads to missing state '" + t.to() + "'");
            }
            if (t.roles().isEmpty()) {
                at.problem("transition '" + t.event() + "' names no role");
            }
            t.roles().stream().filter(r -> !ROLES.contains(r))
                    .forEach(r -> at.problem("role '" + r + "' does not exist (roles: RECEIVER, HANDLER, APPROVER)"));
            for (String from : t.from()) {
                if (w.state(from).filter(State::terminal).isPresent()) {
                    at.problem("transition '" + t.event() + "' leaves terminal state '" + from + "'");
                }
                if (w.transitions().subList(0, i).stream().anyMatch(o -> o.event().equals(t.event()) && o.from().contains(from))) {
                    at.problem("event '" + t.event() + "' is defined twice from state '" + from + "'");
                }
            }
            reached.add(t.to());
            writesBack |= t.writeBack();
        }
        for (int i = 0; i < w.states().size(); i++) {
            if (!reached.contains(w.states().get(i).id())) {
                stateNodes.get(i).problem("no transition reaches state '" + w.states().get(i).id() + "'");
            }
        }
        if (hasWriteBack && !writesBack) {
            node.problem("the definition names a writeBack but no transition has 'writeBack: true'");
        }
    }
}
