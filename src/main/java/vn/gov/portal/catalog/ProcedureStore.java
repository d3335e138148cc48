package vn.gov.portal.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The versions of every procedure in PostgreSQL (table procedure_version) and the catalog's generation number. */
@Repository
public class ProcedureStore {

    private static final String COLUMNS = "code, version, source, status, created_by, created_at, published_by, published_at";

    private final JdbcClient jdbc;

    public ProcedureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isEmpty() {
        return jdbc.sql("select not exists (select 1 from procedure_version)").query(Boolean.class).single();
    }

    /** Serialises seeding between instances starting at once (released at the end of the transaction). */
    public void lockForSeeding() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('procedure_version seeding'))").query().singleValue();
    }

    /** Every version that is or was published: a dossier may have been filed under any of them. */
    public List<StoredVersion> released() {
        return jdbc.sql("select " + COLUMNS + " from procedure_version where status <> 'DRAFT' order by code, version")
                .query(ProcedureStore::row).list();
    }

    public List<StoredVersion> published() {
        return jdbc.sql("select " + COLUMNS + " from procedure_version where status = 'PUBLISHED' order by code")
                .query(ProcedureStore::row).list();
    }

    public List<StoredVersion> drafts() {
        return jdbc.sql("select " + COLUMNS + " from procedure_version where status = 'DRAFT' order by code")
                .query(ProcedureStore::row).list();
    }

    public List<StoredVersion> versions(String code) {
        return jdbc.sql("select " + COLUMNS + " from procedure_version where code = ? order by version desc")
                .param(code).query(ProcedureStore::row).list();
    }

    public Optional<StoredVersion> version(String code, int version) {
        return jdbc.sql("select " + COLUMNS + " from procedure_version where code = ? and version = ?")
                .params(code, version).query(ProcedureStore::row).optional();
    }

    /** The procedure's versions locked for a change, newest first: two admins' changes to one procedure queue up. */
    public List<StoredVersion> lock(String code) {
        return jdbc.sql("select " + COLUMNS + " from procedure_version where code = ? order by version desc for update")
                .param(code).query(ProcedureStore::row).list();
    }

    public void insertDraft(String code, int version, String source, String by) {
        jdbc.sql("insert into procedure_version (code, version, source, status, created_by) values (?, ?, ?, 'DRAFT', ?)")
                .params(code, version, source, by).update();
    }

    /** A version published as it is created (seeding from workflows/). */
    public boolean insertPublished(String code, int version, String source, String by) {
        return jdbc.sql("""
                        insert into procedure_version (code, version, source, status, created_by, published_by, published_at)
                        values (?, ?, ?, 'PUBLISHED', ?, ?, now()) on conflict do nothing""")
                .params(code, version, source, by, by).update() == 1;
    }

    public void updateDraft(String code, int version, String source) {
        jdbc.sql("update procedure_version set source = ? where code = ? and version = ? and status = 'DRAFT'")
                .params(source, code, version).update();
    }

    public void deleteDraft(String code, int version) {
        jdbc.sql("delete from procedure_version where code = ? and version = ? and status = 'DRAFT'")
                .params(code, version).update();
    }

    /** The draft becomes the published version; the one published before is superseded. */
    public void publish(String code, int version, String by) {
        jdbc.sql("update procedure_version set status = 'SUPERSEDED' where code = ? and status = 'PUBLISHED'")
                .param(code).update();
        jdbc.sql("""
                        update procedure_version set status = 'PUBLISHED', published_by = ?, published_at = now()
                        where code = ? and version = ? and status = 'DRAFT'""")
                .params(by, code, version).update();
        bumpGeneration();
    }

    public long generation() {
        return jdbc.sql("select generation from catalog_generation where id = 1").query(Long.class).single();
    }

    public void bumpGeneration() {
        jdbc.sql("update catalog_generation set generation = generation + 1 where id = 1").update();
    }

    private static StoredVersion row(ResultSet rs, int n) throws SQLException {
        return new StoredVersion(rs.getString("code"), rs.getInt("version"), rs.getString("source"),
                StoredVersion.Status.valueOf(rs.getString("status")), rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")), rs.getString("published_by"),
                instant(rs.getTimestamp("published_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
