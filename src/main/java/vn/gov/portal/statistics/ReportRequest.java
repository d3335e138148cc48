package vn.gov.portal.statistics;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.web.Messages;
import vn.gov.portal.web.Messages.FieldMessage;

/**
 * Reads a report's filter from the request: months (yyyy-MM, the last 12 months when left empty), a procedure of
 * the catalogue and an agency found by {@code findAgency} (which decides what the user may choose). What cannot be
 * read becomes a message linked to its field, and no report is made.
 */
final class ReportRequest {

    final FilterForm form;
    final List<FieldMessage> problems = new ArrayList<>();
    ReportFilter filter;

    private ReportRequest(FilterForm form) {
        this.form = form;
    }

    static ReportRequest read(String from, String to, String procedure, String agency, YearMonth current,
                              ProcedureCatalog catalog, Function<String, Optional<Agency>> findAgency,
                              Messages messages, Locale locale) {
        Period defaults = Period.lastTwelveMonths(current);
        String fromText = Optional.ofNullable(FilterForm.blankToNull(from)).orElse(defaults.from().toString());
        String toText = Optional.ofNullable(FilterForm.blankToNull(to)).orElse(defaults.to().toString());
        ReportRequest request = new ReportRequest(new FilterForm(fromText, toText, FilterForm.blankToNull(procedure),
                FilterForm.blankToNull(agency)));
        YearMonth fromMonth = request.month(fromText, "from", messages, locale);
        YearMonth toMonth = request.month(toText, "to", messages, locale);
        if (fromMonth != null && toMonth != null) {
            if (fromMonth.isAfter(toMonth)) {
                request.problem("to", "statistics.error.order", messages, locale);
            } else if (fromMonth.plusMonths(Period.MAX_MONTHS).isBefore(toMonth.plusMonths(1))) {
                request.problem("to", "statistics.error.tooLong", messages, locale, Period.MAX_MONTHS);
            }
        }
        String code = request.form.procedure();
        if (code != null && catalog.find(code).filter(d -> !d.isGroup()).isEmpty()) {
            request.problem("procedure", "statistics.error.procedure", messages, locale);
        }
        Long agencyId = null;
        if (request.form.agency() != null) {
            Optional<Agency> found = findAgency.apply(request.form.agency());
            if (found.isEmpty()) {
                request.problem("agency", "statistics.error.agency", messages, locale);
            } else {
                agencyId = found.get().id();
            }
        }
        if (request.problems.isEmpty()) {
            request.filter = new ReportFilter(new Period(fromMonth, toMonth), code, agencyId);
        }
        return request;
    }

    /** The procedures one may choose, by name. */
    static List<ProcedureOption> procedures(ProcedureCatalog catalog, Locale locale) {
        return catalog.all().stream().filter(d -> !d.isGroup())
                .map(d -> new ProcedureOption(d.code(), d.name().in(locale)))
                .sorted(java.util.Comparator.comparing(ProcedureOption::name, StatisticsTables.collator(locale))).toList();
    }

    public record ProcedureOption(String code, String name) {}

    private YearMonth month(String text, String field, Messages messages, Locale locale) {
        try {
            YearMonth month = YearMonth.parse(text);
            if (month.getYear() < 2000 || month.getYear() > 2999) {
                throw new DateTimeParseException("out of range", text, 0);
            }
            return month;
        } catch (DateTimeParseException e) {
            problem(field, "statistics.error.month", messages, locale);
            return null;
        }
    }

    private void problem(String field, String code, Messages messages, Locale locale, Object... args) {
        problems.add(new FieldMessage(field, messages.text(code, args, locale)));
    }
}
