package vn.gov.portal.attachment;

import java.security.MessageDigest;
import java.time.Clock;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;
import vn.gov.portal.audit.AuditLog;
import vn.gov.portal.limits.LimitedAction;
import vn.gov.portal.limits.RateLimits;
import vn.gov.portal.catalog.LocalizedText;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.ProcedureDefinition.Document;
import vn.gov.portal.dossier.ActingLevel;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Dossiers;
import vn.gov.portal.dossier.FieldProblem;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.SupportingDocuments;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * Citizens' files on their dossiers. A file is taken only if it is a PDF, PNG or JPEG by its content, not empty, at
 * most {@value #MAX_BYTES} bytes, within {@value #MAX_FILES} files a dossier, and passed by the virus scanner; it
 * answers one document of the procedure's list. Files go onto a draft while the citizen fills the form, or onto the
 * dossier while the agency asks for a supplement (status 5). Only a draft's files may be removed.
 */
@Service
public class Attachments implements SupportingDocuments {

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final int MAX_MEGABYTES = MAX_BYTES / (1024 * 1024);
    public static final int MAX_FILES = 20;
    /** The document id of files sent in answer to a supplementation request that names no listed document. */
    public static final String SUPPLEMENT = "supplement";
    /** National status code of a dossier waiting for the citizen's supplement. */
    static final int SUPPLEMENTATION = 5;
    private static final Document SUPPLEMENT_DOCUMENT = new Document(SUPPLEMENT,
            new LocalizedText("Giấy tờ bổ sung theo yêu cầu", "Papers sent as asked for a supplement"), false, false);

    /**
     * What the browser sent: the name only for display, the bytes to check and keep, and the id of the upload form's
     * rendering ({@code uploadId}, null when the form had none). The same file posted again from the same form for
     * the same document (a double click, a browser retry) is the same upload: it is stored once.
     */
    public record Upload(String originalName, byte[] content, UUID uploadId) {
        public Upload(String originalName, byte[] content) {
            this(originalName, content, null);
        }
    }

    public record Download(Attachment attachment, byte[] content) {}

    private final AttachmentRepository attachments;
    private final AttachmentStore store;
    private final VirusScanner scanner;
    private final Filing filing;
    private final Dossiers dossiers;
    private final ProcedureCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;
    private final RateLimits limits;
    private final TransactionOperations transactions;
    private final ActingLevel actingLevel;

    /** Filing is lazy: it asks this service for missing documents, and this service asks it to create drafts. */
    Attachments(AttachmentRepository attachments, AttachmentStore store, VirusScanner scanner, @Lazy Filing filing,
                Dossiers dossiers, ProcedureCatalog catalog, AuditLog audit, Clock clock, RateLimits limits,
                TransactionOperations transactions, ActingLevel actingLevel) {
        this.actingLevel = actingLevel;
        this.limits = limits;
        this.transactions = transactions;
        this.clock = clock;
        this.attachments = attachments;
        this.store = store;
        this.scanner = scanner;
        this.filing = filing;
        this.dossiers = dossiers;
        this.catalog = catalog;
        this.audit = audit;
    }

    static String fieldOf(String documentId) {
        return "attachment-" + documentId;
    }

    /** The procedure's papers with the files of the citizen's draft (none yet when the form was never saved). */
    public List<DocumentSlot> ofForm(PortalUser citizen, ProcedureDefinition definition, UUID formId) {
        return slots(definition, attachments.ofDraft(formId, citizen.subject()), false);
    }

    /**
     * The papers and files of a dossier as its agency sees them (access checked by the caller through
     * {@link Dossiers}): a step of an interconnected group is handled with the papers filed with the group.
     */
    public List<DocumentSlot> ofDossier(Dossier dossier) {
        return slots(catalog.of(dossier),
                attachments.ofDossiers(visible(dossier, false)), isSupplementation(dossier));
    }

    /** As the citizen sees them: a group's page also lists what they sent to each step. */
    public List<DocumentSlot> ofCitizensDossier(Dossier dossier) {
        return slots(catalog.of(dossier),
                attachments.ofDossiers(visible(dossier, true)), isSupplementation(dossier));
    }

    private List<UUID> visible(Dossier dossier, boolean withSteps) {
        List<UUID> ids = new ArrayList<>(List.of(dossier.id()));
        if (dossier.parentId() != null) {
            ids.add(dossier.parentId());
        }
        if (withSteps) {
            dossiers.steps(dossier).forEach(step -> ids.add(step.id()));
        }
        return ids;
    }

    private static boolean isSupplementation(Dossier dossier) {
        return dossier.statusCode() != null && dossier.statusCode() == SUPPLEMENTATION;
    }

    /**
     * Adds a file to the citizen's draft of the procedure, creating the draft (with the register's values) when the
     * form was never saved. Returns the draft's id, which the form must post from now on. The file is checked before
     * the transaction: a virus scan may take up to its timeout, and must not hold one of the pool's database
     * connections meanwhile (docs/operations.md, "Sizing an instance").
     */
    public Attachment attachToDraft(PortalUser citizen, ProcedureDefinition definition, UUID formId,
                                    String documentId, Upload upload) {
        Document document = uploadable(definition, documentId, false);
        FileType type = check(document, upload);
        String sha256 = sha256(upload.content());
        return transactions.execute(status -> {
            Filing.FormState form = filing.open(citizen, definition);
            UUID draftId = form.resumedDraft() ? form.formId()
                    : ((Filing.Saved) filing.save(citizen, definition, formId, Map.of())).form().formId();
            attachments.lockDossier(draftId)
                    .filter(d -> Dossier.DRAFT.equals(d.state()) && d.applicant().equals(citizen.subject()))
                    .orElseThrow(UserFacingException::notFound);
            return alreadyStored(draftId, document, upload, sha256)
                    .orElseGet(() -> add(citizen, draftId, document, type, upload, sha256, false));
        });
    }

    /**
     * A file sent with a supplement: only by the applicant at the procedure's e-ID level ({@link ActingLevel}), only
     * while the agency waits for it (status 5). Checked before the transaction, as in {@link #attachToDraft}.
     */
    public Attachment addSupplement(PortalUser citizen, UUID dossierId, String documentId, Upload upload) {
        Dossier dossier = dossiers.forCitizen(citizen, dossierId);
        if (!dossier.applicantIdNumber().equals(citizen.subject()) || dossier.isDraft()) {
            throw UserFacingException.notFound();
        }
        // Papers for the agency are a step on the dossier: at the procedure's e-ID level, as sending the supplement.
        actingLevel.check(citizen, dossier);
        Document document = uploadable(catalog.of(dossier), documentId, true);
        FileType type = check(document, upload);
        String sha256 = sha256(upload.content());
        return transactions.execute(status -> {
            AttachmentRepository.LockedDossier locked = attachments.lockDossier(dossierId).orElseThrow();
            Optional<Attachment> earlier = alreadyStored(dossierId, document, upload, sha256);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            if (locked.statusCode() == null || locked.statusCode() != SUPPLEMENTATION) {
                throw UserFacingException.refused("attachment.notInSupplementation");
            }
            Attachment added = add(citizen, dossierId, document, type, upload, sha256, true);
            audit.record(citizen.subject(), "attachment.added", "dossier", dossierId.toString(),
                    Map.of("receiptCode", dossier.receiptCode(), "document", document.id(), "sha256", added.sha256()));
            return added;
        });
    }

    /** Removes a file from the citizen's draft; submitted dossiers keep theirs. */
    @Transactional
    public void removeFromDraft(PortalUser citizen, UUID attachmentId) {
        Attachment attachment = attachments.find(attachmentId).orElseThrow(UserFacingException::notFound);
        attachments.lockDossier(attachment.dossierId())
                .filter(d -> Dossier.DRAFT.equals(d.state()) && d.applicant().equals(citizen.subject()))
                .orElseThrow(UserFacingException::notFound);
        store.delete(attachmentId);
        attachments.delete(attachmentId);
    }

    /** A file of a dossier the citizen filed or is the other party of (their own drafts included). */
    public Download forCitizen(PortalUser citizen, UUID dossierId, UUID attachmentId) {
        Dossier dossier = dossiers.forCitizen(citizen, dossierId);
        return download(visible(dossier, true), attachmentId);
    }

    /**
     * A file of a dossier of the officer's agency. Seeing a citizen's papers is an access to personal data: it is
     * audited against the applicant with the dossier as its purpose, like a look at their register record.
     */
    @Transactional
    public Download forOfficer(PortalUser officer, UUID dossierId, UUID attachmentId) {
        Dossier dossier = dossiers.forOfficer(officer, dossierId);
        Download download = download(visible(dossier, false), attachmentId);
        audit.record(officer.username(), "attachment.downloaded", "person", dossier.applicantIdNumber(),
                Map.of("dossier", dossier.receiptCode(), "purpose", dossier.procedureCode(),
                        "attachment", attachmentId.toString(), "document", download.attachment().documentId()));
        return download;
    }

    @Override
    public List<FieldProblem> missing(ProcedureDefinition definition, UUID draftId) {
        if (definition.documents().stream().noneMatch(d -> d.required() && !d.verifiableInRegister())) {
            return List.of();   // nothing the citizen must attach: no need to look at the draft's files
        }
        Set<String> attached = attached(draftId);
        return definition.documents().stream()
                .filter(d -> d.required() && !d.verifiableInRegister() && !attached.contains(d.id()))
                .map(d -> new FieldProblem(fieldOf(d.id()), "attachment.missing", List.of(d.name()), null))
                .toList();
    }

    @Override
    public Set<String> attached(UUID draftId) {
        return attachments.ofDossiers(List.of(draftId)).stream().map(Attachment::documentId)
                .collect(java.util.stream.Collectors.toSet());
    }

    private Download download(List<UUID> visibleDossiers, UUID attachmentId) {
        Attachment attachment = attachments.find(attachmentId).filter(a -> visibleDossiers.contains(a.dossierId()))
                .orElseThrow(UserFacingException::notFound);
        return new Download(attachment, store.get(attachmentId).orElseThrow(UserFacingException::notFound));
    }

    /**
     * The file an earlier post of the same upload form stored (looked up under the dossier's row lock, so a second
     * post at once waits for the first and finds its file). A repeat is not a new upload: it is not counted against
     * the citizen's limit either, and gets the answer the first post got.
     */
    private Optional<Attachment> alreadyStored(UUID dossierId, Document document, Upload upload, String sha256) {
        return upload.uploadId() == null ? Optional.empty()
                : attachments.findUpload(dossierId, upload.uploadId(), document.id(), sha256);
    }

    private Attachment add(PortalUser citizen, UUID dossierId, Document document, FileType type, Upload upload,
                           String sha256, boolean supplement) {
        limits.take(citizen.subject(), LimitedAction.UPLOAD);
        if (attachments.count(dossierId) >= MAX_FILES) {
            throw UserFacingException.refused("attachment.tooMany", MAX_FILES);
        }
        Attachment attachment = new Attachment(UUID.randomUUID(), dossierId, document.id(),
                FileNames.sanitise(upload.originalName(), type), type, upload.content().length, sha256,
                citizen.subject(), clock.instant(), supplement);
        attachments.insert(attachment, upload.uploadId());
        store.put(attachment.id(), upload.content());
        return attachment;
    }

    /** Everything about the file itself, before the database is touched. */
    private FileType check(Document document, Upload upload) {
        byte[] content = upload.content();
        if (content == null || content.length == 0) {
            throw UserFacingException.refused("attachment.empty", document.name());
        }
        if (content.length > MAX_BYTES) {
            throw UserFacingException.refused("attachment.tooBig", document.name(), MAX_MEGABYTES);
        }
        FileType type = ContentTypeDetector.detect(content)
                .orElseThrow(() -> UserFacingException.refused("attachment.wrongType", document.name()));
        VirusScanner.Verdict verdict;
        try {
            verdict = scanner.scan(content);
        } catch (VirusScanner.ScannerUnavailableException e) {
            throw UserFacingException.refused("attachment.scannerUnavailable");
        }
        if (!verdict.clean()) {
            throw UserFacingException.refused("attachment.infected", document.name());
        }
        return type;
    }

    /** A document of the list the citizen may upload for; in supplementation also the general "supplement" one. */
    private static Document uploadable(ProcedureDefinition definition, String documentId, boolean supplementation) {
        if (supplementation && SUPPLEMENT.equals(documentId)) {
            return SUPPLEMENT_DOCUMENT;
        }
        return definition.documents().stream()
                .filter(d -> d.id().equals(documentId) && !d.verifiableInRegister()).findFirst()
                .orElseThrow(() -> UserFacingException.refused("error.badRequest"));
    }

    private static List<DocumentSlot> slots(ProcedureDefinition definition, List<Attachment> files,
                                            boolean supplementation) {
        List<DocumentSlot> slots = new ArrayList<>();
        for (Document document : definition.documents()) {
            slots.add(new DocumentSlot(document, files.stream().filter(f -> f.documentId().equals(document.id())).toList()));
        }
        List<Attachment> extra = files.stream().filter(f -> SUPPLEMENT.equals(f.documentId())).toList();
        if (supplementation || !extra.isEmpty()) {
            slots.add(new DocumentSlot(SUPPLEMENT_DOCUMENT, extra));
        }
        return slots;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Files of every slot, in upload order. */
    public static Stream<Attachment> files(List<DocumentSlot> slots) {
        return slots.stream().flatMap(s -> s.files().stream());
    }
}
