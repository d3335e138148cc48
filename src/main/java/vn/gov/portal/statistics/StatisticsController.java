package vn.gov.portal.statistics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.web.Messages;

/**
 * Statistics pages: admins see every agency (/admin/statistics, ROLE_ADMIN in SecurityConfig), an agency's leader
 * the agencies where they hold the APPROVER role (/officer/statistics; other officers get 403), and anyone the
 * national figures per procedure (/statistics). Each table can be downloaded as CSV.
 */
@Controller
class StatisticsController {

    private static final String ADMIN = "/admin/statistics";
    private static final String LEADER = "/officer/statistics";

    private final DossierStatistics statistics;
    private final RatingFigures ratings;
    private final PublicStatistics publicStatistics;
    private final StatisticsTables tables;
    private final AgencyDirectory agencies;
    private final ProcedureCatalog catalog;
    private final Messages messages;
    private final Clock clock;

    StatisticsController(DossierStatistics statistics, RatingFigures ratings, PublicStatistics publicStatistics,
                         StatisticsTables tables, AgencyDirectory agencies, ProcedureCatalog catalog, Messages messages,
                         Clock clock) {
        this.statistics = statistics;
        this.ratings = ratings;
        this.publicStatistics = publicStatistics;
        this.tables = tables;
        this.agencies = agencies;
        this.catalog = catalog;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping(ADMIN)
    String admin(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(required = false) String procedure, @RequestParam(required = false) String agency,
                 Locale locale, Model model) {
        ReportRequest request = read(from, to, procedure, agency, statistics::agencyByUnitCode, locale);
        model.addAttribute("leaderAgencies", null);
        return page(ADMIN, Scope.NATIONAL, request, locale, model);
    }

    @GetMapping(ADMIN + "/{table}.csv")
    ResponseEntity<byte[]> adminCsv(@PathVariable String table, @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String procedure,
                                    @RequestParam(required = false) String agency, Locale locale) {
        return csv(table, Scope.NATIONAL, read(from, to, procedure, agency, statistics::agencyByUnitCode, locale), locale);
    }

    @GetMapping(LEADER)
    String leader(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String procedure, @RequestParam(required = false) String agency,
                  PortalUser officer, Locale locale, Model model) {
        List<Agency> led = led(officer);
        ReportRequest request = read(from, to, procedure, agency, onlyOf(led), locale);
        model.addAttribute("leaderAgencies", led);
        return page(LEADER, Scope.of(led.stream().map(Agency::id).toList()), request, locale, model);
    }

    @GetMapping(LEADER + "/{table}.csv")
    ResponseEntity<byte[]> leaderCsv(@PathVariable String table, @RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String procedure,
                                     @RequestParam(required = false) String agency, PortalUser officer, Locale locale) {
        List<Agency> led = led(officer);
        return csv(table, Scope.of(led.stream().map(Agency::id).toList()),
                read(from, to, procedure, agency, onlyOf(led), locale), locale);
    }

    @GetMapping("/statistics")
    String publicPage(Locale locale, Model model) {
        PublicStatistics.Snapshot snapshot = publicStatistics.current();
        model.addAttribute("table", tables.publicTable(snapshot.report(), snapshot.ratings(), locale));
        model.addAttribute("period", snapshot.report().filter().period());
        model.addAttribute("countedAt", snapshot.countedAt().atZone(Period.VIETNAM).toLocalDateTime());
        return "statistics/public";
    }

    @GetMapping("/statistics.csv")
    ResponseEntity<byte[]> publicCsv(Locale locale) {
        PublicStatistics.Snapshot snapshot = publicStatistics.current();
        return attachment(tables.publicTable(snapshot.report(), snapshot.ratings(), locale), snapshot.report().filter());
    }

    private String page(String base, Scope scope, ReportRequest request, Locale locale, Model model) {
        model.addAttribute("base", base);
        model.addAttribute("form", request.form);
        model.addAttribute("problems", request.problems);
        model.addAttribute("procedures", ReportRequest.procedures(catalog, locale));
        if (request.filter != null) {
            Report report = statistics.report(scope, request.filter);
            model.addAttribute("tables", tables.report(report, ratings.of(scope, request.filter), locale));
            model.addAttribute("period", request.filter.period());
        }
        return "statistics/report";
    }

    private ResponseEntity<byte[]> csv(String id, Scope scope, ReportRequest request, Locale locale) {
        if (!StatisticsTables.REPORT_TABLES.contains(id)) {
            throw UserFacingException.notFound();
        }
        if (request.filter == null) {
            throw UserFacingException.refused("error.badRequest");
        }
        Report report = statistics.report(scope, request.filter);
        Table table = tables.report(report, ratings.of(scope, request.filter), locale).stream()
                .filter(t -> t.id().equals(id)).findFirst().orElseThrow(UserFacingException::notFound);
        return attachment(table, request.filter);
    }

    private static ResponseEntity<byte[]> attachment(Table table, ReportFilter filter) {
        String name = "thong-ke-" + table.id() + "-" + filter.period().from() + "-" + filter.period().to() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(Csv.of(table));
    }

    private ReportRequest read(String from, String to, String procedure, String agency,
                               Function<String, Optional<Agency>> findAgency, Locale locale) {
        return ReportRequest.read(from, to, procedure, agency, YearMonth.now(clock), catalog, findAgency, messages, locale);
    }

    /** The agencies the officer leads; an officer who leads none may not see statistics (403). */
    private List<Agency> led(PortalUser officer) {
        List<Agency> led = agencies.agenciesOf(officer.username()).stream()
                .filter(a -> agencies.rolesIn(officer.username(), a.id()).contains("APPROVER")).toList();
        if (led.isEmpty()) {
            throw new AccessDeniedException("statistics are for the agency's leaders");
        }
        return led;
    }

    /** A leader may narrow the report to one of their agencies; any other agency does not exist for them (404). */
    private static Function<String, Optional<Agency>> onlyOf(List<Agency> led) {
        return unitCode -> Optional.of(led.stream().filter(a -> a.unitCode().equals(unitCode)).findFirst()
                .orElseThrow(UserFacingException::notFound));
    }
}
