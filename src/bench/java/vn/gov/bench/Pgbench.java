package vn.gov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database's own ceiling for a submission (scenario 3): PostgreSQL's pgbench running a transaction that inserts
 * one dossier-like row (about 1 KB of JSON answers) and one audit row — into plain tables of the same shape, and
 * once more with the audit row going into the portal's hash-chained audit_log, to show what the chain costs.
 * pgbench comes with Debian's postgresql-client (apt-get install -y postgresql-client).
 */
final class Pgbench {

    /** pgbench's rate and latency, and the WAL the server wrote per transaction during the run. */
    record Ceiling(String transaction, int clients, double tps, double latencyMs, double walBytesPerTransaction) {}

    private static final String ANSWERS = """
            {"phone": "0912345678", "email": "cong.dan@example.vn", "newProvince": "01", "newCommune": "00308",
             "newAddressDetail": "Số 5, phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội",
             "periodFrom": "2026-11-24", "periodTo": "2027-05-24", "reason": "Thuê nhà để đi làm tại Hà Nội",
             "fullName": "Nguyễn Văn An", "birthDate": "1990-01-01", "sex": "MALE", "ethnicity": "Kinh",
             "nationality": "Việt Nam", "permanentAddress": "Số 12, đường Trần Phú, phường Ba Đình, thành phố Hà Nội",
             "householdHead": "Nguyễn Văn Bình", "relationToHead": "Con", "religion": "Không",
             "homeTown": "Xã Đông Anh, thành phố Hà Nội", "placeOfBirth": "Bệnh viện Phụ sản Hà Nội",
             "note": "Hồ sơ tạo bởi bộ đo hiệu năng để so sánh với giới hạn của cơ sở dữ liệu, không phải dữ liệu thật."}"""
            .replace("\n", " ");

    private Pgbench() {
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/pgbench"));
    }

    static List<Ceiling> ceilings(DataSource dataSource, String jdbcUrl, int clients, Duration duration,
                                  Path workDirectory) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                create schema if not exists bench;
                create table if not exists bench.dossier (like public.dossier including defaults);
                create table if not exists bench.audit (id bigserial primary key, at timestamptz not null,
                    actor text not null, action text not null, subject_type text not null, subject_id text not null,
                    details jsonb not null)""").update();
        String plain = transaction("bench.audit");
        String chained = transaction("audit_log");
        return List.of(run("dossier row + audit row (plain tables)", plain, jdbc, jdbcUrl, clients, duration,
                        workDirectory),
                run("dossier row + row in the hash-chained audit_log", chained, jdbc, jdbcUrl, clients, duration,
                        workDirectory));
    }

    private static String transaction(String auditTable) {
        return """
                \\set n random(1, 2000000000)
                BEGIN;
                INSERT INTO bench.dossier (id, procedure_code, procedure_version, applicant_id_number, applicant_name,
                  agency_id, state, status_code, receipt_code, answers, prefilled, submitted_at)
                  VALUES (gen_random_uuid(), 'temporary-residence', 1, '001090012345', 'Nguyễn Văn An', 1,
                  'submitted', 1, 'H01.00308-' || :n, '%s'::jsonb, '[]'::jsonb, now());
                INSERT INTO %s (at, actor, action, subject_type, subject_id, details)
                  VALUES (now(), '001090012345', 'dossier.submitted', 'dossier', 'bench-' || :n,
                  '{"receiptCode": "H01.00308", "procedure": "temporary-residence", "status": 1}');
                END;
                """.formatted(ANSWERS.replace("'", "''"), auditTable);
    }

    private static Ceiling run(String name, String script, JdbcClient jdbc, String jdbcUrl, int clients,
                               Duration duration, Path workDirectory) {
        try {
            Files.createDirectories(workDirectory);
            Path file = workDirectory.resolve("pgbench-" + Math.abs(name.hashCode()) + ".sql");
            Files.writeString(file, script);
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            WalMeter wal = WalMeter.start(jdbc);
            Process process = new ProcessBuilder("pgbench", "-n", "-h", uri.getHost(), "-p",
                    String.valueOf(uri.getPort()), "-U", "postgres", "-c", String.valueOf(clients), "-j", "2",
                    "-T", String.valueOf(duration.toSeconds()), "-f", file.toString(), "postgres")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pgbench failed:\n" + output);
            }
            double transactions = number(output, "number of transactions actually processed: ([0-9]+)");
            return new Ceiling(name, clients, number(output, "tps = ([0-9.]+)"),
                    number(output, "latency average = ([0-9.]+) ms"), wal.bytesSince() / transactions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double number(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no '" + pattern + "' in pgbench's output:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }
}
