package vn.gov.devstack;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition;

/**
 * A backlog of submitted dossiers for trying the officer queue at scale ({@code --portal.dev.dossiers=1000000}):
 * each agency gets dossiers of the procedures routed to its kind, in the states of their workflows, with appointment
 * dates around today (some overdue); finished ones spread over the last year (for the statistics). Loaded with COPY
 * in batches; deterministic for a seed.
 */
public final class DossierBacklog {

    private static final Logger log = LoggerFactory.getLogger(DossierBacklog.class);
    private static final int BATCH = 50_000;

    private DossierBacklog() {
    }

    record Agency(long id, String unitCode, String kind) {}

    record Applicant(String idNumber, String fullName) {}

    public static void seed(DataSource dataSource, ProcedureCatalog catalog, int wanted) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long existing = jdbc.sql("select count(*) from dossier").query(Long.class).single();
        if (existing >= wanted) {
            return;
        }
        Map<String, List<ProcedureDefinition>> byKind = catalog.all().stream().filter(d -> !d.isGroup())
                .collect(Collectors.groupingBy(d -> d.routing().agencyKind()));
        List<Agency> agencies = jdbc.sql("select id, unit_code, kind from agency order by id").query(Agency.class).list()
                .stream().filter(a -> byKind.containsKey(a.kind())).toList();
        List<Applicant> applicants = jdbc.sql("""
                        select id_number, full_name from population.person where date_of_death is null
                        order by id_number limit 200000""").query(Applicant.class).list();
        SplittableRandom random = new SplittableRandom(20251123L + existing);
        LocalDate today = LocalDate.now();
        long start = System.nanoTime();
        int toMake = (int) (wanted - existing);
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int done = 0; done < toMake; done += BATCH) {
                StringBuilder rows = new StringBuilder();
                for (int i = 0; i < Math.min(BATCH, toMake - done); i++) {
                    Agency agency = agencies.get(random.nextInt(agencies.size()));
                    List<ProcedureDefinition> procedures = byKind.get(agency.kind());
                    ProcedureDefinition procedure = procedures.get(random.nextInt(procedures.size()));
                    List<WorkflowDefinition.State> states = procedure.workflow().states();
                    WorkflowDefinition.State state = states.get(random.nextInt(states.size()));
                    Applicant applicant = applicants.get(random.nextInt(applicants.size()));
                    LocalDate appointment = today.plusDays(random.nextInt(-20, 15));
                    OffsetDateTime submitted = appointment.minusDays(5).atStartOfDay().atOffset(ZoneOffset.UTC);
                    String closed = "\\N";
                    String completed = "\\N";
                    if (state.terminal()) {
                        // finished dossiers spread over the last year, for the statistics; most on time
                        submitted = today.minusDays(random.nextInt(10, 366)).atStartOfDay().atOffset(ZoneOffset.UTC)
                                .plusHours(random.nextInt(1, 10));
                        appointment = submitted.toLocalDate().plusDays(5);
                        OffsetDateTime resolved = submitted.plusDays(random.nextInt(1, 8));
                        closed = resolved.plusDays(state.status() == 10 ? 1 : 0).toString();
                        completed = state.status() == 10 ? resolved.toString() : "\\N";
                    } else if (state.status() == 9) {
                        OffsetDateTime resolved = submitted.plusDays(random.nextInt(1, 6));
                        completed = (resolved.isAfter(OffsetDateTime.now()) ? OffsetDateTime.now(ZoneOffset.UTC) : resolved).toString();
                    }
                    rows.append(UUID.randomUUID()).append('\t').append(procedure.code()).append('\t')
                            .append(procedure.version()).append('\t').append(applicant.idNumber()).append('\t')
                            .append(applicant.fullName()).append('\t').append(agency.id()).append('\t')
                            .append(state.id()).append('\t').append(state.status()).append('\t')
                            .append(agency.unitCode()).append("-SEED-").append(existing + done + i).append('\t')
                            .append("{}\t[]\t").append(submitted).append('\t').append(appointment).append('\t')
                            .append(closed).append('\t').append(completed).append('\t')
                            .append(procedure.awaitsOthersBeforeReceipt(state.id()) ? "\\N" : submitted.toString())
                            .append('\n');
                }
                copy.copyIn("""
                        copy dossier (id, procedure_code, procedure_version, applicant_id_number, applicant_name,
                            agency_id, state, status_code, receipt_code, answers, prefilled, submitted_at,
                            appointment_date, closed_at, completed_at, received_at) from stdin""", new StringReader(rows.toString()));
            }
            jdbc.sql("analyze dossier").update();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot seed the dossier backlog", e);
        }
        log.info("Seeded {} dossiers in {} s", toMake, (System.nanoTime() - start) / 1_000_000_000);
    }
}
