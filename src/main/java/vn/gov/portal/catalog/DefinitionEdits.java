package vn.gov.portal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The common changes an admin makes without writing YAML: names and summary, fees, the deadline, the e-ID level, and
 * a new step of the workflow. Each returns the changed text; the parser then checks it like any text.
 */
public final class DefinitionEdits {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private DefinitionEdits() {
    }

    /** A change the form cannot make, with a message code of the bundles and its arguments. */
    public static final class Refused extends RuntimeException {
        private final transient Object[] args;
        private final String field;

        public Refused(String code, Object... args) {
            this(args, code, null);
        }

        private Refused(Object[] args, String code, String field) {
            super(code);
            this.args = args;
            this.field = field;
        }

        /** The same refusal, about the form's field {@code field}. */
        Refused at(String field) {
            return new Refused(args, getMessage(), field);
        }

        public Object[] args() {
            return args;
        }

        /** The form field the refusal is about, or null. */
        public String field() {
            return field;
        }
    }

    public record Metadata(String nameVi, String nameEn, String summaryVi, String summaryEn, String nationalCode) {}

    public static String metadata(String yaml, Metadata m) {
        if (blank(m.nameVi())) {
            throw new Refused("adminProcedures.edit.nameRequired").at("nameVi");
        }
        DefinitionText text = new DefinitionText(yaml)
                .withText(List.of("name", "vi"), m.nameVi().strip())
                .withText(List.of("name", "en"), strip(m.nameEn()));
        if (blank(m.summaryVi()) && blank(m.summaryEn())) {
            text = text.without(List.of("summary"));
        } else {
            text = text.withText(List.of("summary", "vi"), strip(m.summaryVi()))
                    .withText(List.of("summary", "en"), strip(m.summaryEn()));
        }
        text = blank(m.nationalCode()) ? text.without(List.of("nationalCode"))
                : text.withText(List.of("nationalCode"), m.nationalCode().strip());
        return text.text();
    }

    public static String fees(String yaml, long counter, long online) {
        if (counter < 0 || online < 0) {
            throw new Refused("adminProcedures.edit.feeNegative").at(counter < 0 ? "counter" : "online");
        }
        return new DefinitionText(yaml).withNumber(List.of("fees", "counter"), counter)
                .withNumber(List.of("fees", "online"), online).text();
    }

    /** The deadline in working days (0 = the same working day); calendar days or hours given before are removed. */
    public static String deadline(String yaml, int workingDays) {
        if (workingDays < 0 || workingDays > 365) {
            throw new Refused("adminProcedures.edit.deadlineRange").at("workingDays");
        }
        return new DefinitionText(yaml).withNumber(List.of("deadline", "workingDays"), workingDays)
                .without(List.of("deadline", "calendarDays")).without(List.of("deadline", "hours")).text();
    }

    public static String eidLevel(String yaml, int level) {
        if (level < 1 || level > 2) {
            throw new Refused("adminProcedures.edit.eidLevelRange").at("eidLevel");
        }
        return new DefinitionText(yaml).withNumber(List.of("eidLevel"), level).text();
    }

    /** The text with its version number (a draft N+1, a file imported as the next version). */
    public static String version(String yaml, int version) {
        return new DefinitionText(yaml).withNumber(List.of("version"), version).text();
    }

    /** A copy under another code (cloning a procedure). */
    public static String code(String yaml, String code) {
        return new DefinitionText(yaml).withText(List.of("code"), code).text();
    }

    /**
     * A new state between {@code after} and {@code before}: the transitions that led from {@code after} to
     * {@code before} now leave from the new state (with {@code outRoles} when given), and a new transition
     * {@code inEvent} leads from {@code after} to it. With {@code sameExits}, the other decisions possible in
     * {@code after} (stop, request a supplement, withdraw …) are possible in the new state too.
     */
    public record NewStep(String id, int status, String labelVi, String labelEn, String after, String before,
                          String inEvent, String inLabelVi, String inLabelEn, List<String> inRoles,
                          List<String> outRoles, boolean sameExits) {}

    /** The roles a step's transitions may name in the form. */
    public static final List<String> STEP_ROLES = List.of("RECEIVER", "HANDLER", "APPROVER", WorkflowDefinition.APPLICANT);

