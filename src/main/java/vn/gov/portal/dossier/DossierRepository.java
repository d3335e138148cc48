package vn.gov.portal.dossier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class DossierRepository {

    /** What {@link #map} reads, in a select or a returning clause. */
    private static final String DOSSIER = """
             id, procedure_code, procedure_version, applicant_id_number, applicant_name, agency_id, state,
                   status_code, receipt_code, answers, prefilled, submitted_at, appointment_date, closed_at,
                   party_id_number, parent_id, step_index, is_group, assignee, clock_paused_on, lock_version, updated_at,
                   supplement_due, completed_at is not null as completed,
                   fee_exemption_refused_at is not null as fee_exemption_refused, amount_due_vnd, received_at,
                   step_versions
            """;
    private static final String COLUMNS = "select" + DOSSIER + "from dossier\n";
    private static final TypeReference<LinkedHashMap<String, String>> ANSWERS = new TypeReference<>() { };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DossierRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Dossier> find(UUID id) {
        return jdbc.sql(COLUMNS + "where id = ?").param(id).query(this::map).optional();
    }

    /** Locks the row for a decision: a second officer acting at the same moment waits, then sees the new state. */
    Optional<Dossier> findForUpdate(UUID id) {
        return jdbc.sql(COLUMNS + "where id = ? for update").param(id).query(this::map).optional();
    }

    /**
     * Serialises one citizen's filings of one procedure until the transaction ends: a double click on a form whose
     * draft row does not exist yet must not race to create two rows.
     */
    void lockFilings(String applicant, String procedureCode) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(applicant + ":" + procedureCode)
                .query((rs, n) -> 1).list();
    }

    /** The dossier a submitted form's id names and the citizen's draft of the procedure, if any: often one row. */
    record FormAndDraft(Optional<Dossier> form, Optional<Dossier> draft) {}

    /**
     * Both rows a submission starts from, in one statement and locked for it: the dossier the form's id names (already
     * submitted if the post is repeated) and the citizen's draft of the procedure (two tabs share it).
     */
    FormAndDraft formAndDraftForUpdate(UUID formId, String applicant, String procedureCode) {
        List<Dossier> rows = jdbc.sql(COLUMNS + """
                        where id = ? or (applicant_id_number = ? and procedure_code = ? and state = 'draft')
                        for update""")
                .params(formId, applicant, procedureCode).query(this::map).list();
        return new FormAndDraft(rows.stream().filter(d -> d.id().equals(formId)).findFirst(),
                rows.stream().filter(d -> d.isDraft() && d.applicantIdNumber().equals(applicant)
                        && d.procedureCode().equals(procedureCode)).findFirst());
    }

    Optional<Dossier> findDraft(String applicant, String procedureCode) {
        return jdbc.sql(COLUMNS + "where applicant_id_number = ? and procedure_code = ? and state = 'draft'")
                .params(applicant, procedureCode).query(this::map).optional();
    }

    /** The citizen's own dossiers and those they are the other party of. */
    List<Dossier> ofCitizen(String idNumber) {
        return jdbc.sql(COLUMNS + """
                        where (applicant_id_number = :id or party_id_number = :id) and parent_id is null
                        order by coalesce(submitted_at, updated_at) desc limit 200""")
                .param("id", idNumber).query(this::map).list();
    }

    /**
     * A page of the queue. The optional filters are left out of the statement when not set, rather than written as
     * "(:x is null or …)": a plan made for the statement could not use their indexes then. The search is a union of
     * three index lookups within the agencies — receipt code prefix, ID number, folded name read from the index of
     * open dossiers alone (V26) — rather than one OR, which PostgreSQL answered by reading every open dossier of the
     * agency (docs/performance.md, scenario 4).
     */
    List<Dossier> queue(Collection<Long> agencyIds, Collection<String> officerStates, QueueFilter filter,
                        String officer, LocalDate today, int limit, int offset) {
        if (agencyIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(COLUMNS + """
                        where agency_id in (:agencies) and status_code is not null and not is_group
                          and received_at is not null
                          and (case when cast(:status as smallint) is null
                                    then closed_at is null and (procedure_code || ':' || state) in (:officerStates)
                                    else status_code = :status end)
                          and (:scope <> 'MINE' or assignee = :officer)
                          and (:scope <> 'UNASSIGNED' or assignee is null)
                          and (:due <> 'TODAY' or (appointment_date = :today and completed_at is null
                                                   and clock_paused_on is null))
                        """ + "  and (:due <> 'OVERDUE' or " + Dossier.OVERDUE + ")\n" + (filter.procedure() == null ? "" : """
                          and procedure_code = :procedure
                        """) + (filter.search() == null ? "" : searchCondition(filter)) + """
                        order by appointment_date, submitted_at limit :limit offset :offset""")
                .param("agencies", agencyIds).param("officerStates", officerStates).param("status", filter.status())
                .param("procedure", filter.procedure()).param("scope", filter.scope().name()).param("officer", officer)
                .param("due", filter.due().name()).param("today", today).param("search", filter.search())
                .param("limit", limit).param("offset", offset)
                .query(this::map).list();
    }

    /**
     * The search: a union of index lookups within the agencies. Names have no digits, so a search with one is a
     * receipt code or an ID number and skips the name lookup; names are read from the index of open dossiers (V26),
     * or among the dossiers of the status filtered for, which may be a closed one.
     */
    private static String searchCondition(QueueFilter filter) {
        String byName = filter.search().chars().anyMatch(Character::isDigit) ? ""
                : """
                  union all
                  select id from dossier where agency_id in (:agencies) and %s
                      and applicant_name_folded like '%%' || portal_fold(:search) || '%%'
                  """.formatted(filter.status() == null ? "closed_at is null and status_code is not null"
                        : "status_code = :status");
        return """
                and id in (select id from dossier where agency_id in (:agencies) and receipt_code like :search || '%%'
                           union all
                           select id from dossier where agency_id in (:agencies)
                               and applicant_id_number = cast(:search as bpchar)
                           %s)
                """.formatted(byName);
    }

    /** Gives the dossier to an officer (or to nobody) if nobody changed it since it was read. */
    boolean assign(UUID id, int expectedLockVersion, String assignee) {
        return jdbc.sql("""
                        update dossier set assignee = ?, lock_version = lock_version + 1, updated_at = now()
                        where id = ? and lock_version = ?""")
                .params(assignee, id, expectedLockVersion).update() == 1;
    }

    /** A new appointment date, if nobody changed the dossier since it was read. */
    boolean extendAppointment(UUID id, int expectedLockVersion, LocalDate newDate) {
        return jdbc.sql("""
                        update dossier set appointment_date = ?, lock_version = lock_version + 1, updated_at = now()
                        where id = ? and lock_version = ?""")
                .params(newDate, id, expectedLockVersion).update() == 1;
    }

    /** A group's appointment follows its step's extension (Decisions#groupFollows); the group itself stays as it is. */
    void moveAppointment(UUID id, LocalDate newDate) {
        jdbc.sql("update dossier set appointment_date = ?, updated_at = now() where id = ?").params(newDate, id).update();
    }

    /** The legal clock stops while the citizen is asked for more, and restarts with a later appointment date. */
    void pauseClock(UUID id, LocalDate on) {
        jdbc.sql("update dossier set clock_paused_on = ? where id = ?").params(on, id).update();
    }

    void resumeClock(UUID id, LocalDate newAppointment) {
        jdbc.sql("update dossier set clock_paused_on = null, appointment_date = ? where id = ?")
                .params(newAppointment, id).update();
    }

    /** The agency receives the dossier now: its legal time starts, with the appointment counted from this moment. */
    void receive(UUID id, Instant at, LocalDate appointment) {
        jdbc.sql("""
                        update dossier set received_at = ?, appointment_date = ?, clock_paused_on = null
                        where id = ? and received_at is null""")
                .params(Timestamp.from(at), appointment, id).update();
    }

    /** Inserts a draft, or updates the caller's draft with this id. Returns false if the id is not a draft of theirs. */
    boolean saveDraft(UUID id, String procedureCode, int version, String applicant, String applicantName,
                      Map<String, String> answers, Set<String> prefilled) {
        int changed = jdbc.sql("""
                        insert into dossier (id, procedure_code, procedure_version, applicant_id_number, applicant_name,
                                             state, answers, prefilled)
                        values (?, ?, ?, ?, ?, 'draft', ?::jsonb, ?::jsonb)
                        on conflict (id) do update set answers = excluded.answers, prefilled = excluded.prefilled,
                            applicant_name = excluded.applicant_name, updated_at = now()
                        where dossier.state = 'draft' and dossier.applicant_id_number = excluded.applicant_id_number
                          and dossier.procedure_code = excluded.procedure_code""")
                .params(id, procedureCode, version, applicant, applicantName, json.writeValueAsString(answers),
                        json.writeValueAsString(prefilled.stream().sorted().toList()))
                .update();
        return changed == 1;
    }

    /**
     * Writes a submitted dossier in one statement: a new row, or the caller's draft with this id turned into it. The
     * dossier as written, locked by this transaction; empty when the id is taken by anything else (another person's
     * dossier, one already submitted).
     */
    Optional<Dossier> submit(UUID id, String procedureCode, int version, String applicant, String applicantName,
                   Map<String, String> answers, Set<String> prefilled, long agencyId, String state, int statusCode,
                   String receiptCode, Instant submittedAt, LocalDate appointment, String party, Instant receivedAt) {
        return jdbc.sql("""
                        insert into dossier (id, procedure_code, procedure_version, applicant_id_number, applicant_name,
                                             answers, prefilled, agency_id, state, status_code, receipt_code,
                                             submitted_at, appointment_date, party_id_number, received_at,
                                             lock_version)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                        on conflict (id) do update set answers = excluded.answers, prefilled = excluded.prefilled,
                            procedure_version = excluded.procedure_version,
                            applicant_name = excluded.applicant_name, agency_id = excluded.agency_id,
                            state = excluded.state, status_code = excluded.status_code,
                            receipt_code = excluded.receipt_code, submitted_at = excluded.submitted_at,
                            appointment_date = excluded.appointment_date, party_id_number = excluded.party_id_number,
                            received_at = excluded.received_at, lock_version = dossier.lock_version + 1, updated_at = now()
                        where dossier.state = 'draft' and dossier.applicant_id_number = excluded.applicant_id_number
                          and dossier.procedure_code = excluded.procedure_code
                        returning""" + DOSSIER)
                .params(id, procedureCode, version, applicant, applicantName, json.writeValueAsString(answers),
                        json.writeValueAsString(prefilled.stream().sorted().toList()), agencyId, state, statusCode,
                        receiptCode, Timestamp.from(submittedAt), appointment, party,
                        receivedAt == null ? null : Timestamp.from(receivedAt))
                .query(this::map).optional();
    }

    /** A draft the citizen chose to start again; a submitted dossier is never deleted. */
    void deleteDraft(UUID id) {
        jdbc.sql("delete from dossier where id = ? and state = 'draft'").param(id).update();
    }

    /** The citizen's corrected answers, sent with a supplement; the caller holds the row lock. */
    void replaceAnswers(UUID id, Map<String, String> answers, Set<String> prefilled) {
        jdbc.sql("update dossier set answers = ?::jsonb, prefilled = ?::jsonb, updated_at = now() where id = ?")
                .params(json.writeValueAsString(answers), json.writeValueAsString(prefilled.stream().sorted().toList()), id)
                .update();
    }

    /** The amount due an officer confirmed, set with the move that confirms it (Decisions). */
    void confirmAmountDue(UUID id, long amountVnd) {
        jdbc.sql("update dossier set amount_due_vnd = ? where id = ?").params(amountVnd, id).update();
    }

    /**
     * The other submitted dossiers of the procedure whose answer {@code field} is {@code value}, compared without case
     * and spaces (the index of V42 for the traffic fine's decision number), newest first.
     */
    List<Dossier> withSameAnswer(String procedureCode, String field, String value, UUID except, int limit) {
        // Both written into the SQL, so that the partial expression index matches even in a generic plan; the parser
        // allows no other characters in field ids and procedure codes.
        if (!field.matches("[A-Za-z][A-Za-z0-9]*") || !procedureCode.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("not a field id or procedure code: " + field + ", " + procedureCode);
        }
        return jdbc.sql(COLUMNS + "where procedure_code = '" + procedureCode + "' and id <> ? and state <> 'draft'\n"
                        + "  and upper(regexp_replace(answers ->> '" + field + "', '\\s', '', 'g'))"
                        + " = upper(regexp_replace(?, '\\s', '', 'g'))\n"
                        + "order by submitted_at desc limit ?")
                .params(except, value, limit).query(this::map).list();
    }

    void askSupplementBy(UUID id, LocalDate due) {
        jdbc.sql("update dossier set supplement_due = ? where id = ?").params(due, id).update();
    }

    /**
     * Marks a submitted dossier as the citizen's dossier of an interconnected group (in no agency's queue), with the
     * versions of its steps it is filed with.
     */
    void markGroup(UUID id, List<Integer> stepVersions) {
        jdbc.sql("update dossier set is_group = true, step_versions = ? where id = ?")
                .params(stepVersions.toArray(Integer[]::new), id).update();
    }

    /** Files a step of a group on the citizen's behalf, with the answers the step needs. */
    void insertStep(UUID id, UUID parent, int stepIndex, String procedureCode, int version, String applicant,
                    String applicantName, long agencyId, String state, int statusCode, String receiptCode,
                    Instant submittedAt, LocalDate appointment, Map<String, String> answers, Set<String> prefilled,
                    Instant receivedAt) {
        jdbc.sql("""
                        insert into dossier (id, procedure_code, procedure_version, applicant_id_number, applicant_name,
                            agency_id, state, status_code, receipt_code, answers, prefilled, submitted_at, appointment_date,
                            parent_id, step_index, received_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(id, procedureCode, version, applicant, applicantName, agencyId, state, statusCode, receiptCode,
                        json.writeValueAsString(answers), json.writeValueAsString(prefilled.stream().sorted().toList()),
                        Timestamp.from(submittedAt), appointment, parent, stepIndex,
                        receivedAt == null ? null : Timestamp.from(receivedAt))
                .update();
    }

    List<Dossier> steps(UUID parent) {
        return jdbc.sql(COLUMNS + "where parent_id = ? order by step_index").param(parent).query(this::map).list();
    }

    /**
     * Moves the dossier to a new state if nobody changed it since {@code expectedLockVersion} was read. A decision
     * hands the dossier on: whoever takes the next step claims it anew. The first arrival at status 9 is the
     * completion the statistics count.
     */
    boolean transition(UUID id, int expectedLockVersion, String state, int statusCode, boolean closes) {
        return jdbc.sql("""
                        update dossier set state = ?, status_code = ?, lock_version = lock_version + 1, updated_at = now(),
                            closed_at = case when ? then now() else closed_at end, assignee = null,
                            completed_at = case when ? = ? then coalesce(completed_at, now()) else completed_at end
                        where id = ? and lock_version = ?""")
                .params(state, statusCode, closes, statusCode, Completion.STATUS, id, expectedLockVersion)
                .update() == 1;
    }

    /** Adds answers produced by the procedure itself (the newborn's ID number) without touching the citizen's. */
    void addAnswers(UUID id, Map<String, String> produced) {
        jdbc.sql("update dossier set answers = answers || ?::jsonb, updated_at = now() where id = ?")
                .params(json.writeValueAsString(produced), id).update();
    }

    /**
     * @param formId the id of the note form's rendering (required: Decisions refuses a post without one)
     * @return false when the same form already posted this note (a double click, a retry): nothing was written
     */
    boolean addInternalNote(UUID dossierId, UUID formId, String officer, String state, String note) {
        return jdbc.sql("""
                        insert into dossier_event (dossier_id, form_id, actor, actor_kind, event, to_state, note, internal)
                        values (?, ?, ?, 'STAFF', 'internal-note', ?, ?, true)
                        on conflict (dossier_id, form_id, md5(note)) where form_id is not null do nothing""")
                .params(dossierId, formId, officer, state, note).update() == 1;
    }

    /** @return the event's id */
    long addEvent(UUID dossierId, String actor, String actorKind, String event, String from, String to,
                  Integer statusCode, String note) {
        return addEvent(dossierId, actor, actorKind, event, from, to, statusCode, note, null);
    }

    /**
     * @param formId the post that made this move (its key, see {@link #postedBefore}), or null
     * @return the event's id
     */
    long addEvent(UUID dossierId, String actor, String actorKind, String event, String from, String to,
                  Integer statusCode, String note, UUID formId) {
        return jdbc.sql("""
                        insert into dossier_event (dossier_id, actor, actor_kind, event, from_state, to_state, status_code,
                            note, form_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(dossierId, actor, actorKind, event, from, to, statusCode, note, formId)
                .query(Long.class).single();
    }

    /** Whether the post with this key (a form's id) already wrote an entry of the dossier's timeline. */
    boolean postedBefore(UUID dossierId, UUID formId) {
        return jdbc.sql("select exists (select 1 from dossier_event where dossier_id = ? and form_id = ?)")
                .params(dossierId, formId).query(Boolean.class).single();
    }

    boolean hasEvent(UUID dossierId, String event) {
        return jdbc.sql("select exists (select 1 from dossier_event where dossier_id = ? and event = ?)")
                .params(dossierId, event).query(Boolean.class).single();
    }

    /** The timeline; internal notes only for the agency's officers. */
    List<DossierEvent> events(UUID dossierId, boolean withInternalNotes) {
        return jdbc.sql("""
                        select at, actor, actor_kind, event, from_state, to_state, status_code, note
                        from dossier_event where dossier_id = ? and (? or not internal) order by at, id""")
                .params(dossierId, withInternalNotes)
                .query((rs, n) -> new DossierEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), (Integer) rs.getObject(7, Integer.class),
                        rs.getString(8)))
                .list();
    }

    /** The receiver found the declared exemption ground not proved: the fee is due from now on. */
    void refuseFeeExemption(UUID id) {
        jdbc.sql("update dossier set fee_exemption_refused_at = now() where id = ? and fee_exemption_refused_at is null")
                .param(id).update();
    }

    private Dossier map(ResultSet rs, int row) throws SQLException {
        Timestamp submitted = rs.getTimestamp("submitted_at");
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Dossier(rs.getObject("id", UUID.class), rs.getString("procedure_code"), rs.getInt("procedure_version"),
                rs.getString("applicant_id_number"), rs.getString("applicant_name"),
                rs.getObject("agency_id", Long.class), rs.getString("state"), rs.getObject("status_code", Integer.class),
                rs.getString("receipt_code"), json.readValue(rs.getString("answers"), ANSWERS),
                new HashSet<>(json.readValue(rs.getString("prefilled"), NAMES)),
                submitted == null ? null : submitted.toInstant(), rs.getObject("appointment_date", LocalDate.class),
                closed == null ? null : closed.toInstant(), rs.getString("party_id_number"),
                rs.getObject("parent_id", UUID.class), rs.getObject("step_index", Integer.class), rs.getBoolean("is_group"),
                rs.getString("assignee"), rs.getObject("clock_paused_on", LocalDate.class), rs.getInt("lock_version"),
                rs.getTimestamp("updated_at").toInstant(), rs.getObject("supplement_due", LocalDate.class), rs.getBoolean("completed"),
                rs.getBoolean("fee_exemption_refused"), rs.getObject("amount_due_vnd", Long.class),
                Optional.ofNullable(rs.getTimestamp("received_at")).map(Timestamp::toInstant).orElse(null),
                stepVersions(rs.getArray("step_versions")));
    }

    /** A group's step versions; an element is null for a step whose version is not known (filed before V54). */
    private static List<Integer> stepVersions(java.sql.Array array) throws SQLException {
        return array == null ? List.of()
                : java.util.Collections.unmodifiableList(java.util.Arrays.asList((Integer[]) array.getArray()));
    }
}
