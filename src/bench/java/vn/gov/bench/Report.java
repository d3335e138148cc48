package vn.gov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a run: printed as they come and merged into the measured section of docs/performance.md: a
 * scenario measured on some data replaces its rows for that data, the rows of the others stay with their own dates.
 * The text around the section is written by people and left alone.
 */
final class Report {

    static final String BEGIN = "<!-- measured: written by the benchmark suite, do not edit by hand -->";
    static final String END = "<!-- end of measured -->";

    record Row(String scenario, String data, String measure, String result, String target, String met, String date) {
        String key() {
            return scenario + "|" + data + "|" + measure;
        }

        String markdown() {
            return "| " + String.join(" | ", scenario, data, measure, result, target, met, date) + " |";
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final String command;
    private final String machine;
    private final String date = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();

    Report(String command, String machine) {
        this.command = command;
        this.machine = machine;
    }

    /** A figure without a target. */
    void add(String scenario, String data, String measure, String result) {
        add(scenario, data, measure, result, "", null);
    }

    /** A figure and its target; {@code met} null when the figure is not compared with it. */
    void add(String scenario, String data, String measure, String result, String target, Boolean met) {
        Row row = new Row(scenario, data, measure, result, target, met == null ? "" : met ? "yes" : "**no**", date);
        rows.add(row);
        System.out.printf("[benchmark] %-28s %-18s %-52s %14s  %s %s%n", scenario, data, measure, result, target,
                row.met());
    }

    void write(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "# Performance\n\n" + BEGIN + "\n" + END + "\n";
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            if (begin < 0 || end < begin) {
                text = text + "\n" + BEGIN + "\n" + END + "\n";
                begin = text.indexOf(BEGIN);
                end = text.indexOf(END);
            }
            // A scenario measured again on the same data replaces all its earlier rows (measures may have been renamed).
            java.util.Set<String> remeasured = new java.util.HashSet<>();
            rows.forEach(r -> remeasured.add(r.scenario() + "|" + r.data()));
            Map<String, Row> merged = new LinkedHashMap<>();
            for (String line : text.substring(begin, end).split("\n")) {
                parse(line).filter(r -> !remeasured.contains(r.scenario() + "|" + r.data()))
                        .ifPresent(r -> merged.put(r.key(), r));
            }
            rows.forEach(r -> merged.put(r.key(), r));
            List<Row> sorted = new ArrayList<>(merged.values());
            sorted.sort(Comparator.comparing(Row::scenario));
            StringBuilder section = new StringBuilder(BEGIN).append("\n\n");
            section.append("Last run: ").append(date).append(" on ").append(machine).append("  \n");
            section.append("Command: `").append(command).append("`\n\n");
            section.append("| Scenario | Data | Measure | Result | Target | Met | Measured on (Vietnam date) |\n");
            section.append("|---|---|---|---|---|---|---|\n");
            sorted.forEach(r -> section.append(r.markdown()).append('\n'));
            section.append('\n');
            Files.writeString(file, text.substring(0, begin) + section + text.substring(end));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.Optional<Row> parse(String line) {
        if (!line.startsWith("| ") || line.startsWith("| Scenario") || line.startsWith("|---")) {
            return java.util.Optional.empty();
        }
        String[] cells = line.substring(2, line.length() - 2).split(" \\| ", -1);
        return cells.length == 7 ? java.util.Optional.of(new Row(cells[0], cells[1], cells[2], cells[3], cells[4],
                cells[5], cells[6])) : java.util.Optional.empty();
    }
}