    public static String addStep(String yaml, NewStep step) {
        DefinitionText text = new DefinitionText(yaml);
        Node workflow = text.at(List.of("workflow")).orElseThrow(() -> new Refused("adminProcedures.step.noWorkflow"));
        if (!(DefinitionText.child(workflow, "states") instanceof SequenceNode states)
                || !(DefinitionText.child(workflow, "transitions") instanceof SequenceNode transitions)) {
            throw new Refused("adminProcedures.step.noWorkflow");
        }
        String id = strip(step.id());
        String event = strip(step.inEvent());
        if (!ID.matcher(id).matches()) {
            throw new Refused("adminProcedures.step.badId", id).at("stateId");
        }
        if (!ID.matcher(event).matches()) {
            throw new Refused("adminProcedures.step.badEvent", event).at("inEvent");
        }
        if (step.status() < 1 || step.status() > 10) {
            throw new Refused("adminProcedures.step.badStatus").at("status");
        }
        if (blank(step.labelVi()) || blank(step.inLabelVi())) {
            throw new Refused("adminProcedures.step.labelRequired").at(blank(step.labelVi()) ? "labelVi" : "inLabelVi");
        }
        if (step.inRoles().isEmpty() || !STEP_ROLES.containsAll(step.inRoles()) || !STEP_ROLES.containsAll(step.outRoles())) {
            throw new Refused("adminProcedures.step.rolesRequired").at("inRoles");
        }
        List<String> stateIds = states.getValue().stream().map(s -> DefinitionText.scalarValue(DefinitionText.child(s, "id")))
                .toList();
        if (stateIds.contains(id)) {
            throw new Refused("adminProcedures.step.idTaken", id).at("stateId");
        }
        int afterIndex = stateIds.indexOf(step.after());
        if (afterIndex < 0 || !stateIds.contains(step.before())) {
            throw new Refused("adminProcedures.step.noSuchState").at("after");
        }
        List<Integer> moved = new ArrayList<>();
        List<Integer> otherExits = new ArrayList<>();
        for (int i = 0; i < transitions.getValue().size(); i++) {
            Node t = transitions.getValue().get(i);
            List<String> from = values(DefinitionText.child(t, "from"));
            if (!from.contains(step.after())) {
                continue;
            }
            if (event.equals(DefinitionText.scalarValue(DefinitionText.child(t, "event")))) {
                throw new Refused("adminProcedures.step.eventTaken", event).at("inEvent");
            }
            boolean automatic = "true".equals(DefinitionText.scalarValue(DefinitionText.child(t, "automatic")));
            if (step.before().equals(DefinitionText.scalarValue(DefinitionText.child(t, "to")))) {
                moved.add(i);
            } else if (!automatic) {
                otherExits.add(i);
            }
        }
        if (moved.isEmpty()) {
            throw new Refused("adminProcedures.step.notAdjacent", step.after(), step.before()).at("after");
        }

        text = text.insertItemAfter(states.getValue().get(afterIndex), List.of("{ id: " + id + ", status: "
                + step.status() + ", label: " + DefinitionText.localized(strip(step.labelVi()), strip(step.labelEn())) + " }"));
        for (int i : moved) {
            text = replaceFrom(text, i, step.after(), id);
            if (!step.outRoles().isEmpty()) {
                text = text.withValue(transitionPath(i, "roles"), DefinitionText.list(step.outRoles()));
            }
        }
        if (step.sameExits()) {
            for (int i : otherExits) {
                text = addFrom(text, i, id);
            }
        }
        Node lastMoved = ((SequenceNode) text.at(List.of("workflow", "transitions")).orElseThrow()).getValue()
                .get(moved.get(moved.size() - 1));
        return text.insertItemAfter(lastMoved, List.of(
                "event: " + event,
                "from: " + DefinitionText.scalar(step.after()),
                "to: " + id,
                "roles: " + DefinitionText.list(step.inRoles()),
                "label: " + DefinitionText.localized(strip(step.inLabelVi()), strip(step.inLabelEn())))).text();
    }

    private static List<String> transitionPath(int index, String key) {
        return List.of("workflow", "transitions", Integer.toString(index), key);
    }

    /** The transition now starts from {@code to} instead of {@code from}. */
    private static DefinitionText replaceFrom(DefinitionText text, int index, String from, String to) {
        Node node = text.at(transitionPath(index, "from")).orElseThrow();
        if (node instanceof SequenceNode sequence) {
            Node item = sequence.getValue().stream().filter(n -> from.equals(DefinitionText.scalarValue(n))).findFirst()
                    .orElseThrow();
            return text.replaceNode(item, to);
        }
        return text.replaceNode(node, to);
    }

    /** The transition may start from {@code state} too. */
    private static DefinitionText addFrom(DefinitionText text, int index, String state) {
        Node node = text.at(transitionPath(index, "from")).orElseThrow();
        if (node instanceof SequenceNode sequence) {
            return text.appendItem(sequence, state);
        }
        return text.replaceNode(node, DefinitionText.list(List.of(DefinitionText.scalarValue(node), state)));
    }

    private static List<String> values(Node node) {
        if (node instanceof ScalarNode scalar) {
            return List.of(scalar.getValue());
        }
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue().stream().map(DefinitionText::scalarValue).filter(v -> v != null).toList();
        }
        return List.of();
    }

    /** The states of a text for the form's choices, in order; empty when the text is not readable. */
    public static List<String> stateIds(String yaml) {
        try {
            Optional<Node> states = new DefinitionText(yaml).at(List.of("workflow", "states"));
            if (states.isEmpty() || !(states.get() instanceof SequenceNode sequence)) {
                return List.of();
            }
            return sequence.getValue().stream().filter(s -> s instanceof MappingNode)
                    .map(s -> DefinitionText.scalarValue(DefinitionText.child(s, "id"))).filter(v -> v != null).toList();
        } catch (DefinitionText.NotEditable e) {
            return List.of();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
