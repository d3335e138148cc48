package vn.gov.portal.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.WorkflowDefinition.State;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;

/**
 * Draws a workflow as SVG on the server: states as rounded boxes in columns by their longest path from the initial
 * state, transitions as labelled arrows (back edges curve below), fill by national status code, terminal states with a
 * double border, the current state with a thick border and a text marker. Only presentation attributes (the CSP
 * forbids inline styles and scripts); every text is escaped, as labels are admin-written. The same content is in the
 * {@code <title>}/{@code <desc>} and in {@link Drawing#steps()} for a plain list beside the picture.
 */
@Component
public class WorkflowDiagram {

    /** The picture, the transitions as text in the order the definition lists them, the current state's label. */
    public record Drawing(String svg, List<Step> steps, String currentState) {}

    /** One transition from one state, in words: {@code from → to: label (roles)}. */
    public record Step(String from, String to, String label, String roles, boolean fromCurrent) {}

    /** Fill and border per national status code 1-10: light fills under dark text (contrast above 7:1). */
    private static final String[][] PALETTE = {
            {"#dbeafe", "#1e40af"}, {"#e0e7ff", "#3730a3"}, {"#fee2e2", "#991b1b"}, {"#fef3c7", "#92400e"},
            {"#ffedd5", "#9a3412"}, {"#f3e8ff", "#6b21a8"}, {"#e5e7eb", "#374151"}, {"#fce7f3", "#9d174d"},
            {"#dcfce7", "#166534"}, {"#bbf7d0", "#14532d"}};
    private static final String TEXT = "#111827";
    private static final int CHAR = 7;          // average width of a 13px character, for layout only
    private static final int LINE = 16;
    private static final int GAP_X = 190;
    private static final int GAP_Y = 64;
    private static final int MARGIN = 40;

    private final MessageSource messages;

    public WorkflowDiagram(MessageSource messages) {
        this.messages = messages;
    }

    /** The drawing of a definition's workflow; {@code current} (a state id, may be null) is highlighted. */
    public Drawing draw(ProcedureDefinition definition, Locale locale, String current) {
        return draw(definition.name().in(locale), definition.workflow(), locale, current);
    }

    /**
     * Drawings already made: a drawing depends only on what it is drawn from (the workflow's content, not its
     * identity, so an edited workflow is drawn anew), and officers' dossier pages ask for the same few again and again
     * (the layout was 15% of such a page's CPU, docs/performance.md). Emptied when it holds too many.
     */
    private final Map<DrawingKey, Drawing> drawn = new ConcurrentHashMap<>();
    private static final int MAX_DRAWN = 500;

    private record DrawingKey(String name, WorkflowDefinition workflow, Locale locale, String current) {}

    public Drawing draw(String name, WorkflowDefinition workflow, Locale locale, String current) {
        DrawingKey key = new DrawingKey(name, workflow, locale, current);
        Drawing drawing = drawn.get(key);
        if (drawing == null) {
            if (drawn.size() >= MAX_DRAWN) {
                drawn.clear();
            }
            drawing = layOut(name, workflow, locale, current);
            drawn.put(key, drawing);
        }
        return drawing;
    }

    private Drawing layOut(String name, WorkflowDefinition workflow, Locale locale, String current) {
        Map<String, State> states = new LinkedHashMap<>();
        workflow.states().forEach(s -> states.put(s.id(), s));
        List<Edge> edges = edges(workflow);
        Set<Edge> back = backEdges(workflow, edges);
        Map<String, Integer> layer = layers(workflow, edges, back);

        // Boxes: one column per layer, in the order the definition lists the states.
        int width = Math.max(150, Math.min(230, workflow.states().stream()
                .mapToInt(s -> s.label().in(locale).length() * CHAR + 24).max().orElse(150)));
        int perLine = (width - 24) / CHAR;
        Map<String, List<String>> lines = new HashMap<>();
        workflow.states().forEach(s -> lines.put(s.id(), wrap(s.label().in(locale), perLine, 4)));
        int height = 24 + LINE * (1 + lines.values().stream().mapToInt(List::size).max().orElse(1));
        Map<Integer, Integer> rows = new HashMap<>();
        Map<String, int[]> at = new HashMap<>();
        int top = MARGIN + 20;   // room for the "current" marker above a box
        for (State s : workflow.states()) {
            int column = layer.get(s.id());
            int row = rows.merge(column, 1, Integer::sum) - 1;
            at.put(s.id(), new int[]{MARGIN + 20 + column * (width + GAP_X), top + row * (height + GAP_Y)});
        }
        int columns = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int maxRows = rows.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        int boxesBottom = top + maxRows * (height + GAP_Y) - GAP_Y;
        int svgWidth = 2 * MARGIN + 20 + columns * width + (columns - 1) * GAP_X;
        int svgHeight = boxesBottom + MARGIN + 28 * (int) back.stream().filter(e -> !e.from.equals(e.to)).count();

        String title = msg("diagram.title", locale, name);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"workflow-diagram\" role=\"img\"")
                .append(" aria-labelledby=\"wf-title wf-desc\" width=\"").append(svgWidth).append("\" height=\"")
                .append(svgHeight).append("\" viewBox=\"0 0 ").append(svgWidth).append(' ').append(svgHeight)
                .append("\" font-family=\"sans-serif\" font-size=\"13\">");
        svg.append("<title id=\"wf-title\">").append(escape(title)).append("</title>");
        svg.append("<desc id=\"wf-desc\">").append(escape(describe(workflow, states, locale, current))).append("</desc>");
        svg.append("<defs><marker id=\"wf-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\"")
                .append(" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#374151\"/>")
                .append("</marker></defs>");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(svgWidth).append("\" height=\"").append(svgHeight)
                .append("\" fill=\"#ffffff\"/>");

