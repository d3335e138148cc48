package vn.gov.portal.population;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Scenario 2 in the database: the lookups that prefill a form — the person, their permanent residence, household
 * and parents / spouse — through the portal's own register code ({@link PrefillSources} over
 * {@link JdbcPopulationRegister}), for random people of the loaded population, on one connection as one request
 * would have it. Run by vn.gov.bench.Benchmarks (JMH, sample-time mode for percentiles).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PrefillLookupBenchmark {

    private SingleConnectionDataSource connection;
    private PrefillSources prefill;
    private List<String> people;
    private final SplittableRandom random = new SplittableRandom(8);

    @Setup(Level.Trial)
    public void connect() {
        connection = new SingleConnectionDataSource(System.getProperty("bench.jdbc"), "postgres", "postgres", true);
        JdbcClient jdbc = JdbcClient.create(connection);
        prefill = new PrefillSources(new JdbcPopulationRegister(jdbc, new AdminUnitCache(jdbc)));
        // A random sample spread over the whole table, so that lookups do not hit only cached pages.
        people = jdbc.sql("select id_number from population.person tablesample system (1) limit 20000")
                .query(String.class).list();
    }

    @Benchmark
    public Object lookUpPersonWithHouseholdAndFamily() {
        return prefill.subject(new IdNumber(people.get(random.nextInt(people.size())))).orElseThrow();
    }

    @TearDown(Level.Trial)
    public void close() {
        connection.destroy();
    }
}
