package vn.gov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Scenario 7: the README's run command, {@code mvn spring-boot:test-run}, timed from its start to the first page
 * answering — once in a fresh copy of the project (compiles, creates the database, seeds 10,000 people) and once
 * more in the same copy (the usual restart), with the dev JVM's RSS when the page answers. A copy, because Maven
 * recompiling the suite's own project under it would pull classes from under this JVM.
 */
final class StartTime {

    private static final List<String> PROJECT = List.of(".mvn", "pom.xml", "src/main", "src/test", "templates", "workflows");

    private StartTime() {
    }

    static void measure(Report report) {
        Path copy = Benchmarks.WORK.resolve("start-project").toAbsolutePath();
        Benchmarks.deleteRecursively(copy);
        for (String part : PROJECT) {
            copyRecursively(Path.of(part), copy.resolve(part));
        }
        for (String run : List.of("fresh copy: compile, create the database, seed, start",
                "second run in the same copy (compiled, data kept)")) {
            Duration took = timeToFirstPage(copy, report, run);
            report.add("7 Start", "dev run", "`mvn spring-boot:test-run` to first page, " + run,
                    Benchmarks.seconds(took), run.startsWith("second") ? "≤ 15 s" : "",
                    run.startsWith("second") ? took.toSeconds() <= 15 : null);
        }
    }

    private static Duration timeToFirstPage(Path project, Report report, String run) {
        long started = System.nanoTime();
        try {
            Process maven = new ProcessBuilder("mvn", "-q", "spring-boot:test-run").directory(project.toFile())
                    .redirectErrorStream(true).redirectOutput(project.resolve("run.log").toFile()).start();
            try {
                while (PortalProcess.firstPage() != 200) {
                    if (!maven.isAlive()) {
                        throw new IllegalStateException("the dev run stopped; see " + project.resolve("run.log"));
                    }
                    PortalProcess.sleep(Duration.ofMillis(100));
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                maven.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst()
                        .ifPresent(java -> report.add("7 Start", "dev run", "dev run JVM RSS at first page (" + run
                                + "; portal, e-ID provider and mail catcher in one JVM)",
                                ResourceSampler.rssMb(java.pid()) + " MB"));
                return took;
            } finally {
                maven.descendants().forEach(ProcessHandle::destroy);
                maven.destroy();
                maven.waitFor();
                PortalProcess.sleep(Duration.ofSeconds(3));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyRecursively(Path from, Path to) {
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
