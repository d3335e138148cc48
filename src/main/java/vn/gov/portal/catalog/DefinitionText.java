package vn.gov.portal.catalog;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A definition's YAML text changed in place. The structured forms of the editor change single values and add lines
 * where snakeyaml's node positions say, instead of re-emitting the whole tree: the comments, the compact flow style
 * of the files and every untouched line stay as the author wrote them, so the diff between two versions shows only
 * what the form changed. Each edit re-reads the text, so positions are always current.
 */
public final class DefinitionText {

    private final String text;

    public DefinitionText(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Thrown when the text cannot be edited by a form (not YAML, or shaped unlike the format): edit the text. */
    public static final class NotEditable extends RuntimeException {
        public NotEditable(String message) {
            super(message);
        }
    }

    // --- reading -------------------------------------------------------------------------------------------------

    Node root() {
        try {
            Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
            if (!(root instanceof MappingNode)) {
                throw new NotEditable("the definition is not a mapping");
            }
            return root;
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new NotEditable("not valid YAML");
        }
    }

    /** The node at a path of mapping keys and sequence indexes ("workflow", "states", "0", "id"). */
    Optional<Node> at(List<String> path) {
        return at(root(), path);
    }

    /** The plain value at a path, if there is one and the text is YAML. */
    public Optional<String> valueAt(List<String> path) {
        try {
            return at(path).map(DefinitionText::scalarValue);
        } catch (NotEditable e) {
            return Optional.empty();
        }
    }

    static Optional<Node> at(Node from, List<String> path) {
        Node node = from;
        for (String step : path) {
            node = child(node, step);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    static Node child(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            return tuple(mapping, key).map(NodeTuple::getValueNode).orElse(null);
        }
        if (node instanceof SequenceNode sequence && key.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(key);
            return index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
        }
        return null;
    }

    static Optional<NodeTuple> tuple(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)).findFirst();
    }

    static String scalarValue(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    // --- editing -------------------------------------------------------------------------------------------------

    /** Sets a text value (quoted when YAML would read it as something else), adding the keys that are missing. */
    public DefinitionText withText(List<String> path, String value) {
        return withValue(path, scalar(value));
    }

    /** Sets a whole number. */
    public DefinitionText withNumber(List<String> path, long value) {
        return withValue(path, Long.toString(value));
    }

    /** Sets a value given as YAML flow text ("[RECEIVER, HANDLER]", "{ vi: Có, en: Yes }"). */
    public DefinitionText withValue(List<String> path, String flowValue) {
        Node root = root();
        Node parent = root;
        for (int i = 0; i < path.size(); i++) {
            Node node = child(parent, path.get(i));
            if (node == null) {
                if (!(parent instanceof MappingNode mapping)) {
                    throw new NotEditable("cannot add '" + path.get(i) + "' here");
                }
                return insertEntry(mapping, path.get(i), nested(path.subList(i + 1, path.size()), flowValue));
            }
            if (i == path.size() - 1) {
                return replace(node, flowValue);
            }
            parent = node;
        }
        throw new IllegalArgumentException("empty path");
    }

    /** Removes a key and its value; nothing happens when it is not there. */
    public DefinitionText without(List<String> path) {
        Node root = root();
        Optional<Node> parent = at(root, path.subList(0, path.size() - 1));
        if (parent.isEmpty() || !(parent.get() instanceof MappingNode mapping)) {
            return this;
        }
        Optional<NodeTuple> entry = tuple(mapping, path.get(path.size() - 1));
        if (entry.isEmpty()) {
            return this;
        }
        int start = index(entry.get().getKeyNode().getStartMark().getIndex());
        int end = index(lastEnd(entry.get().getValueNode()));
        if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            String after = text.substring(end);
            int comma = after.indexOf(',');
            if (comma >= 0 && after.substring(0, comma).isBlank()) {
                end += comma + 1;
                while (end < text.length() && text.charAt(end) == ' ') {
                    end++;
                }
            } else {
                int before = text.lastIndexOf(',', start);
                if (before >= 0 && text.substring(before + 1, start).isBlank()) {
                    start = before;
                }
            }
            return new DefinitionText(text.substring(0, start) + text.substring(end));
        }
        return new DefinitionText(text.substring(0, lineStart(start)) + text.substring(lineEndAfter(end)));
    }

    /** Replaces a scalar inside a sequence or mapping value, found by its value ("from: received" → "checked"). */
    DefinitionText replaceNode(Node node, String flowValue) {
        return replace(node, flowValue);
    }

    /** Appends an item to a sequence: a line "- item" in a block sequence, ", item" in a flow one. */
    DefinitionText appendItem(SequenceNode sequence, String flowItem) {
        if (sequence.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            int close = text.lastIndexOf(']', index(sequence.getEndMark().getIndex()));
            String inside = text.substring(index(sequence.getStartMark().getIndex()) + 1, close);
            String insert = inside.isBlank() ? flowItem : ", " + flowItem;
            int at = close;
            while (at > 0 && text.charAt(at - 1) == ' ') {
                at--;
            }
            return new DefinitionText(text.substring(0, at) + insert + (inside.isBlank() ? "" : text.substring(at, close))
                    + text.substring(close));
        }
        Node last = sequence.getValue().get(sequence.getValue().size() - 1);
        return insertItemAfter(last, List.of(flowItem));
    }

