package vn.gov.portal.catalog;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where the parts of a definition are in its file, so that a problem found on the parsed definition still names its
 * line. Built from the same text the parser read; without a text every line is 0 (the whole file).
 */
public final class DefinitionLines {

    public static final DefinitionLines NONE = new DefinitionLines(null);

    private final Node root;

    private DefinitionLines(Node root) {
        this.root = root;
    }

    public static DefinitionLines of(String yaml) {
        if (yaml == null) {
            return NONE;
        }
        try {
            return new DefinitionLines(new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml)));
        } catch (RuntimeException e) {
            return NONE;   // the parser has reported why the text is not YAML
        }
    }

    /** The line of a top-level key (a block value starts on the line below it). */
    int key(String key) {
        if (root instanceof MappingNode mapping) {
            return mapping.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                    .map(t -> t.getKeyNode().getStartMark().getLine() + 1).findFirst().orElse(0);
        }
        return 0;
    }

    int workflow() {
        return key("workflow");
    }

    int state(int index) {
        return line(item(child(child(root, "workflow"), "states"), index).or(() -> child(root, "workflow")));
    }

    int transition(int index) {
        return line(item(child(child(root, "workflow"), "transitions"), index).or(() -> child(root, "workflow")));
    }

    int step(int index) {
        return line(item(child(root, "steps"), index).or(() -> child(root, "steps")));
    }

    /** The line of a form section by its id, or of the form. */
    int section(String id) {
        if (child(child(root, "form"), "sections").orElse(null) instanceof SequenceNode list) {
            for (Node section : list.getValue()) {
                if (child(Optional.of(section), "id").orElse(null) instanceof ScalarNode scalar
                        && scalar.getValue().equals(id)) {
                    return line(Optional.of(section));
                }
            }
        }
        return key("form");
    }

    /** The line of a form field by its id, or of the form. */
    int field(String id) {
        Optional<Node> sections = child(child(root, "form"), "sections");
        if (sections.orElse(null) instanceof SequenceNode list) {
            for (Node section : list.getValue()) {
                if (child(Optional.of(section), "fields").orElse(null) instanceof SequenceNode fields) {
                    for (Node field : fields.getValue()) {
                        Optional<Node> fieldId = child(Optional.of(field), "id");
                        if (fieldId.orElse(null) instanceof ScalarNode scalar && scalar.getValue().equals(id)) {
                            return line(Optional.of(field));
                        }
                    }
                }
            }
        }
        return key("form");
    }

    private Optional<Node> child(Node node, String key) {
        return child(Optional.ofNullable(node), key);
    }

    private static Optional<Node> child(Optional<Node> node, String key) {
        if (node.orElse(null) instanceof MappingNode mapping) {
            return mapping.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                    .map(t -> t.getValueNode()).findFirst();
        }
        return Optional.empty();
    }

    private static Optional<Node> item(Optional<Node> node, int index) {
        if (node.orElse(null) instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            return index < items.size() ? Optional.of(items.get(index)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static int line(Optional<Node> node) {
        return node.map(n -> n.getStartMark().getLine() + 1).orElse(0);
    }
}
