package vn.gov.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the next Gatling simulation works on: drawn from the database by {@link Benchmarks} and handed over in memory,
 * because Gatling runs the simulation in the suite's own JVM.
 *
 * @param citizens  e-ID level 2 adults, one per virtual citizen
 * @param places    communes to move to: {@code province}, {@code commune} (one for the same-unit case)
 * @param officers  per officer: {@code username} and what to search for in the queue ({@code receipt}, {@code idNumber},
 *                  {@code name}, {@code procedure})
 * @param decisions dossiers to take through the workflow: {@code id}, plus the usernames of the agency's
 *                  {@code receiver}, {@code handler} and {@code approver}
 * @param users     concurrent virtual users
 * @param duration  how long the measured loop runs
 */
public record Workload(List<String> citizens, List<Map<String, Object>> places, List<Map<String, Object>> officers,
                       List<Map<String, Object>> decisions, int users, Duration duration) {

    static final String PORTAL = "http://127.0.0.1:8080";
    static final String EID = "http://127.0.0.1:9000";

    private static volatile Workload current;

    static Workload current() {
        if (current == null) {
            throw new IllegalStateException("no workload: simulations are started by vn.gov.bench.Benchmarks");
        }
        return current;
    }

    static void set(Workload workload) {
        current = workload;
    }
}
