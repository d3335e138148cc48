package vn.gov.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU and memory of the portal's JVM and of PostgreSQL (the postmaster and its backends), read from /proc once a
 * second while a scenario runs. The portal's memory is its RSS; PostgreSQL's is the sum of PSS, which counts the
 * shared buffers once instead of once per backend.
 */
final class ResourceSampler implements AutoCloseable {

    /** Clock ticks per second of /proc/[pid]/stat times (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    record Usage(double cpuPercentAverage, double cpuPercentPeak, long memoryAverageMb, long memoryPeakMb) {}

    /** One reading: CPU seconds per process (processes come and go: backends, autovacuum workers) and memory. */
    private record Point(long nanos, Map<Long, Double> cpuSeconds, long memoryKb) {}

    private final Supplier<List<Long>> pids;
    private final boolean proportional;
    private final List<Point> points = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private ResourceSampler(Supplier<List<Long>> pids, boolean proportional) {
        this.pids = pids;
        this.proportional = proportional;
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    static ResourceSampler ofProcess(long pid) {
        return new ResourceSampler(() -> List.of(pid), false);
    }

    /** The postmaster named by {@code postmaster.pid} in the data directory and all its children. */
    static ResourceSampler ofPostgres(Path dataDirectory) {
        return new ResourceSampler(() -> postgresProcesses(dataDirectory), true);
    }

    static long rssMb(long pid) {
        return memoryKb(pid, "VmRSS:") / 1024;
    }

    private synchronized void sample() {
        Map<Long, Double> cpu = new HashMap<>();
        long memory = 0;
        for (long pid : pids.get()) {
            cpu.put(pid, cpuSeconds(pid));
            memory += memoryKb(pid, proportional ? "Pss:" : "VmRSS:");
        }
        points.add(new Point(System.nanoTime(), cpu, memory));
    }

    /**
     * Average and peak over the time sampled; CPU in percent of one core (200% is both cores of this machine), each
     * second counting the processes that lived through it.
     */
    synchronized Usage usage() {
        if (points.size() < 2) {
            // No whole second was sampled: report nothing rather than a made-up 0%.
            throw new IllegalStateException("resources were sampled " + points.size() + " time(s); a run of at least"
                    + " two seconds is needed for CPU and memory figures");
        }
        List<Double> percents = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            percents.add(percent(points.get(i - 1), points.get(i)));
        }
        double average = percents.stream().mapToDouble(Double::doubleValue).average().getAsDouble();
        double peak = percents.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
        long memoryPeak = points.stream().mapToLong(Point::memoryKb).max().getAsLong() / 1024;
        long memoryAverage = (long) points.stream().mapToLong(Point::memoryKb).average().getAsDouble() / 1024;
        return new Usage(average, peak, memoryAverage, memoryPeak);
    }

    private static double percent(Point from, Point to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        double used = 0;
        for (Map.Entry<Long, Double> process : to.cpuSeconds().entrySet()) {
            Double before = from.cpuSeconds().get(process.getKey());
            if (before != null) {
                used += Math.max(0, process.getValue() - before);
            }
        }
        return seconds <= 0 ? 0 : 100 * used / seconds;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the command name and state.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static long memoryKb(long pid, String key) {
        Path file = Path.of("/proc", String.valueOf(pid), key.equals("Pss:") ? "smaps_rollup" : "status");
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static List<Long> postgresProcesses(Path dataDirectory) {
        List<Long> result = new ArrayList<>();
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
            result.add(postmaster);
            try (Stream<Path> all = Files.list(Path.of("/proc"))) {
                all.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (Long.parseLong(fields[1]) == postmaster) {
                            result.add(Long.parseLong(p.getFileName().toString()));
                        }
                    } catch (IOException | RuntimeException gone) {
                        // ended while listed
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            // not started yet
        }
        return result;
    }
}
