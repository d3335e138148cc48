package vn.gov.portal.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.statistics.RatingFigures.RatingReport;
import vn.gov.portal.statistics.RatingFigures.Ratings;
import vn.gov.portal.statistics.Table.Cell;
import vn.gov.portal.statistics.Table.Chart;
import vn.gov.portal.statistics.Table.Row;
import vn.gov.portal.web.Messages;

/** Turns reports into the tables of the pages and the CSV files, in the user's language. */
@Component
class StatisticsTables {

    /** Rows of a table shown on the page; the CSV has them all (there may be thousands of agencies). */
    static final int SHOWN_ROWS = 100;
    static final List<String> REPORT_TABLES = List.of("by-month", "by-procedure", "by-agency", "ratings");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MM/yyyy");

    private final ProcedureCatalog catalog;
    private final Messages messages;

    StatisticsTables(ProcedureCatalog catalog, Messages messages) {
        this.catalog = catalog;
        this.messages = messages;
    }

    /** The tables of an admin's or leader's report, in page order. */
    List<Table> report(Report report, Optional<RatingReport> ratings, Locale locale) {
        List<Table> tables = new ArrayList<>();
        tables.add(byMonth(report, locale));
        tables.add(byProcedure(report, locale));
        tables.add(byAgency(report, locale));
        ratings.ifPresent(r -> tables.add(ratings(r, locale)));
        return tables;
    }

    /** The public table: per procedure, no agency and nobody named; the ratings' average when there are ratings. */
    Table publicTable(Report report, Optional<RatingReport> ratings, Locale locale) {
        Format f = new Format(locale);
        List<String> columns = new ArrayList<>(List.of(text("statistics.procedure", locale),
                text("statistics.submitted", locale), text("statistics.completed", locale),
                text("statistics.onTime", locale), text("statistics.onTimePercent", locale)));
        ratings.ifPresent(r -> columns.add(text("statistics.averageStars", locale)));
        Function<Figures, List<Cell>> cells = x -> new ArrayList<>(List.of(f.count(x.submitted()),
                f.count(x.completed()), f.count(x.onTime()), f.percent(x.onTimePercent())));
        List<Row> rows = new ArrayList<>();
        for (String code : procedureCodes(report, locale)) {
            List<Cell> row = cells.apply(report.byProcedure().getOrDefault(code, Figures.NONE));
            ratings.ifPresent(r -> row.add(f.decimal(Optional.ofNullable(r.byProcedure().get(code)).map(Ratings::average).orElse(null))));
            rows.add(new Row(Cell.text(procedureName(code, locale)), row, null));
        }
        List<Cell> total = cells.apply(report.total());
        ratings.ifPresent(r -> total.add(f.decimal(r.total().average())));
        return new Table("public", text("statistics.public.table", locale), columns, rows,
                new Row(Cell.text(text("statistics.total", locale)), total, null), Integer.MAX_VALUE,
                new Chart("hbar", List.of(4), 100));
    }

