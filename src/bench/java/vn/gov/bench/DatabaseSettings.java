package vn.gov.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The PostgreSQL settings the suite measures with: those docs/operations.md gives production, sized for this machine,
 * instead of PostgreSQL's defaults (128 MB of shared buffers, checkpoints every 5 minutes), which suit a laptop's dev
 * run and would make a 10 M-row register read its indexes through the kernel and write each touched page twice.
 * pgbench's ceiling is measured on the same server, so the fraction compares like with like.
 */
final class DatabaseSettings {

    private DatabaseSettings() {
    }

    /**
     * The settings named by the suite's {@code --database} option: {@code tuned} (the default, {@link
     * #forThisMachine()}) or {@code defaults} (PostgreSQL's own, to measure what the tuned settings change).
     */
    static Map<String, String> named(String name) {
        return switch (name) {
            case "tuned" -> forThisMachine();
            case "defaults" -> Map.of();
            default -> throw new IllegalArgumentException("unknown --database=" + name + "; known: tuned, defaults");
        };
    }

    static Map<String, String> forThisMachine() {
        long memoryMb = Machine.memoryMb();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shared_buffers", memoryMb / 4 + "MB");
        settings.put("effective_cache_size", memoryMb / 2 + "MB");
        settings.put("maintenance_work_mem", Math.min(memoryMb / 16, 2048) + "MB");
        // Full-page images are most of a submission's WAL: compress them and take them less often.
        settings.put("wal_compression", "pglz");
        settings.put("max_wal_size", "8GB");
        settings.put("checkpoint_timeout", "15min");
        return settings;
    }

    static String describe(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return "its default settings";
        }
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
