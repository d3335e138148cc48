package vn.gov.portal.audit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * "Who used my data": every reading and every change of one person's population record, from the audit log, with
 * the agency, the officer and the dossier that was the purpose. Entries name their dossier by receipt code; the
 * agency comes from the entry when it carries one (readings), otherwise from that dossier (write-backs are made by
 * the agency that decided on it). Another citizen's look-up of the person's name by ID number (a guest, a partner
 * typed into a form) is listed with its procedure but without who looked: that citizen's identity and dossier are
 * their own personal data.
 */
@Service
public class PersonalDataUse {

    public static final int PAGE_SIZE = 20;
    /** A citizen's look-up of another person's name by ID number while filling in a form (dossier.PersonLookups). */
    public static final String CITIZEN_LOOK_UP = "person.looked-up";
    private static final int MAX_PAGE = 1000;

    /** One use. {@code action} is the audit action, e.g. {@code population.viewed}; the officer's name may be null. */
    public record Use(Instant at, String action, String officer, String agencyVi, String agencyEn, String receiptCode,
                      String procedureCode) {
        public String agency(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) && agencyEn != null ? agencyEn : agencyVi;
        }

        public boolean isReading() {
            return "population.viewed".equals(action) || isCitizenLookUp();
        }

        public boolean isCitizenLookUp() {
            return CITIZEN_LOOK_UP.equals(action);
        }
    }

    public record Page(List<Use> uses, int number, boolean hasNext) {}

    private final JdbcClient jdbc;

    PersonalDataUse(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The uses of this person's record, newest first; {@code page} counts from 0. */
    public Page of(String idNumber, int page) {
        int number = Math.min(Math.max(0, page), MAX_PAGE);
        List<Use> uses = jdbc.sql("""
                        select a.at, a.action, s.full_name, coalesce(va.name_vi, da.name_vi), coalesce(va.name_en, da.name_en),
                               a.details ->> 'dossier', coalesce(d.procedure_code, a.details ->> 'procedure')
                        from audit_log a
                        left join dossier d on d.receipt_code = a.details ->> 'dossier'
                        left join agency va on va.unit_code = a.details ->> 'agency'
                        left join agency da on da.id = d.agency_id
                        left join staff s on s.username = a.actor
                        where a.subject_type = 'person' and a.subject_id = ?
                          and (a.action like 'population.%' or a.action = ?)
                        order by a.at desc, a.id desc
                        limit ? offset ?""")
                .params(idNumber, CITIZEN_LOOK_UP, PAGE_SIZE + 1, number * PAGE_SIZE)
                .query((rs, n) -> new Use(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
        boolean hasNext = uses.size() > PAGE_SIZE;
        return new Page(hasNext ? uses.subList(0, PAGE_SIZE) : uses, number, hasNext);
    }
}
