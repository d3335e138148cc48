package vn.gov.portal.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.catalog.DefinitionCheck;
import vn.gov.portal.catalog.DefinitionEdits;
import vn.gov.portal.catalog.DefinitionText;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureStore;
import vn.gov.portal.catalog.ShippedDefinitions;
import vn.gov.portal.catalog.StoredVersion;
import vn.gov.portal.dossier.UserFacingException;

/**
 * Admins' changes to procedure definitions. All editing happens on a draft (the next version number); publishing
 * makes the draft the version new dossiers get, and the previous one is superseded but kept for the dossiers filed
 * under it. Rollback publishes an old version's text again as a new version. Every change is audited with the
 * version numbers and text hashes before and after.
 */
@Service
public class ProcedureEditor {

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final String SUBJECT = "procedure";

    private final ProcedureStore store;
    private final ProcedureCatalog catalog;
    private final ShippedDefinitions shipped;
    private final AuditLog audit;

    ProcedureEditor(ProcedureStore store, ProcedureCatalog catalog, ShippedDefinitions shipped, AuditLog audit) {
        this.store = store;
        this.catalog = catalog;
        this.shipped = shipped;
        this.audit = audit;
    }

    /**
     * A line of the list: the procedure, its published version, its draft if any, and the newer version this release
     * ships for it if any (only while there is no draft: importing would replace the draft's text).
     */
    public record Summary(String code, String name, Integer publishedVersion, Integer draftVersion,
                          Integer shippedVersion) {}

    public List<Summary> overview() {
        Map<String, ShippedDefinitions.Shipped> newer = shipped.newerThanPublished();
        Map<String, Summary> rows = new LinkedHashMap<>();
        store.published().forEach(p -> rows.put(p.code(), new Summary(p.code(), catalog.find(p.code())
                .map(d -> d.name().vi()).orElse(p.code()), p.version(), null,
                newer.containsKey(p.code()) ? newer.get(p.code()).version() : null)));
        store.drafts().forEach(d -> {
            Summary published = rows.get(d.code());
            rows.put(d.code(), new Summary(d.code(), published != null ? published.name() : draftName(d),
                    published != null ? published.publishedVersion() : null, d.version(), null));
        });
        List<Summary> list = new ArrayList<>(rows.values());
        list.sort(java.util.Comparator.comparing(Summary::code));
        return list;
    }

    private static String draftName(StoredVersion draft) {
        return new DefinitionText(draft.source()).valueAt(List.of("name", "vi")).orElse(draft.code());
    }

    public List<StoredVersion> versions(String code) {
        List<StoredVersion> versions = store.versions(code);
        if (versions.isEmpty()) {
            throw UserFacingException.notFound();
        }
        return versions;
    }

    public Optional<StoredVersion> draft(String code) {
        return versions(code).stream().filter(StoredVersion::isDraft).findFirst();
    }

    public StoredVersion version(String code, int version) {
        return store.version(code, version).orElseThrow(UserFacingException::notFound);
    }

    /** Every problem of a stored version's text, as publishing would see it. */
    public DefinitionCheck.Review review(StoredVersion version) {
        return catalog.review(version.code(), version.version(), version.source());
    }

    // --- new procedures --------------------------------------------------------------------------------------------

    @Transactional
    public StoredVersion create(String actor, String code, String nameVi, String nameEn) {
        String text = DefinitionEdits.code(template(), checkNewCode(code));
        text = DefinitionEdits.metadata(text, new DefinitionEdits.Metadata(nameVi, nameEn, "", "", ""));
        return newDraft(actor, code, 1, text, "procedure.create", Map.of("template", "catalog/new-procedure.yaml"));
    }

    @Transactional
    public StoredVersion cloneAs(String actor, String fromCode, String code) {
        StoredVersion from = store.versions(fromCode).stream().filter(StoredVersion::isPublished).findFirst()
                .orElseThrow(UserFacingException::notFound);
        String text = DefinitionEdits.version(DefinitionEdits.code(from.source(), checkNewCode(code)), 1);
        return newDraft(actor, code, 1, text, "procedure.clone", Map.of("from", Map.of("code", fromCode,
                "version", from.version(), "hash", from.hash())));
    }

    private String checkNewCode(String code) {
        if (code == null || !CODE.matcher(code).matches() || code.length() > 80) {
            throw UserFacingException.refused("adminProcedures.error.badCode").at("code");
        }
        if (!store.versions(code).isEmpty()) {
            throw UserFacingException.refused("adminProcedures.error.codeTaken", code).at("code");
        }
        return code;
    }