        // The way in: a short arrow into the initial state.
        int[] start = at.get(workflow.initial());
        if (start != null) {
            int y = start[1] + height / 2;
            svg.append("<circle cx=\"").append(MARGIN - 12).append("\" cy=\"").append(y).append("\" r=\"6\" fill=\"#374151\"/>");
            svg.append(line(MARGIN - 6, y, start[0], y));
        }

        // Arrows first, so boxes and labels sit on top of them.
        Map<String, Integer> sameEnds = new HashMap<>();
        int depth = 0;
        List<String> labels = new ArrayList<>();
        List<double[]> taken = new ArrayList<>();   // boxes and placed labels, which a label must not cover
        at.values().forEach(xy -> taken.add(new double[]{xy[0], xy[1] - 20, width, height + 20}));
        for (Edge e : edges) {
            int[] a = at.get(e.from);
            int[] b = at.get(e.to);
            if (a == null || b == null) {
                continue;
            }
            int k = sameEnds.merge(e.from + ">" + e.to, 1, Integer::sum) - 1;
            double lx;
            double ly;
            if (e.from.equals(e.to)) {
                int x = a[0] + width - 30;
                int y = a[1];
                svg.append("<path d=\"M").append(x).append(',').append(y).append(" C").append(x - 10).append(',')
                        .append(y - 40 - 12 * k).append(' ').append(x + 40).append(',').append(y - 40 - 12 * k).append(' ')
                        .append(x + 20).append(',').append(y).append("\" fill=\"none\" stroke=\"#374151\"")
                        .append(" stroke-width=\"1.5\" marker-end=\"url(#wf-arrow)\"/>");
                lx = x + 15;
                ly = y - 36 - 12 * k;
            } else if (back.contains(e)) {
                depth++;
                int x1 = a[0] + width / 2 - 10;
                int x2 = b[0] + width / 2 + 10;
                int bottom = boxesBottom + 24 * depth;
                svg.append("<path d=\"M").append(x1).append(',').append(a[1] + height).append(" C").append(x1).append(',')
                        .append(bottom).append(' ').append(x2).append(',').append(bottom).append(' ').append(x2).append(',')
                        .append(b[1] + height).append("\" fill=\"none\" stroke=\"#374151\" stroke-width=\"1.5\"")
                        .append(" stroke-dasharray=\"6 4\" marker-end=\"url(#wf-arrow)\"/>");
                lx = (x1 + x2) / 2.0;
                ly = (a[1] + b[1]) / 2.0 + height + 0.75 * (bottom - (a[1] + b[1]) / 2.0 - height);
            } else {
                int x1 = a[0] + width;
                int y1 = a[1] + height / 2 + 8 * k;
                int x2 = b[0];
                int y2 = b[1] + height / 2 + 8 * k;
                int bend = Math.max(40, (x2 - x1) / 2);
                svg.append("<path d=\"M").append(x1).append(',').append(y1).append(" C").append(x1 + bend).append(',')
                        .append(y1).append(' ').append(x2 - bend).append(',').append(y2).append(' ').append(x2).append(',')
                        .append(y2).append("\" fill=\"none\" stroke=\"#374151\" stroke-width=\"1.5\"")
                        .append(" marker-end=\"url(#wf-arrow)\"/>");
                // Over one gap: its middle; over several: early in the first gap, so the label does not sit on a box.
                boolean near = x2 - x1 <= GAP_X;
                lx = near ? (x1 + x2) / 2.0 : x1 + GAP_X / 2.0;
                ly = near ? (y1 + y2) / 2.0 : y1 + (y2 - y1) * 0.2;
            }
            if (e.first) {   // a transition from several states is labelled on its first arrow only
                labels.add(edgeLabel(e.transition, locale, lx, ly, taken));
            }
        }

