package vn.gov.portal.population.synthetic;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the population schema with a deterministic synthetic population, for demos and scale tests: households
 * with their members, permanent and temporary residences and father / mother / spouse links.
 * <p>
 * Rows go in with COPY, a few tens of thousands of people at a time: one thread generates the next batch while
 * the calling thread streams the previous one to PostgreSQL, and at most a couple of batches exist at once, so
 * ten million people need no more memory than a thousand. Keys, foreign keys and indexes of the four tables are
 * dropped for the load and rebuilt after it ({@link DeferredIndexes}), which needs the database user to own them.
 * Everything happens in one transaction: a failed run leaves the tables empty and the schema as it was.
 */
public class PopulationGenerator {

    private static final Logger log = LoggerFactory.getLogger(PopulationGenerator.class);

    /** People per COPY batch: large enough to amortise the statements, small enough to keep memory flat. */
    private static final int BATCH_PEOPLE = 25_000;
    /** Batches generated ahead of the one being copied. */
    private static final int BATCHES_AHEAD = 2;
    private static final CopyBatch.Encoded END_OF_DATA = new CopyBatch.Encoded(
            new byte[0], new byte[0], new byte[0], new byte[0], 0, 0, 0);

    private static final List<String> TABLES = List.of(
            "population.household", "population.person", "population.residence", "population.family_link");

    private final DataSource dataSource;

    public PopulationGenerator(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public record GenerationReport(long persons, long households, long familyLinks, Duration took) {
    }

    /** A load that failed for a reason other than a non-empty register; nothing of it was committed. */
    public static class GenerationFailedException extends RuntimeException {
        GenerationFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Loads {@code people} persons generated from {@code seed}; the same seed always gives the same people.
     *
     * @throws IllegalStateException if population.person (or population.household) already holds rows, or the
     *     commune catalogue is empty
     */
    public GenerationReport generate(int people, long seed) {
        if (people < 0) {
            throw new IllegalArgumentException("people must not be negative: " + people);
        }
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            Counts counts = inOneTransaction(connection, () -> load(connection, people, seed));
            analyze(connection);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info("Loaded {} persons in {} households ({} family links) in {} s", counts.persons,
                    counts.households, counts.familyLinks, took.toSeconds());
            return new GenerationReport(counts.persons, counts.households, counts.familyLinks, took);
        } catch (SQLException e) {
            throw new GenerationFailedException("Loading the synthetic population failed", e);
        }
    }

    private static Counts load(Connection connection, int people, long seed) throws SQLException {
        lockAndRequireEmpty(connection);
        List<Commune> communes = communes(connection);
        DeferredIndexes deferred = DeferredIndexes.drop(connection, TABLES);
        Counts counts = copyAll(connection, new SyntheticPopulation(communes, seed), people);
        long rebuildStarted = System.nanoTime();
        // lets the index builds sort in memory; reverts at the end of the transaction
        setLocal(connection, "maintenance_work_mem", "256MB");
        deferred.rebuild(connection);
        log.info("Rebuilt keys and indexes in {} ms", (System.nanoTime() - rebuildStarted) / 1_000_000);
        return counts;
    }

    private interface TransactionWork<T> {
        T run() throws SQLException;
    }

    private static <T> T inOneTransaction(Connection connection, TransactionWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void setLocal(Connection connection, String setting, String value) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local " + setting + " = '" + value + "'");
        }
    }

    /** Locks out concurrent writers (and a second generator) between the emptiness check and the load. */
    private static void lockAndRequireEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table " + String.join(", ", TABLES) + " in share row exclusive mode");
            try (ResultSet rows = statement.executeQuery("select exists (select 1 from population.person),"
                    + " exists (select 1 from population.household)")) {
                rows.next();
                if (rows.getBoolean(1) || rows.getBoolean(2)) {
                    throw new IllegalStateException("population.person or population.household is not empty:"
                            + " the generator only fills an empty register");
                }
            }
        }
    }

    private static List<Commune> communes(Connection connection) throws SQLException {
        List<Commune> communes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select c.code, c.name, p.code, p.name"
                        + " from population.admin_unit c join population.admin_unit p on p.code = c.parent_code"
                        + " where c.level = 'COMMUNE' order by c.code")) {
            while (rows.next()) {
                communes.add(Commune.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
            }
        }
        if (communes.isEmpty()) {
            throw new IllegalStateException("population.admin_unit has no communes to place households in");
        }
        return communes;
    }

    /** Copies the batches the producer thread generates, until it signals the end or fails. */
    private static Counts copyAll(Connection connection, SyntheticPopulation population, int people)
            throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        BlockingQueue<CopyBatch.Encoded> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> produce(population, people, queue, producerFailure),
                "population-generator");
        producer.setDaemon(true);
        producer.start();
        Counts counts = new Counts();
        try {
            for (CopyBatch.Encoded batch = queue.take(); batch != END_OF_DATA; batch = queue.take()) {
                copyBatch(copy, batch);
                counts.add(batch);
                if (counts.persons % 1_000_000 < batch.personCount()) {
                    log.info("{} persons loaded", counts.persons);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationFailedException("Interrupted while loading the population", e);
        } finally {
            producer.interrupt();   // a no-op once it has finished; unblocks it if the COPY failed
            joinQuietly(producer);
        }
        Throwable failure = producerFailure.get();
        if (failure != null) {
            throw new GenerationFailedException("Generating the population failed", failure);
        }
        return counts;
    }

    private static void produce(SyntheticPopulation population, int people, BlockingQueue<CopyBatch.Encoded> queue,
            AtomicReference<Throwable> failure) {
        try {
            try {
                population.produce(people, BATCH_PEOPLE, queue::put);
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
            queue.put(END_OF_DATA);
        } catch (InterruptedException e) {
            // the loading side gave up; nobody is waiting for more batches
        }
    }

    /** Parents before children: households, then the persons referring to them, then rows referring to persons. */
    private static void copyBatch(CopyManager copy, CopyBatch.Encoded batch) throws SQLException {
        copyRows(copy, CopyBatch.HOUSEHOLD_COPY, batch.households());
        copyRows(copy, CopyBatch.PERSON_COPY, batch.persons());
        copyRows(copy, CopyBatch.RESIDENCE_COPY, batch.residences());
        copyRows(copy, CopyBatch.FAMILY_LINK_COPY, batch.familyLinks());
    }

    private static void copyRows(CopyManager copy, String sql, byte[] rows) throws SQLException {
        if (rows.length == 0) {
            return;
        }
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(rows, 0, rows.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Fresh statistics, so the planner does not treat the just-filled tables as empty. */
    private static void analyze(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze " + String.join(", ", TABLES));
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Counts {
        long persons;
        long households;
        long familyLinks;

        void add(CopyBatch.Encoded batch) {
            persons += batch.personCount();
            households += batch.householdCount();
            familyLinks += batch.familyLinkCount();
        }
    }
}
