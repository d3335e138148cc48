package vn.gov.portal.statistics;

import java.util.HashMap;
import java.util.Map;

/** What a report is narrowed to: a period of whole months and, optionally, one procedure and one agency. */
record ReportFilter(Period period, String procedure, Long agencyId) {

    /**
     * The SQL conditions on unqualified {@code dossier} columns for the scope and the optional filters, appended
     * to a where clause; their values go into {@code params}.
     */
    String conditions(Scope scope, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder();
        if (!scope.national()) {
            sql.append(" and agency_id in (:scope)");
            params.put("scope", scope.agencyIds());
        }
        if (agencyId != null) {
            sql.append(" and agency_id = :agency");
            params.put("agency", agencyId);
        }
        if (procedure != null) {
            sql.append(" and procedure_code = :procedure");
            params.put("procedure", procedure);
        }
        return sql.toString();
    }

    Map<String, Object> periodParams() {
        Map<String, Object> params = new HashMap<>();
        params.put("start", java.sql.Timestamp.from(period.start()));
        params.put("end", java.sql.Timestamp.from(period.end()));
        return params;
    }
}
