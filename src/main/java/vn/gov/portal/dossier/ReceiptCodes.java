package vn.gov.portal.dossier;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Receipt codes of Circular 01/2018 art. 19: the receiving unit's code, the date of receipt as YYMMDD and a daily
 * sequence per unit (e.g. 000.00.10.H42-251123-0007).
 * <p>
 * The counter row of a unit and day is incremented in a transaction of its own, on two connections kept for it,
 * committed at once: the row is locked for that one statement instead of until the submission commits, so a busy
 * unit's submissions do not queue behind each other (docs/performance.md, scenario 3). Numbers stay unique (the
 * upsert) and in order of receipt; a submission that fails after taking its number leaves a gap, recorded in
 * receipt_void when its transaction rolls back, and {@link #unexplainedGaps} finds any other (a crash in between).
 * The counter commits without waiting for its WAL flush: a crash can only forget an increment whose submission had
 * not committed either, since the submission's commit flushes the WAL written before it.
 */
@Component
public class ReceiptCodes implements DisposableBean {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final HikariDataSource numbering;
    private final JdbcClient counter;
    private final JdbcClient jdbc;

    public ReceiptCodes(DataSource dataSource, JdbcClient jdbc) throws SQLException {
        HikariDataSource main = dataSource.unwrap(HikariDataSource.class);
        numbering = new HikariDataSource();
        numbering.setPoolName("receipt-numbers");
        numbering.setJdbcUrl(main.getJdbcUrl());
        numbering.setUsername(main.getUsername());
        numbering.setPassword(main.getPassword());
        numbering.setConnectionTimeout(main.getConnectionTimeout());
        numbering.setMaximumPoolSize(2);
        numbering.setMinimumIdle(0);
        numbering.setAutoCommit(true);
        numbering.setConnectionInitSql("set synchronous_commit = off");
        this.counter = JdbcClient.create(numbering);
        this.jdbc = jdbc;
    }

    /** The next code of the unit for the day; inside a transaction, a rollback of it records the number as void. */
    public String next(String unitCode, LocalDate day) {
        int sequence = counter.sql("""
                        insert into receipt_sequence (unit_code, day, last_value) values (?, ?, 1)
                        on conflict (unit_code, day) do update set last_value = receipt_sequence.last_value + 1
                        returning last_value""")
                .params(unitCode, day)
                .query(Integer.class).single();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        counter.sql("insert into receipt_void (unit_code, day, seq) values (?, ?, ?) on conflict do nothing")
                                .params(unitCode, day, sequence).update();
                    }
                }
            });
        }
        return format(unitCode, day, sequence);
    }

    /** Numbers of the unit and day that were taken but are on no dossier and not recorded as void. */
    public List<Integer> unexplainedGaps(String unitCode, LocalDate day) {
        return jdbc.sql("""
                        select n from receipt_sequence s, generate_series(1, s.last_value) n
                        where s.unit_code = :unit and s.day = :day
                          and not exists (select 1 from receipt_void v where v.unit_code = s.unit_code and v.day = s.day and v.seq = n)
                          and not exists (select 1 from dossier d where d.receipt_code = :prefix || case when n < 10000 then lpad(n::text, 4, '0') else n::text end)
                        order by n""")
                .param("unit", unitCode).param("day", day).param("prefix", format(unitCode, day, 0).replaceAll("0000$", ""))
                .query(Integer.class).list();
    }

    static String format(String unitCode, LocalDate day, int sequence) {
        return unitCode + "-" + day.format(DAY) + "-" + String.format("%04d", sequence);
    }

    @Override
    public void destroy() {
        numbering.close();
    }
}
