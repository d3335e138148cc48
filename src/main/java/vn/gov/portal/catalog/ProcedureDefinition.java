package vn.gov.portal.catalog;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Everything a procedure is, as data: what the citizen fills, who handles it, how long it may take and its steps. */
public record ProcedureDefinition(
        String code,
        String nationalCode,
        int version,
        LocalizedText name,
        LocalizedText summary,
        String lifeEvent,
        List<String> filers,
        Routing routing,
        Deadline deadline,
        Fees fees,
        int eidLevel,
        List<Document> documents,
        List<FormSection> sections,
        WorkflowDefinition workflow,
        WriteBack writeBack,
        LocalizedText result,
        List<Step> steps,
        String source,
        Keywords keywords,
        FilingDue filingDue,
        FormSet formSet) {

    /** A definition without search keywords. */
    public ProcedureDefinition(String code, String nationalCode, int version, LocalizedText name, LocalizedText summary,
                               String lifeEvent, List<String> filers, Routing routing, Deadline deadline, Fees fees,
                               int eidLevel, List<Document> documents, List<FormSection> sections,
                               WorkflowDefinition workflow, WriteBack writeBack, LocalizedText result, List<Step> steps,
                               String source) {
        this(code, nationalCode, version, name, summary, lifeEvent, filers, routing, deadline, fees, eidLevel, documents,
                sections, workflow, writeBack, result, steps, source, Keywords.NONE);
    }

    /** A definition without a filing time, with the one-stop-shop forms. */
    public ProcedureDefinition(String code, String nationalCode, int version, LocalizedText name, LocalizedText summary,
                               String lifeEvent, List<String> filers, Routing routing, Deadline deadline, Fees fees,
                               int eidLevel, List<Document> documents, List<FormSection> sections,
                               WorkflowDefinition workflow, WriteBack writeBack, LocalizedText result, List<Step> steps,
                               String source, Keywords keywords) {
        this(code, nationalCode, version, name, summary, lifeEvent, filers, routing, deadline, fees, eidLevel, documents,
                sections, workflow, writeBack, result, steps, source, keywords, null, FormSet.ONE_STOP);
    }

    /**
     * The time of day by which the citizen must file, on the date of an answer (notification of stay: before 23:00 of
     * the arrival day, Residence Law art. 30). The portal still accepts a later filing — the police must know — but
     * marks it late, tells the citizen before they submit and shows it to the officer. When the checkbox
     * {@code nextDayField} is ticked (the guest arrived after 23:00), the filing is due at {@code nextDayTime} of the
     * day after (08:00); both are null when the definition has no such case.
     */
    public record FilingDue(String dateField, LocalTime time, String nextDayField, LocalTime nextDayTime) {

        public FilingDue(String dateField, LocalTime time) {
            this(dateField, time, null, null);
        }

        /** When a filing with these answers is due; empty while the date is not (validly) answered. */
        public Optional<LocalDateTime> dueAt(Map<String, String> answers) {
            try {
                LocalDate date = LocalDate.parse(answers.getOrDefault(dateField, ""));
                return Optional.of(nextDayField != null && "true".equals(answers.get(nextDayField))
                        ? date.plusDays(1).atTime(nextDayTime) : date.atTime(time));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * The filing time a filing made at {@code filedAt} (Vietnamese time) with these answers missed, if it missed one:
     * filed at or after it ("before 23:00").
     */
    public Optional<LocalDateTime> missedFilingDue(Map<String, String> answers, LocalDateTime filedAt) {
        return filingDue == null ? Optional.empty() : filingDue.dueAt(answers).filter(due -> !filedAt.isBefore(due));
    }

    /** Other words people use for the procedure ("hộ khẩu", "CCCD"), in both languages; only search reads them. */
    public record Keywords(List<String> vi, List<String> en) {
        public static final Keywords NONE = new Keywords(List.of(), List.of());

        public List<String> all() {
            return Stream.concat(vi.stream(), en.stream()).toList();
        }
    }

    /** The catalogue group; the parser accepts only values of {@link LifeEvent}. */
    public LifeEvent event() {
        return LifeEvent.fromId(lifeEvent)
                .orElseThrow(() -> new IllegalStateException("unknown life event '" + lifeEvent + "' in " + code));
    }

    /**
     * A step of an interconnected group (Decree 63/2024): a procedure handled by its own agency once the previous
     * step is done. {@code inputs} name answers of the step taken from earlier ones: {child: childIdNumber}. A step
     * with {@code when} is optional: filed only when the group's answers meet it (the citizen claimed it).
     */
    public record Step(String procedure, Map<String, String> inputs, Condition when) {

        public Step(String procedure, Map<String, String> inputs) {
            this(procedure, inputs, null);
        }

        public boolean optional() {
            return when != null;
        }

        /** Whether the step is filed for a group with these answers. */
        public boolean filedFor(Map<String, String> groupAnswers) {
            return when == null || when.holdsFor(groupAnswers);
        }
    }

    /** An interconnected group: filed once with the first step's form, processed step by step. */
    public boolean isGroup() {
        return !steps.isEmpty();
    }

    /**
     * The group as citizens file it: the first step's form followed by the group's own questions (whether to claim an
     * optional step), routed like the first step.
     */
    ProcedureDefinition filedAs(ProcedureDefinition first) {
        List<FormSection> form = new ArrayList<>(first.sections());
        form.addAll(sections);
        return new ProcedureDefinition(code, nationalCode, version, name, summary, lifeEvent, filers, first.routing(),
                deadline, fees, eidLevel, documents, List.copyOf(form), workflow, null, result, steps, source, keywords,
                first.filingDue(), formSet);
    }

    public static final String APPLICANT_PLACE = "applicant";

    /**
     * Which agency handles a dossier: the agency of this kind at this level for a place — the filer's permanent
     * residence ({@code applicant}) or the commune / province chosen in a field, which {@code placeName} may
     * describe for citizens.
     */
    public record Routing(String agencyKind, Level level, String place, LocalizedText placeName) {
        public enum Level { COMMUNE, PROVINCE }

        public Routing(String agencyKind, Level level, String place) {
            this(agencyKind, level, place, LocalizedText.EMPTY);
        }

        /** Whether the definition says in words where the chosen place is ("nơi bạn tạm trú"). */
        public boolean hasPlaceName() {
            return placeName != null && !placeName.isBlank();
        }

        public boolean fromApplicant() {
            return APPLICANT_PLACE.equals(place);
        }
    }

    /**
     * Legal deadline: working days (0 = same working day), calendar days or hours; {@code longer} (or null) is the
     * longer time the law allows in some cases, which an officer applies to a dossier that needs it.
     */
    public record Deadline(Integer workingDays, Integer calendarDays, Integer hours, LocalizedText note, Longer longer) {
        public static Deadline ofWorkingDays(int days) {
            return new Deadline(days, null, null, LocalizedText.EMPTY, null);
        }
    }

    /** A lawful longer deadline in working days (e.g. 15 instead of 10 when the facts must be verified), with when. */
    public record Longer(int workingDays, LocalizedText reason) {}

    /**
     * Fees in VND at the counter and online, and when the portal collects the online fee: before the agency's intake
     * (the dossier waits in status 6 until the gateway confirms), after it, or not at all (free, or paid elsewhere).
     * {@code exemptions} are the grounds on which the law waives the fee, one of which the citizen may declare;
     * {@code due} (or null) makes the fee depend on an answer: due only for a late filing.
     */
    public record Fees(long counter, long online, LocalizedText note, Collection collection,
                       List<Exemption> exemptions, DueWhenLate due) {

        public Fees(long counter, long online, LocalizedText note) {
            this(counter, online, note, Collection.NONE);
        }

        public Fees(long counter, long online, LocalizedText note, Collection collection) {
            this(counter, online, note, collection, List.of(), null);
        }

        /** Whether the portal charges the online fee through a payment step of the workflow. */
        public boolean collected() {
            return collection != Collection.NONE && online > 0;
        }

        public Optional<Exemption> exemption(String id) {
            return exemptions.stream().filter(e -> e.id().equals(id)).findFirst();
        }
    }

    /**
     * A ground on which the fee is waived (Circular 75/2022/TT-BTC: people with meritorious services, poor households
     * ...), with the document that proves it when the register cannot (the id of a {@code documents} entry, or null).
     */
    public record Exemption(String id, LocalizedText label, String document) {}

    /**
     * {@code fees.due}: the fee is due only when the filing is more than {@code days} days after the date answered in
     * {@code date} (birth registration: free within 60 days of the birth, 5,000 VND later).
     */
    public record DueWhenLate(String date, int days) {

        /** Whether a filing on {@code filedOn} is late; an unreadable date (never after validation) counts as late. */
        boolean late(Map<String, String> answers, LocalDate filedOn) {
            try {
                return filedOn.isAfter(LocalDate.parse(answers.getOrDefault(date, "")).plusDays(days));
            } catch (DateTimeParseException e) {
                return true;
            }
        }
    }

    /**
     * The fee due for one dossier: an amount, or nothing and why — the procedure is free (or the dossier is a step of a
     * group, whose fee is the group's), the filing is on time, or the citizen declared an exemption ground.
     */
    public record FeeDue(long amount, Reason reason, Exemption ground) {

        public enum Reason { DUE, FREE, ON_TIME, EXEMPT }

        public static final FeeDue FREE = new FeeDue(0, Reason.FREE, null);

        public boolean due() {
            return reason == Reason.DUE && amount > 0;
        }

        public boolean exempt() {
            return reason == Reason.EXEMPT;
        }
    }

    /** The answer that holds the exemption ground the citizen declared (empty or absent: none). */
    public static final String EXEMPTION_ANSWER = "feeExemption";

    /**
     * What the definition says a dossier owes: when the form asks for {@value #AMOUNT_FIELD}, a fine whose amount an
     * officer confirms (FeesDue adds the dossier's confirmed amount); else the online fee the portal collects, unless
     * the filing is on time by {@code fees.due} or declares an exemption ground an officer has not refused.
     *
     * @param filedOn           the Vietnamese day of the filing (today, before it is sent)
     * @param exemptionRefused  an officer found the declared ground not proved: the fee is due after all
     */
    public FeeDue feeDue(Map<String, String> answers, LocalDate filedOn, boolean exemptionRefused) {
        if (field(AMOUNT_FIELD).filter(f -> f.type() == FormField.FieldType.NUMBER).isPresent()) {
            // The amount the applicant states is never charged as typed: an officer's setsAmount transition confirms
            // the amount due, which the dossier keeps (FeesDue, DefinitionRules). Until then it is due, amount unknown.
            return new FeeDue(0, FeeDue.Reason.DUE, null);
        }
        if (feeCollected() == 0) {
            return FeeDue.FREE;
        }
        if (fees.due() != null && !fees.due().late(answers, filedOn)) {
            return new FeeDue(0, FeeDue.Reason.ON_TIME, null);
        }
        Optional<Exemption> ground = fees.exemption(answers.getOrDefault(EXEMPTION_ANSWER, ""));
        if (ground.isPresent() && !exemptionRefused) {
            return new FeeDue(0, FeeDue.Reason.EXEMPT, ground.get());
        }
        return new FeeDue(fees.online(), FeeDue.Reason.DUE, ground.orElse(null));
    }

    /**
     * Whether an officer's transition sends the dossier back to pay because the exemption ground it declares is not
     * proved (the receiver's way back, {@code fees.exemptions}); confirming an amount due ({@code setsAmount}) is not.
     */
    public boolean refusesExemption(WorkflowDefinition.Transition t) {
        return t.byOfficer() && !t.setsAmount() && !exemptions().isEmpty() && collectsFeeBeforeIntake()
                && workflow.awaitsFee(t.to());
    }

    /** The grounds of exemption the citizen may declare; none for most procedures. */
    public List<Exemption> exemptions() {
        return fees == null ? List.of() : fees.exemptions();
    }

    /** {@code fees.collection}: where in the workflow the online fee is paid (the reference's "before intake, after, none"). */
    public enum Collection {
        BEFORE_INTAKE("beforeIntake"), AFTER_INTAKE("afterIntake"), NONE("none");

        private final String id;

        Collection(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<Collection> fromId(String id) {
            return java.util.Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
        }

        public static String ids() {
            return java.util.Arrays.stream(values()).map(Collection::id).collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /** A paper the citizen provides; never asked online when the register can prove it. */
    public record Document(String id, LocalizedText name, boolean required, boolean verifiableInRegister) {}

    /** The handler that writes the outcome to the register, with its parameters (e.g. documentKind). */
    public record WriteBack(String handler, Map<String, String> params) {}

    /**
     * A page of the form. {@code repeat} > 1 repeats its fields (answer ids get _1, _2 ...): the first
     * {@code minRows} rows must be filled (1 by default; 0 for a list that may stay empty, such as the household
     * members moving along), and a later row once started must be complete, its required fields answered.
     * {@code when} shows the section only in some cases.
     */
    public record FormSection(String id, LocalizedText title, int repeat, int minRows, Condition when,
                              List<FormField> fields) {

        /** Whether the required fields of this row (from 0) must be answered: a row to fill, or one the citizen began. */
        public boolean rowRequired(int row, java.util.function.Predicate<String> answered) {
            return row < minRows || fields.stream().filter(f -> !f.locked())
                    .anyMatch(f -> answered.test(answerIds(f).get(row)));
        }

        /** The answer ids of a field in this section: itself, or one per repetition. */
        public List<String> answerIds(FormField field) {
            if (repeat <= 1) {
                return List.of(field.id());
            }
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= repeat; i++) {
                ids.add(field.id() + "_" + i);
            }
            return ids;
        }
    }

    /**
     * When a section applies: a field has a value, or the person in a field (or the filer) is under an age, or at
     * least that age (TK01a for a child under 14, TK01 from 14).
     */
    public record Condition(String field, String equals, Integer ageUnder, Integer ageAtLeast) {

        public boolean byAge() {
            return ageUnder != null || ageAtLeast != null;
        }

        /** A condition on a value ({@code equals}) met by these answers; one by age needs the person (Filing). */
        public boolean holdsFor(Map<String, String> answers) {
            return equals != null && equals.equals(answers.get(field));
        }
    }

    public Stream<FormField> fields() {
        return sections.stream().flatMap(s -> s.fields().stream());
    }

    public Optional<FormField> field(String id) {
        return fields().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The number field holding an amount the applicant owes (the fine in a penalty decision), if the form has one. */
    public static final String AMOUNT_FIELD = "fineAmount";

    /** Whether a payment transition can ever have something to charge: the amount field, or a collected fee. */
    public boolean chargesOnline() {
        return field(AMOUNT_FIELD).filter(f -> f.type() == FormField.FieldType.NUMBER).isPresent()
                || (fees != null && fees.collected());
    }

    /** Whether the online fee is paid before the agency receives the dossier: until then the dossier is not the agency's. */
    public boolean collectsFeeBeforeIntake() {
        return fees != null && fees.collection() == Collection.BEFORE_INTAKE;
    }

    /**
     * Whether a dossier in this state is not yet the agency's: it waits for its fee before intake (a payment leaves
     * the state) or for the other party's confirmation (a PARTY transition leaves it). Leaving such a state for one
     * that is neither this nor final is when the agency receives the dossier (docs/architecture.md).
     */
    public boolean awaitsOthersBeforeReceipt(String state) {
        return (collectsFeeBeforeIntake() && workflow.awaitsFee(state)) || workflow.awaitsParty(state);
    }

    /** Whether moving from one state to another hands the dossier to the agency (see awaitsOthersBeforeReceipt). */
    public boolean receivedBy(String from, String to) {
        return awaitsOthersBeforeReceipt(from) && !awaitsOthersBeforeReceipt(to)
                && workflow.state(to).map(s -> !s.terminal()).orElse(false);
    }

    /** The online fee the citizen pays through the portal for this dossier, 0 when the portal collects none. */
    public long feeCollected() {
        return fees != null && fees.collected() ? fees.online() : 0;
    }

    public Optional<Document> document(String id) {
        return documents.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<FormSection> sectionOf(String fieldId) {
        return sections.stream().filter(s -> s.fields().stream().anyMatch(f -> f.id().equals(fieldId))).findFirst();
    }
}
