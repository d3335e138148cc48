package vn.gov.portal.dossier;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.portal.catalog.FormField;
import vn.gov.portal.catalog.LocalizedText;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.catalog.WorkflowDefinition;
import vn.gov.portal.catalog.WorkflowDefinition.Transition;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.population.PrefillSources;

/**
 * The citizen's side of a supplementation request: what was asked and by when, and sending the supplement — corrected
 * answers and a message — which resumes the dossier's handling and its legal clock.
 */
@Service
public class Supplementation {

    /** What the agency asked for, when, and by which date the citizen should answer. */
    public record Request(String what, Instant askedAt, java.time.LocalDate dueBy) {}

    /**
     * Opens the last line of a supplement's timeline note, which names the answers the citizen changed. Stored in
     * Vietnamese, the record's language; pages show it in the reader's (message supplement.changedAnswers).
     */
    static final String CHANGED = "Đã sửa: ";

    /** A supplement's note split for the reader: the citizen's own message and the labels of the answers changed. */
    public record ChangedAnswers(String message, List<LocalizedText> labels) {

        public String labelsIn(java.util.Locale locale) {
            return labels.stream().map(l -> l.in(locale)).collect(Collectors.joining("; "));
        }
    }

    private final DossierRepository dossiers;
    private final ProcedureCatalog catalog;
    private final Filing filing;
    private final AnswerValidator validator;
    private final Decisions decisions;
    private final PersonLookups lookups;
    private final ActingLevel actingLevel;

    Supplementation(DossierRepository dossiers, ProcedureCatalog catalog, Filing filing, AnswerValidator validator,
                    Decisions decisions, PersonLookups lookups, ActingLevel actingLevel) {
        this.actingLevel = actingLevel;
        this.lookups = lookups;
        this.dossiers = dossiers;
        this.catalog = catalog;
        this.filing = filing;
        this.validator = validator;
        this.decisions = decisions;
    }

