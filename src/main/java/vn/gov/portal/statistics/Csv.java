package vn.gov.portal.statistics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import vn.gov.portal.statistics.Table.Cell;
import vn.gov.portal.statistics.Table.Row;

/**
 * A table as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted and
 * quotes doubled), encoded in UTF-8 with a byte order mark, which is what makes Excel read Vietnamese correctly.
 * Numbers are plain (no grouping, a point before decimals) so that any program reads them. Text that a
 * spreadsheet would take for a formula is prefixed with an apostrophe.
 */
final class Csv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Csv() {
    }

    static byte[] of(Table table) {
        StringBuilder csv = new StringBuilder();
        line(csv, table.columns());
        for (Row row : table.rows()) {
            line(csv, values(row));
        }
        if (table.total() != null) {
            line(csv, values(table.total()));
        }
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(text, 0, out, BOM.length, text.length);
        return out;
    }

    private static List<String> values(Row row) {
        List<String> values = new ArrayList<>();
        values.add(row.header().csv());
        row.cells().stream().map(Cell::csv).forEach(values::add);
        return values;
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
