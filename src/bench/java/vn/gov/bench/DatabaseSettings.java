package vn.gov.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL settings the suite measures with: those docs/operations.md gives production, sized for this machine,
 * instead of PostgreSQL's defaults (128 MB of shared buffers, checkpoints every 5 minutes), which suit a laptop's dev
 * run: the suite measures the configuration it recommends. (On this machine, with the data in the kernel's cache and
 * fsync off, these settings were 5–15% slower than the defaults unless shared memory was in huge pages, and a little
 * faster with them: see {@link #hugePages}.) pgbench's ceiling is measured on the same server, so the fraction
 * compares like with like.
 */
final class DatabaseSettings {

    private DatabaseSettings() {
    }

    /**
     * The settings named by the suite's {@code --database} option: {@code tuned} (the default, {@link
     * #forThisMachine()}) or {@code defaults} (PostgreSQL's own), each optionally followed by {@code +name=value}
     * overrides, e.g. {@code tuned+wal_compression=off}: to measure what the tuned settings, or one of them, change.
     */
    static Map<String, String> named(String option) {
        String[] parts = option.split("\\+");
        Map<String, String> settings = new LinkedHashMap<>(switch (parts[0]) {
            case "tuned" -> forThisMachine();
            case "defaults" -> Map.<String, String>of();
            default -> throw new IllegalArgumentException("unknown --database=" + option
                    + "; known: tuned or defaults, each with +name=value overrides");
        });
        for (int i = 1; i < parts.length; i++) {
            String[] setting = parts[i].split("=", 2);
            if (setting.length != 2 || setting[0].isBlank()) {
                throw new IllegalArgumentException("--database override '" + parts[i] + "' is not name=value");
            }
            settings.put(setting[0], setting[1]);
        }
        return settings;
    }

    static Map<String, String> forThisMachine() {
        long memoryMb = Machine.memoryMb();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shared_buffers", memoryMb / 4 + "MB");
        settings.put("effective_cache_size", memoryMb / 2 + "MB");
        settings.put("maintenance_work_mem", Math.min(memoryMb / 16, 2048) + "MB");
        // Full-page images after each checkpoint: compressed and taken less often. Fewer checkpoints nearly halved a
        // submission's WAL here; compression added little to that (docs/performance.md, "Misses").
        settings.put("wal_compression", "pglz");
        settings.put("max_wal_size", "8GB");
        settings.put("checkpoint_timeout", "15min");
        return settings;
    }

    /**
     * Whether PostgreSQL's shared memory is in huge pages (PostgreSQL 17's huge_pages_status). With 6 GB of shared
     * buffers in 4 KB pages, submissions measured 5–15% slower than with PostgreSQL's 128 MB default; in huge pages,
     * as fast or faster (docs/performance.md, "Misses"). PostgreSQL tries them by default, but the kernel has none to
     * give unless reserved: {@code sysctl -w vm.nr_hugepages=N}.
     */
    static String hugePages(JdbcClient jdbc) {
        return jdbc.sql("select current_setting('huge_pages_status')").query(String.class).single();
    }

    static String describe(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return "its default settings";
        }
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