    /** The open request of a dossier waiting for the citizen (the latest move into status 5). */
    public Optional<Request> request(Dossier dossier) {
        if (!dossier.awaitsSupplement()) {
            return Optional.empty();
        }
        List<DossierEvent> events = dossiers.events(dossier.id(), false);
        for (int i = events.size() - 1; i >= 0; i--) {
            DossierEvent event = events.get(i);
            if (event.statusCode() != null && event.statusCode() == 5) {
                return Optional.of(new Request(event.note() == null ? "" : event.note(), event.at(), dossier.supplementDue()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the citizen answers by correcting the form here; a step of an interconnected group is answered with a
     * message from the group's page, since its answers come from the group's form.
     */
    public boolean editable(Dossier dossier) {
        return dossier.awaitsSupplement() && dossier.parentId() == null && !dossier.group();
    }

    /** Refuses, saying why, a dossier the citizen cannot answer on the supplement page now ({@link #editable}). */
    public void checkEditable(Dossier dossier) {
        if (!editable(dossier)) {
            throw UserFacingException.refused(dossier.awaitsSupplement() && dossier.parentId() != null
                    ? "supplement.fromGroupPage" : "supplement.notRequested");
        }
    }

    /**
     * The answers the citizen may not change with a supplement: they chose the agency and the other party, and the fee's
     * exemption ground.
     */
    public Set<String> fixedAnswers(ProcedureDefinition definition) {
        Set<String> fixed = new HashSet<>();
        ProcedureDefinition.Routing routing = definition.routing();
        if (!routing.fromApplicant() && routing.place() != null) {
            fixed.add(routing.place());
            definition.fields().filter(f -> f.id().equals(routing.place()) && f.provinceField() != null)
                    .forEach(f -> fixed.add(f.provinceField()));
        }
        if (definition.workflow().party() != null) {
            fixed.add(definition.workflow().party());
        }
        // The fee's exemption ground was declared when sending and is the receiver's to judge: a supplement neither
        // drops it (the page has no such input) nor adds one that would skip the proof's check.
        if (!definition.exemptions().isEmpty()) {
            fixed.add(ProcedureDefinition.EXEMPTION_ANSWER);
        }
        return fixed;
    }

    /** The form for the supplement: the dossier's answers, or those the citizen just posted when they had problems. */
    public Filing.FormState form(PortalUser citizen, Dossier dossier) {
        ProcedureDefinition definition = definitionOf(dossier);
        PrefillSources.Subject subject = filing.subject(citizen);
        return Filing.state(dossier.id(), filing.fill(definition, subject, dossier.answers(),
                lookups.gate(citizen, definition, dossier.answers())), subject, false);
    }

    /**
     * Sends the supplement: the corrected answers are checked like at submission, stored, and the dossier goes back to
     * the agency by the workflow's applicant transition out of supplementation, in one transaction. The timeline
     * names the answers that changed, so the officer sees at once what is new.
     *
     * <p>The same post again (a double click, a browser retry after a lost answer) finds the supplement the first one
     * sent, under the dossier's row lock, and gets its answer; nothing is written again. A post that differs is not
     * the same supplement: once the dossier no longer waits, it is refused ({@code supplement.notRequested}).
     */
    @Transactional
    public Filing.Outcome send(PortalUser citizen, UUID id, Map<String, String> posted, String message,
                               int expectedLockVersion) {
        Dossier dossier = dossiers.findForUpdate(id)
                .filter(d -> d.applicantIdNumber().equals(citizen.subject()))
                .orElseThrow(UserFacingException::notFound);
        // Before the answers are looked at: a level-1 login neither changes them nor looks anyone up with them.
        actingLevel.check(citizen, dossier);
        UUID post = postKey(id, expectedLockVersion, posted, message);
        if (dossiers.postedBefore(id, post)) {
            return new Filing.Submitted(dossier);
        }
        checkEditable(dossier);
        if (dossier.lockVersion() != expectedLockVersion) {
            throw UserFacingException.refused("decision.concurrent");
        }
        ProcedureDefinition definition = definitionOf(dossier);
        Map<String, String> given = new HashMap<>(PostedAnswers.wholeForm(posted).over(dossier.answers(), definition));
        fixedAnswers(definition).forEach(a -> given.put(a, dossier.answers().getOrDefault(a, "")));
        PrefillSources.Subject subject = filing.subject(citizen);
        // The numbers the dossier was submitted with were confirmed then; a number typed anew is looked up as on a form.
        FilledForm form = filing.fill(definition, subject, given, lookups.gate(citizen, definition, dossier.answers()));
        lookups.record(citizen, form, dossier.answers(), id);
        Filing.FormState state = Filing.state(id, form, subject, false);
        List<FieldProblem> problems = validator.validate(form);
        if (!problems.isEmpty()) {
            return new Filing.Invalid(state, problems);
        }
        Transition resubmit = resubmission(definition.workflow(), dossier.state())
                .orElseThrow(() -> UserFacingException.refused("supplement.notRequested"));
        String changed = changedLabels(definition, dossier.answers(), form.values());
        dossiers.replaceAnswers(id, form.stored(), state.prefilled());
        String text = message == null ? "" : message.strip();
        String note = changed.isEmpty() ? text : (text.isEmpty() ? "" : text + "\n") + CHANGED + changed;
        return new Filing.Submitted(decisions.act(citizen, id, resubmit.event(), note, expectedLockVersion, post));
    }

    /** Form fields that differ from one post of the same page to the next without being part of what was sent. */
    private static final Set<String> NOT_SENT = Set.of("_csrf");

    /**
     * The key of one post of the supplement form: the dossier, the version of it the page was rendered from and all
     * that the form sent. A repeat of the post has the same key; a form edited before posting again has another. The
     * page needs no id of its own, so a page rendered before this key existed is recognised as well.
     */
    static UUID postKey(UUID dossierId, int lockVersion, Map<String, String> posted, String message) {
        StringBuilder sent = new StringBuilder("supplement\u0000").append(dossierId).append('\u0000').append(lockVersion)
                .append('\u0000').append(message == null ? "" : message);
        new java.util.TreeMap<>(posted).forEach((name, value) -> {
            if (!NOT_SENT.contains(name)) {
                sent.append('\u0000').append(name).append('=').append(value);
            }
        });
        return UUID.nameUUIDFromBytes(sent.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The transition the supplement page fires; the dossier page does not offer it as a bare button. */
    public Optional<Transition> resubmission(Dossier dossier) {
        return resubmission(definitionOf(dossier).workflow(), dossier.state());
    }

    /** The applicant's way back from supplementation: their transition out of it that does not end the dossier. */
    static Optional<Transition> resubmission(WorkflowDefinition workflow, String state) {
        return workflow.transitionsFrom(state).stream()
                .filter(t -> t.allows(Set.of(WorkflowDefinition.APPLICANT)) && !t.automatic())
                .filter(t -> workflow.state(t.to()).map(s -> !s.terminal()).orElse(false))
                .findFirst();
    }

    /**
     * The note of a citizen's step in the timeline, when it ends with the answers a supplement changed, with their
     * labels found again in the dossier's version of the form (one no longer found is shown as stored); null for
     * any other note. Notes stored before this was shown in English read the same way.
     */
    public ChangedAnswers changedAnswers(DossierEvent event, ProcedureDefinition definition) {
        String note = event.note();
        if (note == null || !"CITIZEN".equals(event.actorKind())) {
            return null;
        }
        int line = note.lastIndexOf('\n') + 1;
        if (!note.startsWith(CHANGED, line)) {
            return null;
        }
        Map<String, LocalizedText> byVietnamese = new HashMap<>();
        definition.sections().forEach(s -> s.fields().forEach(f -> byVietnamese.putIfAbsent(f.label().vi(), f.label())));
        List<LocalizedText> labels = java.util.Arrays.stream(note.substring(line + CHANGED.length()).split("; "))
                .map(vi -> byVietnamese.getOrDefault(vi, new LocalizedText(vi, vi))).toList();
        return new ChangedAnswers(line == 0 ? "" : note.substring(0, line - 1), labels);
    }

    private static String changedLabels(ProcedureDefinition definition, Map<String, String> before,
                                        Map<String, String> after) {
        return definition.sections().stream().flatMap(section -> section.fields().stream()
                        .filter(f -> !f.locked())
                        .filter(f -> section.answerIds(f).stream().anyMatch(a ->
                                !before.getOrDefault(a, "").equals(after.getOrDefault(a, "")))))
                .map(FormField::label).map(l -> l.vi()).distinct().collect(Collectors.joining("; "));
    }

    private ProcedureDefinition definitionOf(Dossier dossier) {
        return catalog.of(dossier);
    }
}
