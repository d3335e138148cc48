package vn.gov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.HtmlUtils;

/**
 * One Gatling simulation run in this JVM, and the figures of its HTML report: per request name the
 * count, errors, mean rate and the 50th / 75th / 95th / 99th percentiles of the response time in milliseconds.
 */
final class LoadRun {

    record Stats(String name, long ok, long ko, double perSecond, long p50, long p95, long p99, long max) {
        long count() {
            return ok + ko;
        }
    }

    private LoadRun() {
    }

    /** Runs the simulation on the workload; returns its figures by request name ("all" for all requests). */
    static Result run(Class<?> simulation, Workload workload, Path resultsFolder, String description) {
        Workload.set(workload);
        try {
            Files.createDirectories(resultsFolder);
            int status;
            try {
                status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                        "--simulation", simulation.getName(), "--results-folder", resultsFolder.toString(),
                        "--run-description", description, "--launcher", "maven", "--build-tool-version", "3"});
            } finally {
                restartLogging();
            }
            Path report = latestReport(resultsFolder, simulation);
            return new Result(status, report, parse(report.resolve("index.html")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gatling stops logback at the end of every run (Gatling$.start: "Logback failed to shutdown"). A stopped logback
     * has no appender and every logger at DEBUG: nothing is printed any more, but the rest of this JVM pays for debug
     * logging. The mail catcher suffered most: GreenMail wraps each new connection in a logging stream when debug is
     * on, which writes every byte of a reply to the socket alone, so each reply waited for the portal's delayed
     * acknowledgement (Nagle on the catcher's side): ~4.5 mails a second instead of hundreds. Logging is set up again
     * as when this JVM started.
     */
    private static void restartLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback && !logback.isStarted()) {
            logback.start();
            try {
                new ContextInitializer(logback).autoConfig();
            } catch (JoranException e) {
                throw new IllegalStateException("logging could not be set up again after Gatling stopped it", e);
            }
        }
    }

    record Result(int status, Path report, Map<String, Stats> stats) {
        Stats of(String name) {
            Stats s = stats.get(name);
            if (s == null) {
                throw new IllegalStateException("no request named '" + name + "' in " + report);
            }
            return s;
        }

        Stats all() {
            return of("all");
        }
    }

    private static Path latestReport(Path resultsFolder, Class<?> simulation) throws IOException {
        try (Stream<Path> runs = Files.list(resultsFolder)) {
            return runs.filter(p -> p.getFileName().toString().startsWith(simulation.getSimpleName().toLowerCase()))
                    .filter(p -> Files.exists(p.resolve("index.html")))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no Gatling report in " + resultsFolder));
        }
    }

    private static final Pattern ROW = Pattern.compile("<tr id=\"([^\"]+)\"");
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("col-(\\d+)\">([^<]*)</td>");

    /**
     * The statistics table of the report's index.html (Gatling 3.14 writes no separate stats file): per row the
     * request name, then columns 2–14 — total, OK, KO, % KO, count per second, min, 50th, 75th, 95th, 99th
     * percentiles, max, mean, standard deviation.
     */
    private static Map<String, Stats> parse(Path indexHtml) throws IOException {
        String html = Files.readString(indexHtml);
        Map<String, Stats> result = new LinkedHashMap<>();
        Matcher rows = ROW.matcher(html);
        List<int[]> bounds = new java.util.ArrayList<>();
        while (rows.find()) {
            bounds.add(new int[] {rows.start(), rows.end()});
        }
        for (int i = 0; i < bounds.size(); i++) {
            String row = html.substring(bounds.get(i)[0], i + 1 < bounds.size() ? bounds.get(i + 1)[0] : html.length());
            Map<Integer, String> cells = new HashMap<>();
            Matcher cell = CELL.matcher(row);
            while (cell.find()) {
                cells.putIfAbsent(Integer.parseInt(cell.group(1)), cell.group(2).strip());
            }
            if (!cells.containsKey(14)) {
                continue;
            }
            Matcher name = NAME.matcher(row);
            String requestName = row.startsWith("<tr id=\"ROOT\"") ? "all"
                    : name.find() ? HtmlUtils.htmlUnescape(name.group(1).strip()) : "?";
            result.putIfAbsent(requestName, new Stats(requestName, number(cells.get(3)), number(cells.get(4)),
                    Double.parseDouble(cells.get(6).replace(",", "")), number(cells.get(8)), number(cells.get(10)),
                    number(cells.get(11)), number(cells.get(12))));
        }
        if (!result.containsKey("all")) {
            throw new IllegalStateException("no statistics table in " + indexHtml);
        }
        return result;
    }

    private static long number(String text) {
        return text == null || text.isBlank() || text.equals("-") ? 0 : Long.parseLong(text.replace(",", ""));
    }
}
