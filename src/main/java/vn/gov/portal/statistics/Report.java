package vn.gov.portal.statistics;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import vn.gov.portal.agency.Agency;

/** The figures of one report: in total, per procedure (code), per agency (id, with the agencies) and per month. */
record Report(ReportFilter filter, Figures total, Map<String, Figures> byProcedure, Map<Long, Figures> byAgency,
              Map<YearMonth, Figures> byMonth, Map<Long, Agency> agencies) {

    List<YearMonth> months() {
        return filter.period().months();
    }
}