    private StoredVersion newDraft(String actor, String code, int version, String text, String action,
                                   Map<String, ?> extra) {
        store.insertDraft(code, version, text, actor);
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("before", null);
        details.put("after", state(version, text));
        audit.record(actor, action, SUBJECT, code, details);
        return store.version(code, version).orElseThrow();
    }

    private static String template() {
        try {
            return new ClassPathResource("catalog/new-procedure.yaml").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- drafts --------------------------------------------------------------------------------------------------

    /** A draft N+1 from the published version N. */
    @Transactional
    public StoredVersion startDraft(String actor, String code) {
        List<StoredVersion> versions = locked(code);
        if (versions.isEmpty()) {
            throw UserFacingException.notFound(); // an unknown code (found by AuthorizationMatrixTest: was a 500)
        }
        if (versions.get(0).isDraft()) {
            return versions.get(0);
        }
        StoredVersion published = versions.stream().filter(StoredVersion::isPublished).findFirst()
                .orElseThrow(UserFacingException::notFound);
        int next = versions.get(0).version() + 1;
        return newDraft(actor, code, next, DefinitionEdits.version(published.source(), next), "procedure.draft",
                Map.of("from", state(published.version(), published.source())));
    }

    /** Stores the draft's text as typed, problems and all: the page lists them until they are fixed. */
    @Transactional
    public void saveDraft(String actor, String code, String text) {
        StoredVersion draft = lockedDraft(code);
        String normalised = text.replace("\r\n", "\n");
        if (normalised.equals(draft.source())) {
            return;
        }
        store.updateDraft(code, draft.version(), normalised);
        audit.record(actor, "procedure.edit", SUBJECT, code, change(draft, draft.version(), normalised, "text"));
    }

    /** A structured change (names, fees, deadline, e-ID level, a new step) made to the draft's text. */
    @Transactional
    public void editDraft(String actor, String code, String what, UnaryOperator<String> change) {
        StoredVersion draft = lockedDraft(code);
        String changed;
        try {
            changed = change.apply(draft.source());
        } catch (DefinitionEdits.Refused e) {
            throw UserFacingException.refused(e.getMessage(), e.args()).at(e.field());
        } catch (DefinitionText.NotEditable e) {
            throw UserFacingException.refused("adminProcedures.error.notEditable");
        }
        store.updateDraft(code, draft.version(), changed);
        audit.record(actor, "procedure.edit", SUBJECT, code, change(draft, draft.version(), changed, what));
    }

    @Transactional
    public void discardDraft(String actor, String code) {
        StoredVersion draft = lockedDraft(code);
        store.deleteDraft(code, draft.version());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", state(draft.version(), draft.source()));
        details.put("after", null);
        audit.record(actor, "procedure.discard", SUBJECT, code, details);
    }

    /**
     * An uploaded file becomes the draft (a new one, or replacing the text of the one being edited); its version is
     * set to the draft's number. Never published by itself.
     */
    @Transactional
    public StoredVersion importFile(String actor, String text) {
        String normalised = text.replace("\r\n", "\n");
        if (normalised.startsWith("\uFEFF")) {
            normalised = normalised.substring(1);
        }
        String code = new DefinitionText(normalised).valueAt(List.of("code")).orElse(null);
        if (code == null || !CODE.matcher(code).matches()) {
            throw UserFacingException.refused("adminProcedures.error.importNoCode").at("file");
        }
        List<StoredVersion> versions = locked(code);
        if (versions.isEmpty()) {
            return newDraft(actor, code, 1, withVersion(normalised, 1), "procedure.import", Map.of());
        }
        if (versions.get(0).isDraft()) {
            StoredVersion draft = versions.get(0);
            String imported = withVersion(normalised, draft.version());
            store.updateDraft(code, draft.version(), imported);
            audit.record(actor, "procedure.import", SUBJECT, code, change(draft, draft.version(), imported, "file"));
            return store.version(code, draft.version()).orElseThrow();
        }
        int next = versions.get(0).version() + 1;
        return newDraft(actor, code, next, withVersion(normalised, next), "procedure.import", Map.of());
    }

    /**
     * The newer definition this release ships for the procedure becomes its draft, keeping the file's version number
     * (so that, once published, the file is no longer newer), or the next free number if the procedure's history
     * already used it. Refused while a draft is being edited, whose text it would replace.
     */
    @Transactional
    public StoredVersion importShipped(String actor, String code) {
        List<StoredVersion> versions = locked(code);
        if (versions.isEmpty()) {
            throw UserFacingException.notFound();
        }
        ShippedDefinitions.Shipped file = Optional.ofNullable(shipped.newerThanPublished().get(code))
                .orElseThrow(() -> UserFacingException.refused("adminProcedures.error.nothingShipped"));
        Optional<StoredVersion> draft = versions.stream().filter(StoredVersion::isDraft).findFirst();
        if (draft.isPresent()) {
            throw UserFacingException.refused("adminProcedures.error.draftBeforeShipped", draft.get().version());
        }
        int version = Math.max(file.version(), versions.get(0).version() + 1);
        return newDraft(actor, code, version, withVersion(file.text(), version), "procedure.import",
                Map.of("file", file.file()));
    }

    /** The file's version line says the draft's number (left alone when already right, so the text stays the file's). */
    private static String withVersion(String text, int version) {
        try {
            return new DefinitionText(text).valueAt(List.of("version")).filter(Integer.toString(version)::equals)
                    .isPresent() ? text : DefinitionEdits.version(text, version);
        } catch (DefinitionText.NotEditable e) {
            return text; // not YAML: stored as it is, the problem list says why it cannot be published
        }
    }

    // --- publishing ----------------------------------------------------------------------------------------------

    /** The draft becomes the published version, if it has no problem; effective here at once, elsewhere within seconds. */
    @Transactional
    public StoredVersion publish(String actor, String code) {
        List<StoredVersion> versions = locked(code);
        StoredVersion draft = versions.stream().filter(StoredVersion::isDraft).findFirst()
                .orElseThrow(() -> UserFacingException.refused("adminProcedures.error.noDraft"));
        DefinitionCheck.Review review = catalog.review(code, draft.version(), draft.source());
        if (!review.ok()) {
            throw UserFacingException.refused("adminProcedures.error.hasProblems", review.problems().size());
        }
        Optional<StoredVersion> before = versions.stream().filter(StoredVersion::isPublished).findFirst();
        store.publish(code, draft.version(), actor);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", before.map(b -> state(b.version(), b.source())).orElse(null));
        details.put("after", state(draft.version(), draft.source()));
        audit.record(actor, "procedure.publish", SUBJECT, code, details);
        reloadAfterCommit();
        return store.version(code, draft.version()).orElseThrow();
    }

    /** Rollback: an earlier version's text published again as the next version (history stays as it was). */
    @Transactional
    public StoredVersion republish(String actor, String code, int version) {
        List<StoredVersion> versions = locked(code);
        StoredVersion old = versions.stream().filter(v -> v.version() == version && !v.isDraft()).findFirst()
                .orElseThrow(UserFacingException::notFound);
        if (versions.get(0).isDraft()) {
            throw UserFacingException.refused("adminProcedures.error.draftInTheWay", versions.get(0).version());
        }
        int next = versions.get(0).version() + 1;
        String text = DefinitionEdits.version(old.source(), next);
        store.insertDraft(code, next, text, actor);
        DefinitionCheck.Review review = catalog.review(code, next, text);
        if (!review.ok()) {
            throw UserFacingException.refused("adminProcedures.error.hasProblems", review.problems().size());
        }
        Optional<StoredVersion> before = versions.stream().filter(StoredVersion::isPublished).findFirst();
        store.publish(code, next, actor);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", before.map(b -> state(b.version(), b.source())).orElse(null));
        details.put("after", state(next, text));
        details.put("textOf", version);
        audit.record(actor, "procedure.rollback", SUBJECT, code, details);
        reloadAfterCommit();
        return store.version(code, next).orElseThrow();
    }

    private void reloadAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                catalog.refresh();
            }
        });
    }

    // --- reading -------------------------------------------------------------------------------------------------

    public List<LineDiff.Line> diff(String code, int from, int to) {
        return LineDiff.changes(version(code, from).source(), version(code, to).source(), 3);
    }

    private List<StoredVersion> locked(String code) {
        return store.lock(code);
    }

    private StoredVersion lockedDraft(String code) {
        List<StoredVersion> versions = locked(code);
        if (versions.isEmpty()) {
            throw UserFacingException.notFound();
        }
        return versions.stream().filter(StoredVersion::isDraft).findFirst()
                .orElseThrow(() -> UserFacingException.refused("adminProcedures.error.noDraft"));
    }

    private static Map<String, Object> state(int version, String text) {
        return Map.of("version", version, "hash", StoredVersion.hash(text));
    }

    private static Map<String, Object> change(StoredVersion before, int version, String after, String what) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("what", what);
        details.put("before", state(before.version(), before.source()));
        details.put("after", state(version, after));
        return details;
    }
}