    /**
     * Inserts a block sequence item after {@code item}, at the same indentation as its dash; {@code lines} are the
     * item's lines, the first without "- ", the others indented relative to it.
     */
    DefinitionText insertItemAfter(Node item, List<String> lines) {
        int itemStart = index(item.getStartMark().getIndex());
        int lineStart = lineStart(itemStart);
        int dash = lineStart;
        while (dash < text.length() && text.charAt(dash) == ' ') {
            dash++;
        }
        if (dash >= text.length() || text.charAt(dash) != '-') {
            throw new NotEditable("a list item here is not on its own line");
        }
        String indent = " ".repeat(dash - lineStart);
        StringBuilder insert = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            insert.append(indent).append(i == 0 ? "- " : "  ").append(lines.get(i)).append('\n');
        }
        int at = lineEndAfter(index(lastEnd(item)));
        String before = text.substring(0, at);
        if (!before.endsWith("\n")) {
            before += "\n";
        }
        return new DefinitionText(before + insert + text.substring(at));
    }

    private DefinitionText replace(Node node, String flowValue) {
        int start = index(node.getStartMark().getIndex());
        int end = index(lastEnd(node));
        if (!(node instanceof ScalarNode) && node instanceof MappingNode m && m.getFlowStyle() != DumperOptions.FlowStyle.FLOW
                || node instanceof SequenceNode s && s.getFlowStyle() != DumperOptions.FlowStyle.FLOW) {
            // A block collection: its value goes on the key's line, in place of the lines below it.
            int keyLineEnd = text.lastIndexOf('\n', start);
            String head = text.substring(0, keyLineEnd).stripTrailing();
            return new DefinitionText(head + " " + flowValue + "\n" + text.substring(lineEndAfter(end)));
        }
        String replaced = text.substring(start, end);
        String tail = replaced.endsWith("\n") ? "\n" : "";
        return new DefinitionText(text.substring(0, start) + flowValue + tail + text.substring(end));
    }

    private DefinitionText insertEntry(MappingNode mapping, String key, String flowValue) {
        String entry = key + ": " + flowValue;
        if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            int close = text.lastIndexOf('}', index(mapping.getEndMark().getIndex()));
            int at = close;
            while (at > 0 && text.charAt(at - 1) == ' ') {
                at--;
            }
            String insert = mapping.getValue().isEmpty() ? " " + entry + " " : ", " + entry + " ";
            return new DefinitionText(text.substring(0, at) + insert + text.substring(close));
        }
        if (mapping.getValue().isEmpty()) {
            throw new NotEditable("cannot add '" + key + "' to an empty mapping");
        }
        int column = mapping.getValue().get(0).getKeyNode().getStartMark().getColumn();
        int at = lineEndAfter(index(lastEnd(mapping)));
        String before = text.substring(0, at);
        if (!before.isEmpty() && !before.endsWith("\n")) {
            before += "\n";
        }
        return new DefinitionText(before + " ".repeat(column) + entry + "\n" + text.substring(at));
    }

    /** "{ vi: x }" for the keys below a missing one. */
    private static String nested(List<String> rest, String flowValue) {
        String value = flowValue;
        for (int i = rest.size() - 1; i >= 0; i--) {
            value = "{ " + rest.get(i) + ": " + value + " }";
        }
        return value;
    }

    /** Where a node's text really ends: the end of its last scalar or flow collection, not the next token. */
    private static int lastEnd(Node node) {
        if (node instanceof MappingNode m && m.getFlowStyle() != DumperOptions.FlowStyle.FLOW && !m.getValue().isEmpty()) {
            return lastEnd(m.getValue().get(m.getValue().size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode s && s.getFlowStyle() != DumperOptions.FlowStyle.FLOW && !s.getValue().isEmpty()) {
            return lastEnd(s.getValue().get(s.getValue().size() - 1));
        }
        return node.getEndMark().getIndex();
    }

    /** snakeyaml counts code points; Java strings count UTF-16 units (they differ only beyond the BMP). */
    private int index(int codePoints) {
        return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
    }

    private int lineStart(int at) {
        return text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
    }

    /** The start of the line after the one holding {@code at} (the end of the text when there is none). */
    private int lineEndAfter(int at) {
        if (at > 0 && text.charAt(at - 1) == '\n') {
            return at;
        }
        int newline = text.indexOf('\n', at);
        return newline < 0 ? text.length() : newline + 1;
    }

    // --- writing values ------------------------------------------------------------------------------------------

    private static final Resolver RESOLVER = new Resolver();

    /** A text as a YAML scalar that is safe in block and flow context: plain when it reads back as itself. */
    public static String scalar(String value) {
        boolean plain = !value.isEmpty() && value.equals(value.strip())
                && value.chars().noneMatch(c -> ":#,[]{}&*!|>'\"%@`\\\n\r\t".indexOf(c) >= 0)
                && "-?".indexOf(value.charAt(0)) < 0
                && RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.STR);
        if (plain) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** "{ vi: …, en: … }". */
    public static String localized(String vi, String en) {
        return "{ vi: " + scalar(vi) + ", en: " + scalar(en) + " }";
    }

    /** "[A, B]". */
    public static String list(List<String> items) {
        return "[" + String.join(", ", items.stream().map(DefinitionText::scalar).toList()) + "]";
    }
}
