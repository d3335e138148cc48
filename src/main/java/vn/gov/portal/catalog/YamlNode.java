package vn.gov.portal.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A thin view over a snakeyaml node that keeps line numbers, so every problem in a definition is reported with the
 * line it is on. Reading never throws: problems are collected in {@link Problems} and defaults returned.
 */
final class YamlNode {

    /** Collects the problems of one file. */
    static final class Problems {
        private final String source;
        private final List<DefinitionProblem> list = new ArrayList<>();

        Problems(String source) {
            this.source = source;
        }

        /** A problem at {@code at}, its text {@code definition.problem.<key>} of the message bundles. */
        void add(Node at, String key, Object... args) {
            list.add(DefinitionProblem.of(source, at == null ? 0 : at.getStartMark().getLine() + 1, key, args));
        }

        List<DefinitionProblem> list() {
            return list;
        }

        String source() {
            return source;
        }
    }

    private final Node node;
    private final Problems problems;

    YamlNode(Node node, Problems problems) {
        this.node = node;
        this.problems = problems;
    }

    Node raw() {
        return node;
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    void problem(String key, Object... args) {
        problems.add(node, key, args);
    }

    private Map<String, Node> entries() {
        Map<String, Node> map = new LinkedHashMap<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    map.put(key.getValue(), tuple.getValueNode());
                }
            }
        }
        return map;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    /** {@link #allowOnly}'s {@code where} for the keys at the top of a definition file. */
    static final String TOP_LEVEL = "";

    /**
     * Reports keys this definition format does not know (a typo must not be silently ignored). {@code where} is named
     * as the file names it (e.g. {@code workflow.transitions}), so the message reads the same in every language.
     */
    void allowOnly(String where, String... keys) {
        List<String> allowed = List.of(keys);
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && !allowed.contains(key.getValue())) {
                    if (where.equals(TOP_LEVEL)) {
                        problems.add(key, "unknownTopKey", key.getValue(), String.join(", ", allowed));
                    } else {
                        problems.add(key, "unknownKey", key.getValue(), where, String.join(", ", allowed));
                    }
                }
            }
        }
    }

    Optional<YamlNode> get(String key) {
        return Optional.ofNullable(entries().get(key)).map(n -> new YamlNode(n, problems));
    }

    YamlNode require(String key) {
        Node value = entries().get(key);
        if (value == null) {
            problems.add(node, "missingKey", key);
            return new YamlNode(new MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, List.of(), null), problems);
        }
        return new YamlNode(value, problems);
    }

    String text(String key) {
        Node value = entries().get(key);
        if (value == null) {
            problems.add(node, "missingKey", key);
            return "";
        }
        return scalar(value, key).orElse("");
    }

    Optional<String> optionalText(String key) {
        Node value = entries().get(key);
        return value == null ? Optional.empty() : scalar(value, key);
    }

    private Optional<String> scalar(Node value, String key) {
        if (value instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue().trim());
        }
        problems.add(value, "singleValue", key);
        return Optional.empty();
    }

    int integer(String key, int fallback) {
        return optionalText(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                problems.add(entries().get(key), "wholeNumber", key, v);
                return fallback;
            }
        }).orElse(fallback);
    }

    boolean flag(String key) {
        return optionalText(key).map(v -> {
            if (!v.equals("true") && !v.equals("false")) {
                problems.add(entries().get(key), "trueOrFalse", key, v);
            }
            return v.equals("true");
        }).orElse(false);
    }

    /** The plain values of a mapping (nested lists and mappings are left out). */
    Map<String, String> scalars() {
        Map<String, String> values = new LinkedHashMap<>();
        entries().forEach((key, value) -> {
            if (value instanceof ScalarNode scalar) {
                values.put(key, scalar.getValue().trim());
            }
        });
        return values;
    }

    /** A list, or a single value read as a list of one. */
    List<YamlNode> list(String key) {
        Node value = entries().get(key);
        List<YamlNode> items = new ArrayList<>();
        if (value instanceof SequenceNode sequence) {
            sequence.getValue().forEach(n -> items.add(new YamlNode(n, problems)));
        } else if (value != null) {
            items.add(new YamlNode(value, problems));
        }
        return items;
    }

    List<String> texts(String key) {
        List<String> values = new ArrayList<>();
        for (YamlNode item : list(key)) {
            if (item.node instanceof ScalarNode scalar) {
                values.add(scalar.getValue().trim());
            } else {
                item.problem("plainValues", key);
            }
        }
        return values;
    }

    /** A text given as {vi: ..., en: ...}; Vietnamese is required. */
    LocalizedText localized(String key, boolean required) {
        Node value = entries().get(key);
        if (value == null) {
            if (required) {
                problems.add(node, "missingLocalized", key);
            }
            return LocalizedText.EMPTY;
        }
        YamlNode text = new YamlNode(value, problems);
        if (!text.isMapping()) {
            problems.add(value, "localizedShape", key);
            return LocalizedText.EMPTY;
        }
        text.allowOnly(key, "vi", "en");
        return new LocalizedText(text.text("vi"), text.optionalText("en").orElse(""));
    }
}
