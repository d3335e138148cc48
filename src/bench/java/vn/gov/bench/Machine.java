package vn.gov.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the figures were measured on: CPU model and cores, memory, kernel, Java. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = line(Path.of("/proc/cpuinfo"), "model name").map(l -> l.substring(l.indexOf(':') + 1).strip())
                .orElse("unknown CPU");
        return "%d cores (%s), %d GiB, Linux %s, Java %s".formatted(Runtime.getRuntime().availableProcessors(), cpu,
                memoryMb() / 1024, System.getProperty("os.version"), System.getProperty("java.version"));
    }

    static long memoryMb() {
        return line(Path.of("/proc/meminfo"), "MemTotal").map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024)
                .orElse(0L);
    }

    private static java.util.Optional<String> line(Path file, String prefix) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