        for (State s : workflow.states()) {
            svg.append(box(s, at.get(s.id()), width, height, lines.get(s.id()), s.id().equals(current), locale));
        }
        labels.forEach(svg::append);
        svg.append("</svg>");
        return new Drawing(svg.toString(), List.copyOf(steps(workflow, states, locale, current)),
                current == null || !states.containsKey(current) ? null : stateName(states, current, locale));
    }

    private String box(State s, int[] xy, int width, int height, List<String> label, boolean current, Locale locale) {
        String[] colour = PALETTE[Math.max(1, Math.min(10, s.status())) - 1];
        StringBuilder b = new StringBuilder("<g class=\"wf-state\" data-state=\"").append(escape(s.id())).append('"')
                .append(current ? " data-current=\"true\"" : "").append('>');
        b.append("<rect x=\"").append(xy[0]).append("\" y=\"").append(xy[1]).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" rx=\"12\" fill=\"").append(colour[0])
                .append("\" stroke=\"").append(current ? TEXT : colour[1]).append("\" stroke-width=\"")
                .append(current ? "4" : "1.5").append("\"/>");
        if (s.terminal()) {
            b.append("<rect x=\"").append(xy[0] + 5).append("\" y=\"").append(xy[1] + 5).append("\" width=\"")
                    .append(width - 10).append("\" height=\"").append(height - 10).append("\" rx=\"8\" fill=\"none\"")
                    .append(" stroke=\"").append(colour[1]).append("\" stroke-width=\"1.5\"/>");
        }
        int cx = xy[0] + width / 2;
        int y = xy[1] + 12 + LINE;
        for (String text : label) {
            b.append(text(cx, y, text, "bold", 13));
            y += LINE;
        }
        b.append(text(cx, y, msg("diagram.statusCode", locale, s.status()), "normal", 12));
        if (current) {
            b.append(text(xy[0] + 4, xy[1] - 7, "▶ " + msg("diagram.current", locale), "bold", 13)
                    .replace("text-anchor=\"middle\"", "text-anchor=\"start\""));
        }
        return b.append("</g>").toString();
    }

    private String edgeLabel(Transition t, Locale locale, double x, double y, List<double[]> taken) {
        StringBuilder g = new StringBuilder("<g class=\"wf-transition\" data-event=\"").append(escape(t.event()))
                .append("\">");
        List<String> lines = wrap(t.label().in(locale), 26, 3);
        String roles = "(" + roles(t, locale) + ")";
        double w = 6.5 * Math.max(roles.length(), lines.stream().mapToInt(String::length).max().orElse(0)) + 8;
        double h = 14.0 * (lines.size() + 1) + 4;
        int top = (int) free(x, y - 7 * (lines.size() - 1), w, h, taken);
        for (int i = 0; i < lines.size(); i++) {
            g.append(halo(text((int) x, top + 14 * i, lines.get(i), "normal", 12)));
        }
        g.append(halo(text((int) x, top + 14 * lines.size(), roles, "normal", 11)));
        return g.append("</g>").toString();
    }

    /** The first baseline near {@code y} where a label of this size covers no box and no other label. */
    private static double free(double x, double y, double w, double h, List<double[]> taken) {
        for (int step = 0; step < 30; step++) {
            double candidate = y + (step % 2 == 0 ? 1 : -1) * 9 * ((step + 1) / 2);
            double[] r = {x - w / 2, candidate - 12, w, h};
            if (taken.stream().noneMatch(o -> r[0] < o[0] + o[2] && o[0] < r[0] + r[2] && r[1] < o[1] + o[3]
                    && o[1] < r[1] + r[3])) {
                taken.add(r);
                return candidate;
            }
        }
        return y;
    }

    /** A white outline behind a label keeps it readable where it crosses an arrow. */
    private static String halo(String text) {
        return text.replace("<text ", "<text stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\" ");
    }

    private static String text(int x, int y, String text, String weight, int size) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"middle\" font-weight=\"" + weight
                + "\" font-size=\"" + size + "\" fill=\"" + TEXT + "\">" + escape(text) + "</text>";
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2
                + "\" stroke=\"#374151\" stroke-width=\"1.5\" marker-end=\"url(#wf-arrow)\"/>";
    }

    private String roles(Transition t, Locale locale) {
        return t.roles().stream().map(r -> messages.getMessage("diagram.role." + r, null, r, locale))
                .collect(Collectors.joining(", "));
    }

    private List<Step> steps(WorkflowDefinition w, Map<String, State> states, Locale locale, String current) {
        List<Step> steps = new ArrayList<>();
        for (Transition t : w.transitions()) {
            for (String from : t.from()) {
                steps.add(new Step(stateName(states, from, locale), stateName(states, t.to(), locale),
                        t.label().in(locale), roles(t, locale), from.equals(current)));
            }
        }
        return steps;
    }

    private String describe(WorkflowDefinition w, Map<String, State> states, Locale locale, String current) {
        StringBuilder d = new StringBuilder(msg("diagram.states", locale)).append(": ");
        d.append(w.states().stream().map(s -> s.label().in(locale) + " (" + msg("diagram.statusCode", locale, s.status())
                        + (s.id().equals(w.initial()) ? ", " + msg("diagram.initial", locale) : "")
                        + (s.terminal() ? ", " + msg("diagram.terminal", locale) : "")
                        + (s.id().equals(current) ? ", " + msg("diagram.current", locale) : "") + ")")
                .collect(Collectors.joining("; ")));
        d.append(". ").append(msg("diagram.transitions", locale)).append(": ");
        d.append(steps(w, states, locale, current).stream()
                .map(s -> s.from() + " → " + s.to() + ": " + s.label() + " (" + s.roles() + ")")
                .collect(Collectors.joining("; "))).append('.');
        return d.toString();
    }

    private static String stateName(Map<String, State> states, String id, Locale locale) {
        State s = states.get(id);
        return s == null ? id : s.label().in(locale);
    }

    private String msg(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, locale);
    }

    /** One arrow: a transition from one of its {@code from} states. */
    private record Edge(String from, String to, Transition transition, boolean first) {}

    private static List<Edge> edges(WorkflowDefinition w) {
        List<Edge> edges = new ArrayList<>();
        for (Transition t : w.transitions()) {
            for (int i = 0; i < t.from().size(); i++) {
                edges.add(new Edge(t.from().get(i), t.to(), t, i == 0));
            }
        }
        return edges;
    }

    /** Edges that close a cycle, found by a depth-first walk from the initial state (then from any state left). */
    private static Set<Edge> backEdges(WorkflowDefinition w, List<Edge> edges) {
        Set<Edge> back = new HashSet<>();
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        List<String> starts = new ArrayList<>(List.of(w.initial()));
        w.states().forEach(s -> starts.add(s.id()));
        for (String s : starts) {
            walk(s, edges, done, onPath, back);
        }
        return back;
    }

    private static void walk(String state, List<Edge> edges, Set<String> done, Set<String> onPath, Set<Edge> back) {
        if (done.contains(state)) {
            return;
        }
        onPath.add(state);
        for (Edge e : edges) {
            if (!e.from.equals(state)) {
                continue;
            }
            if (onPath.contains(e.to)) {
                back.add(e);
            } else {
                walk(e.to, edges, done, onPath, back);
            }
        }
        onPath.remove(state);
        done.add(state);
    }

    /** The column of each state: its longest path from the initial state over the edges that are not back edges. */
    private static Map<String, Integer> layers(WorkflowDefinition w, List<Edge> edges, Set<Edge> back) {
        Map<String, Integer> layer = new HashMap<>();
        w.states().forEach(s -> layer.put(s.id(), 0));
        for (int round = 0; round < w.states().size(); round++) {
            boolean changed = false;
            for (Edge e : edges) {
                if (back.contains(e) || !layer.containsKey(e.from) || !layer.containsKey(e.to)
                        || e.to.equals(w.initial())) {
                    continue;
                }
                if (layer.get(e.to) < layer.get(e.from) + 1) {
                    layer.put(e.to, layer.get(e.from) + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return layer;
    }

    private static List<String> wrap(String text, int perLine, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        List<String> words = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {   // a word longer than a line is cut, not dropped
            for (int i = 0; i < word.length(); i += perLine) {
                words.add(word.substring(i, Math.min(word.length(), i + perLine)));
            }
        }
        for (String word : words) {
            if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        if (lines.size() > maxLines) {
            List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
            kept.set(maxLines - 1, shorten(kept.get(maxLines - 1) + " …", perLine));
            return kept;
        }
        return lines;
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot hold are dropped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF || c == '\t' || c == '\n' || c == '\r') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
