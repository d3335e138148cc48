package vn.gov.portal.statistics;

import java.util.List;

/**
 * One table of figures as the page shows it and the CSV export writes it: the same rows, texts in the user's
 * language. The table is the content; the chart (if any) is drawn from its cells by statistics-charts.js. A long
 * table shows its first {@code shownLimit} rows; the CSV has them all, the total last.
 */
public record Table(String id, String title, List<String> columns, List<Row> rows, Row total, int shownLimit, Chart chart) {

    /**
     * A cell: {@code text} as displayed and {@code raw} as exported (a number, or a text such as the ISO month;
     * null when the text itself is exported). Numbers also feed the chart.
     */
    public record Cell(String text, Object raw) {

        static Cell text(String text) {
            return new Cell(text, null);
        }

        public String csv() {
            return raw == null ? text : raw.toString();
        }

        /** The value the chart plots, or null for text and empty cells. */
        public Number value() {
            return raw instanceof Number n ? n : null;
        }
    }

    /** A row: its header cell (what it is about), its figures, and the agency it is about (for a link), if any. */
    public record Row(Cell header, List<Cell> cells, String agencyCode) {}

    /**
     * How the chart shows the table: {@code bar} (categories across) or {@code hbar}; which figure columns (from 1);
     * the top of the value axis when it is fixed (100 for percentages), else null.
     */
    public record Chart(String kind, List<Integer> series, Integer max) {}

    /** The rows the page shows; the CSV has them all. */
    public List<Row> shownRows() {
        return rows.size() <= shownLimit ? rows : rows.subList(0, shownLimit);
    }

    public int rowsLeftOut() {
        return Math.max(0, rows.size() - shownLimit);
    }
}
