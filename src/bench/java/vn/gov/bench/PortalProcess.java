package vn.gov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.gov.devstack.DevStack;

/**
 * The portal in a JVM of its own, configured as production is (PORTAL_* variables) against the suite's PostgreSQL,
 * e-ID provider and mail catcher. Started with the JVM options a deployment would use, so that its memory is the
 * deployment's.
 */
final class PortalProcess implements AutoCloseable {

    /** Heap and GC of the measured portal; docs/operations.md recommends the same. */
    static final List<String> JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=96m", "-XX:MaxMetaspaceSize=192m");

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final Process process;
    private final Path log;
    private final Duration startup;

    private PortalProcess(Process process, Path log, Duration startup) {
        this.process = process;
        this.log = log;
        this.startup = startup;
    }

    /**
     * Tops the dossier table up to {@code dossiers} with a portal JVM that exits when done, then starts the portal to
     * be measured and waits until it answers; {@link #startup()} is the measured portal's own start.
     * Submissions are not rate-limited per person here: each virtual citizen submits many times. With a
     * {@code flightRecording} file, Java Flight Recorder profiles the portal until it stops.
     *
     * @param settings further {@code --name=value} settings of the measured portal
     */
    static PortalProcess start(DevStack stack, int dossiers, Path logFile, Path flightRecording,
                               List<String> settings, String collector) {
        seedBacklog(stack, dossiers, logFile.resolveSibling(logFile.getFileName() + ".seed"));
        return launch(stack, logFile, flightRecording, settings, true, collector);
    }

    /**
     * The production options with another garbage collector ({@code --portal-gc}: G1, Parallel, Serial), to measure
     * what the collector costs the portal; the JVM refuses two collectors named at once, so G1's flag is replaced.
     */
    static List<String> jvmOptions(String collector) {
        String flag = "-XX:+Use" + collector + "GC";
        return JVM_OPTIONS.stream().map(o -> o.equals("-XX:+UseG1GC") ? flag : o).toList();
    }

    private static void seedBacklog(DevStack stack, int dossiers, Path logFile) {
        PortalProcess seeding = launch(stack, logFile, null, List.of("--bench.dossiers=" + dossiers), false, "G1");
        try {
            if (seeding.process.waitFor() != 0) {
                throw new IllegalStateException("seeding the dossier backlog failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static PortalProcess launch(DevStack stack, Path logFile, Path flightRecording, List<String> extra,
                                        boolean serves, String collector) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(collector));
        if (flightRecording != null) {
            // Spring Security's filter chain, Spring MVC and Thymeleaf nest deeper than JFR's default 64 frames: cut
            // there, a sample loses the controller it was serving, and cannot be counted to its request.
            command.add("-XX:FlightRecorderOptions=stackdepth=256");
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + flightRecording.toAbsolutePath());
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PortalUnderTest.class.getName()));
        stack.portalProperties().forEach((key, value) -> {
            if (!key.startsWith("PORTAL_")) {
                command.add("--" + key + "=" + value);
            }
        });
        // Per-person limits that a virtual citizen submitting back to back never reaches, over a window as short as a
        // second: a person's actions in the window are counted at each submission, and over production's ten
        // minutes a virtual citizen's ~10,000 (against a real person's 10 at most) made that count a sizeable part of
        // the database's work per submission. The bench's forms type nobody's number, so look-ups are lifted alike
        // only in case a scenario ever does (their window is its own, an hour in production).
        command.addAll(List.of("--server.port=8080", "--portal.limits.window=PT1S", "--portal.limits.submissions=1000",
                "--portal.limits.uploads=1000", "--portal.limits.lookup-window=PT1S", "--portal.limits.lookups=1000"));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(stack.productionVariables());
        long started = System.nanoTime();
        try {
            Files.createDirectories(logFile.getParent());
            Process process = builder.start();
            if (serves) {
                waitForReady(process, logFile);
            }
            return new PortalProcess(process, logFile, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the portal", e);
        }
    }

    private static void waitForReady(Process process, Path logFile) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the portal stopped while starting; see " + logFile);
            }
            if (Files.exists(logFile) && Files.readString(logFile).contains(PortalUnderTest.READY)) {
                if (firstPage() == 200) {
                    return;
                }
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("the portal did not start within 30 minutes; see " + logFile);
    }

    /** Status of the catalogue page, the first page a citizen opens; -1 while nothing listens. */
    static int firstPage() {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(Workload.PORTAL + "/procedures"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Seconds the portal's JIT compilers have worked since its start ({@code jstat -compiler}, column "Time"). */
    double compileSeconds() {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        try {
            Process jstatRun = new ProcessBuilder(jstat.toString(), "-compiler", String.valueOf(pid()))
                    .redirectErrorStream(true).start();
            String out = new String(jstatRun.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (jstatRun.waitFor() != 0) {
                throw new IllegalStateException("jstat failed: " + out);
            }
            // "Compiled Failed Invalid Time FailedType FailedMethod", then the values.
            return Double.parseDouble(out.strip().split("\n")[1].strip().split("\\s+")[3]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Duration startup() {
        return startup;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