    private Table byMonth(Report report, Locale locale) {
        Format f = new Format(locale);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<YearMonth, Figures> e : report.byMonth().entrySet()) {
            rows.add(new Row(new Cell(e.getKey().format(MONTH), e.getKey().toString()), figures(e.getValue(), f, false), null));
        }
        return new Table("by-month", text("statistics.byMonth", locale), columns("statistics.month", false, locale), rows,
                total(report, f, false, locale), Integer.MAX_VALUE, new Chart("bar", List.of(1, 2), null));
    }

    private Table byProcedure(Report report, Locale locale) {
        Format f = new Format(locale);
        List<Row> rows = procedureCodes(report, locale).stream()
                .map(code -> new Row(Cell.text(procedureName(code, locale)),
                        figures(report.byProcedure().getOrDefault(code, Figures.NONE), f, true), null))
                .toList();
        return new Table("by-procedure", text("statistics.byProcedure", locale), columns("statistics.procedure", true, locale),
                rows, total(report, f, true, locale), SHOWN_ROWS, new Chart("hbar", List.of(4), 100));
    }

    /** Agencies with the most dossiers first. */
    private Table byAgency(Report report, Locale locale) {
        Format f = new Format(locale);
        List<Row> rows = report.byAgency().entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Long, Figures> e) -> -e.getValue().submitted())
                        .thenComparing(e -> agencyName(report.agencies().get(e.getKey()), locale), collator(locale)))
                .map(e -> {
                    Agency agency = report.agencies().get(e.getKey());
                    return new Row(Cell.text(agencyName(agency, locale)), figures(e.getValue(), f, true),
                            agency == null ? null : agency.unitCode());
                })
                .toList();
        return new Table("by-agency", text("statistics.byAgency", locale), columns("statistics.agency", true, locale),
                rows, total(report, f, true, locale), SHOWN_ROWS, null);
    }

    private Table ratings(RatingReport ratings, Locale locale) {
        Format f = new Format(locale);
        List<String> columns = new ArrayList<>(List.of(text("statistics.procedure", locale),
                text("statistics.ratings.count", locale), text("statistics.averageStars", locale)));
        for (int stars = 1; stars <= 5; stars++) {
            columns.add(messages.text("statistics.ratings.stars", new Object[] {stars}, locale));
        }
        Function<Ratings, List<Cell>> cells = r -> {
            List<Cell> row = new ArrayList<>(List.of(f.count(r.count()), f.decimal(r.average())));
            for (int stars = 1; stars <= 5; stars++) {
                row.add(f.count(r.withStars(stars)));
            }
            return row;
        };
        List<Row> rows = ratings.byProcedure().entrySet().stream()
                .sorted(Comparator.comparing(e -> procedureName(e.getKey(), locale), collator(locale)))
                .map(e -> new Row(Cell.text(procedureName(e.getKey(), locale)), cells.apply(e.getValue()), null))
                .toList();
        return new Table("ratings", text("statistics.ratings", locale), columns, rows,
                new Row(Cell.text(text("statistics.total", locale)), cells.apply(ratings.total()), null), SHOWN_ROWS,
                new Chart("bar", List.of(3, 4, 5, 6, 7), null));
    }

    private List<String> columns(String first, boolean withOverdue, Locale locale) {
        List<String> columns = new ArrayList<>(List.of(text(first, locale), text("statistics.submitted", locale),
                text("statistics.completed", locale), text("statistics.onTime", locale),
                text("statistics.onTimePercent", locale), text("statistics.averageDays", locale)));
        if (withOverdue) {
            columns.add(text("statistics.overdueNow", locale));
        }
        return columns;
    }

    private static List<Cell> figures(Figures x, Format f, boolean withOverdue) {
        List<Cell> cells = new ArrayList<>(List.of(f.count(x.submitted()), f.count(x.completed()), f.count(x.onTime()),
                f.percent(x.onTimePercent()), f.decimal(x.averageDays())));
        if (withOverdue) {
            cells.add(f.count(x.overdueNow() == null ? 0 : x.overdueNow()));
        }
        return cells;
    }

    private Row total(Report report, Format f, boolean withOverdue, Locale locale) {
        return new Row(Cell.text(text("statistics.total", locale)), figures(report.total(), f, withOverdue), null);
    }

    /** The procedures with figures and, unless one is chosen, every procedure of the catalogue; by name. */
    private List<String> procedureCodes(Report report, Locale locale) {
        java.util.Set<String> codes = new java.util.TreeSet<>(report.byProcedure().keySet());
        if (report.filter().procedure() == null) {
            catalog.all().stream().filter(d -> !d.isGroup()).map(ProcedureDefinition::code).forEach(codes::add);
        } else {
            codes.add(report.filter().procedure());
        }
        return codes.stream().sorted(Comparator.comparing(code -> procedureName(code, locale), collator(locale))).toList();
    }

    /** Names in the language's alphabetical order ("Đ" after "D", not after "Z"). */
    static Comparator<Object> collator(Locale locale) {
        return java.text.Collator.getInstance(locale);
    }

    String procedureName(String code, Locale locale) {
        return catalog.find(code).map(d -> d.name().in(locale)).orElse(code);
    }

    private static String agencyName(Agency agency, Locale locale) {
        return agency == null ? "" : agency.name(locale);
    }

    private String text(String code, Locale locale) {
        return messages.text(code, null, locale);
    }

    /** Numbers as the user reads them (1.234 and 3,5 in Vietnamese); the raw value goes to the CSV and the chart. */
    private static final class Format {
        private final NumberFormat integers;
        private final NumberFormat decimals;

        Format(Locale locale) {
            integers = NumberFormat.getIntegerInstance(locale);
            decimals = NumberFormat.getNumberInstance(locale);
            decimals.setMinimumFractionDigits(1);
            decimals.setMaximumFractionDigits(1);
        }

        Cell count(long n) {
            return new Cell(integers.format(n), n);
        }

        Cell percent(Integer percent) {
            return percent == null ? new Cell("—", "") : new Cell(percent + " %", percent);
        }

        Cell decimal(Double value) {
            if (value == null) {
                return new Cell("—", "");
            }
            BigDecimal rounded = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
            return new Cell(decimals.format(rounded), rounded);
        }
    }
}
