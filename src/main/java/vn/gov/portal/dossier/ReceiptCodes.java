package vn.gov.portal.dossier;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Receipt codes of Circular 01/2018 art. 19: the receiving unit's code, the date of receipt as YYMMDD and a daily
 * sequence per unit (e.g. 000.00.10.H42-251123-0007). The counter row is incremented by an upsert inside the
 * submission's transaction: concurrent submissions queue on the row and can never get the same number, and a
 * rolled-back submission gives its number back.
 */
@Component
public class ReceiptCodes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final JdbcClient jdbc;

    public ReceiptCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String next(String unitCode, LocalDate day) {
        int sequence = jdbc.sql("""
                        insert into receipt_sequence (unit_code, day, last_value) values (?, ?, 1)
                        on conflict (unit_code, day) do update set last_value = receipt_sequence.last_value + 1
                        returning last_value""")
                .params(unitCode, day)
                .query(Integer.class).single();
        return format(unitCode, day, sequence);
    }

    static String format(String unitCode, LocalDate day, int sequence) {
        return unitCode + "-" + day.format(DAY) + "-" + String.format("%04d", sequence);
    }
}
