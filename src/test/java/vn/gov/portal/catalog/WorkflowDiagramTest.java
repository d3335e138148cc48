package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class WorkflowDiagramTest {

    private static final Locale VI = Locale.forLanguageTag("vi");
    private final WorkflowDiagram diagram = new WorkflowDiagram(TestMessages.source());


    private static Map<String, ProcedureDefinition> all() {
        return ProcedureCatalog.load(new DefinitionParser(Set.of("birth", "death", "marriage", "permanent-residence",
                        "temporary-residence", "temporary-absence", "deregister-residence", "id-card", "record-document",
                        "newborn-residence", "household-head"), DefinitionRulesTest.PORTAL_GUARDS),
                DefinitionRulesTest.PORTAL_RULES, "file:workflows/");
    }

    private static Document xml(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The texts of the groups of a class, by their data attribute, lines joined with spaces. */
    private static Map<String, String> texts(Document doc, String className, String key) {
        Map<String, String> texts = new java.util.HashMap<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals(className)) {
                List<String> lines = new ArrayList<>();
                NodeList t = g.getElementsByTagName("text");
                for (int j = 0; j < t.getLength(); j++) {
                    lines.add(t.item(j).getTextContent());
                }
                texts.put(g.getAttribute(key), String.join(" ", lines));
            }
        }
        return texts;
    }

    @Test
    void everyRealWorkflowIsWellFormedSvgShowingEveryStateAndTransitionLabel() throws Exception {
        for (ProcedureDefinition d : all().values()) {
            for (Locale locale : List.of(VI, Locale.ENGLISH)) {
                String svg = diagram.draw(d, locale, null).svg();
                Document doc = xml(svg);
                Element root = doc.getDocumentElement();
                assertThat(root.getLocalName()).isEqualTo("svg");
                assertThat(root.getAttribute("role")).isEqualTo("img");
                Map<String, String> states = texts(doc, "wf-state", "data-state");
                for (WorkflowDefinition.State s : d.workflow().states()) {
                    assertThat(states.get(s.id())).as(d.code() + " " + s.id()).startsWith(s.label().in(locale) + " ");
                }
                Map<String, String> transitions = texts(doc, "wf-transition", "data-event");
                for (WorkflowDefinition.Transition t : d.workflow().transitions()) {
                    assertThat(transitions.get(t.event())).as(d.code() + " " + t.event()).startsWith(t.label().in(locale));
                }
                String desc = doc.getElementsByTagName("desc").item(0).getTextContent();
                d.workflow().states().forEach(s -> assertThat(desc).contains(s.label().in(locale)));
                d.workflow().transitions().forEach(t -> assertThat(desc).contains(t.label().in(locale)));
                assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).contains(d.name().in(locale));
                assertThat(svg).doesNotContain("style=", "<script", "<style");
            }
        }
    }

    @Test
    void adminWrittenLabelsAreEscaped() throws Exception {
        String yaml = DefinitionRulesTest.TINY.replace("{ vi: Tiếp nhận, en: Receive }",
                "{ vi: \"<script>x('y')</script> & co\", en: Receive }");
        ProcedureDefinition d = new DefinitionParser(Set.of(), Set.of()).parse("tiny.yaml", yaml).definition();
        String svg = diagram.draw(d, VI, null).svg();
        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;x(&#39;y&#39;)&lt;/script&gt; &amp; co");
        Document doc = xml(svg);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(texts(doc, "wf-transition", "data-event").get("receive")).startsWith("<script>x('y')</script> & co");
    }

    @Test
    void theCurrentStateHasAThickBorderAndATextMarker() throws Exception {
        ProcedureDefinition d = all().get("temporary-residence");
        WorkflowDiagram.Drawing drawing = diagram.draw(d, VI, "received");
        Document doc = xml(drawing.svg());
        NodeList groups = doc.getElementsByTagName("g");
        List<String> current = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("wf-state")) {
                Element box = (Element) g.getElementsByTagName("rect").item(0);
                boolean marked = g.getAttribute("data-current").equals("true");
                if (marked) {
                    current.add(g.getAttribute("data-state"));
                    assertThat(g.getTextContent()).contains("Đang ở đây");
                    assertThat(box.getAttribute("stroke-width")).isEqualTo("4");
                } else {
                    assertThat(g.getTextContent()).doesNotContain("Đang ở đây");
                    assertThat(Double.parseDouble(box.getAttribute("stroke-width"))).isLessThan(4);
                }
            }
        }
        assertThat(current).containsExactly("received");
        String label = d.workflow().state("received").orElseThrow().label().in(VI);
        assertThat(drawing.currentState()).isEqualTo(label);
        assertThat(doc.getElementsByTagName("desc").item(0).getTextContent()).contains(label + " (Mã trạng thái 2, Đang ở đây)");
        assertThat(drawing.steps()).filteredOn(WorkflowDiagram.Step::fromCurrent).isNotEmpty()
                .allSatisfy(s -> assertThat(s.from()).isEqualTo(label));
    }

    @Test
    void terminalStatesHaveADoubleBorderAndColourFollowsTheStatusCode() throws Exception {
        ProcedureDefinition d = all().get("temporary-residence");
        Document doc = xml(diagram.draw(d, VI, null).svg());
        NodeList groups = doc.getElementsByTagName("g");
        Map<Integer, String> fillByStatus = new java.util.HashMap<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("wf-state")) {
                WorkflowDefinition.State s = d.workflow().state(g.getAttribute("data-state")).orElseThrow();
                assertThat(g.getElementsByTagName("rect").getLength()).isEqualTo(s.terminal() ? 2 : 1);
                String fill = ((Element) g.getElementsByTagName("rect").item(0)).getAttribute("fill");
                assertThat(fillByStatus.putIfAbsent(s.status(), fill)).isIn(null, fill);
            }
        }
        assertThat(new java.util.HashSet<>(fillByStatus.values())).hasSameSizeAs(fillByStatus.keySet());
    }

    @Test
    void backEdgesCurveAndColumnsFollowTheLongestPath() throws Exception {
        String yaml = DefinitionRulesTest.TINY.replace(
                "    - { event: finish,",
                "    - { event: again, from: processing, to: submitted, roles: [HANDLER], label: { vi: Làm lại, en: Redo } }\n"
                        + "    - { event: finish,");
        ProcedureDefinition d = new DefinitionParser(Set.of(), Set.of()).parse("tiny.yaml", yaml).definition();
        String svg = diagram.draw(d, VI, null).svg();
        xml(svg);
        assertThat(svg).contains("stroke-dasharray");   // the way back is drawn apart from the way forward
        assertThat(x(svg, "submitted")).isLessThan(x(svg, "processing"));
        assertThat(x(svg, "processing")).isLessThan(x(svg, "done"));
    }

    private static int x(String svg, String state) throws IOException {
        int g = svg.indexOf("data-state=\"" + state + "\"");
        int at = svg.indexOf("x=\"", g) + 3;
        return Integer.parseInt(svg.substring(at, svg.indexOf('"', at)));
    }

    @Test
    void everyDefinitionFileIsDrawn() throws IOException {
        try (var files = Files.list(Path.of("workflows"))) {
            assertThat(files.count()).isEqualTo(all().size());
        }
    }
}
