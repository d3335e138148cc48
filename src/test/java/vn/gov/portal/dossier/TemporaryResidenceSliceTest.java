package vn.gov.portal.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.identity.PortalUser;

/** The slice through the services: prefill, e-ID level, submission, receipt code, decisions and write-back. */
class TemporaryResidenceSliceTest extends PortalIntegrationTest {

    private static final String BA_DINH = "00304";
    private static final String HOAN_KIEM = "00308";

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    Dossiers dossiers;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    vn.gov.portal.workflow.HolidayCalendarSource calendar;

    private ProcedureDefinition procedure() {
        return catalog.find("temporary-residence").orElseThrow();
    }

    @Test
    void theFormIsPrefilledFromThePopulationRegister() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 10), 2);
        Filing.FormState form = filing.open(citizen, procedure());
        Map<String, Object> person = jdbc.sql("select full_name, birth_date, sex from population.person where id_number = ?")
                .param(citizen.subject()).query().singleRow();
        assertThat(form.values()).containsEntry("fullName", (String) person.get("full_name"))
                .containsEntry("birthDate", person.get("birth_date").toString())
                .containsEntry("sex", String.valueOf(person.get("sex")))
                .containsEntry("idNumber", citizen.subject());
        assertThat(form.values().get("householdHead")).isNotBlank();
        assertThat(form.values().get("relationToHead")).isNotBlank();
        assertThat(form.prefilled()).contains("fullName", "birthDate", "sex", "idNumber", "householdHead", "relationToHead");
    }

    @Test
    void lockedRegisterValuesCannotBeChangedByTheBrowser() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 11), 2);
        Map<String, String> posted = new HashMap<>(temporaryResidence("01", HOAN_KIEM));
        posted.put("fullName", "Tên Giả Mạo");
        posted.put("idNumber", "001099000001");
        Filing.Outcome outcome = filing.submit(citizen, procedure(), UUID.randomUUID(), posted);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        assertThat(dossier.answers().get("fullName")).isEqualTo(citizen.displayName());
        assertThat(dossier.answers().get("idNumber")).isEqualTo(citizen.subject());
        // Officers see which answers the register vouches for: not a phone number the citizen typed.
        assertThat(dossier.prefilled()).contains("fullName", "idNumber").doesNotContain("phone", "newCommune");
    }

    @Test
    void submissionGivesAReceiptCodeStatusOneAndAnAppointmentThreeWorkingDaysLater() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 12), 2);
        Filing.Outcome outcome = filing.submit(citizen, procedure(), UUID.randomUUID(), temporaryResidence("01", HOAN_KIEM));
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        String unit = jdbc.sql("select unit_code from agency where kind = 'COMMUNE_POLICE' and commune_code = ?")
                .param(HOAN_KIEM).query(String.class).single();
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd"));
        assertThat(dossier.receiptCode()).matches(java.util.regex.Pattern.quote(unit + "-" + today + "-") + "\\d{4,}");
        assertThat(dossier.statusCode()).isEqualTo(1);
        assertThat(dossier.state()).isEqualTo("submitted");
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        assertThat(dossier.appointmentDate()).isEqualTo(calendar.current().appointment(now, 3));
        assertThat(calendar.current().isWorkingDay(dossier.appointmentDate())).isTrue();
        assertThat(dossiers.ofCitizen(citizen)).extracting(Dossier::id).contains(dossier.id());
        assertThat(dossiers.timeline(dossier)).extracting(DossierEvent::event).containsExactly("submit");
    }

    @Test
    void aLevelOneCitizenMaySaveADraftButNotSubmit() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 13), 1);
        UUID formId = UUID.randomUUID();
        Filing.Outcome outcome = filing.submit(citizen, procedure(), formId, temporaryResidence("01", HOAN_KIEM));
        assertThat(outcome).isInstanceOf(Filing.LevelTooLow.class);
        assertThat(((Filing.LevelTooLow) outcome).required()).isEqualTo(2);
        Dossier draft = dossiers.forCitizen(citizen, ((Filing.LevelTooLow) outcome).form().formId());
        assertThat(draft.isDraft()).isTrue();
        assertThat(draft.receiptCode()).isNull();
        assertThat(draft.answers()).containsEntry("newCommune", HOAN_KIEM);
        assertThat(filing.open(citizen, procedure()).resumedDraft()).isTrue();
    }

    @Test
    void invalidAnswersAreAllReportedAndNothingIsSubmitted() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 14), 2);
        Map<String, String> posted = new HashMap<>(temporaryResidence("01", "23704"));  // Phường Sài Gòn is in Hồ Chí Minh City
        posted.put("phone", "12345");
        posted.put("periodFrom", LocalDate.now().minusDays(3).toString());
        posted.put("periodTo", LocalDate.now().plusYears(3).toString());
        posted.put("reason", "");
        Filing.Outcome outcome = filing.submit(citizen, procedure(), UUID.randomUUID(), posted);
        assertThat(outcome).isInstanceOf(Filing.Invalid.class);
        assertThat(((Filing.Invalid) outcome).problems()).extracting(FieldProblem::field)
                .contains("newCommune", "phone", "periodFrom", "periodTo", "reason");
        assertThat(dossiers.ofCitizen(citizen)).allMatch(Dossier::isDraft);
    }

    @Test
    void submittingTheSameFormTwiceCreatesOneDossier() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 15), 2);
        UUID formId = UUID.randomUUID();
        Dossier first = ((Filing.Submitted) filing.submit(citizen, procedure(), formId, temporaryResidence("01", HOAN_KIEM))).dossier();
        Dossier second = ((Filing.Submitted) filing.submit(citizen, procedure(), formId, temporaryResidence("01", HOAN_KIEM))).dossier();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.receiptCode()).isEqualTo(first.receiptCode());
        assertThat(jdbc.sql("select count(*) from dossier where applicant_id_number = ? and state <> 'draft'")
                .param(citizen.subject()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aDraftBecomesTheDossierAndAnotherCitizensFormIdIsNotFound() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 60), 2);
        UUID draftId = ((Filing.Saved) filing.save(citizen, procedure(), UUID.randomUUID(), Map.of("phone", "0912345678")))
                .form().formId();
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, procedure(), UUID.randomUUID(),
                temporaryResidence("01", HOAN_KIEM))).dossier();
        assertThat(dossier.id()).as("the draft of the procedure is what gets submitted").isEqualTo(draftId);
        assertThat(dossier.isDraft()).isFalse();
        assertThat(dossier.lockVersion()).isEqualTo(1);

        PortalUser other = citizen(adultOf(BA_DINH, 61), 2);
        UUID othersDraft = ((Filing.Saved) filing.save(other, procedure(), UUID.randomUUID(), Map.of("phone", "0987654321")))
                .form().formId();
        long before = jdbc.sql("select count(*) from dossier").query(Long.class).single();
        assertThatThrownBy(() -> filing.submit(citizen, procedure(), othersDraft, temporaryResidence("01", HOAN_KIEM)))
                .isInstanceOf(UserFacingException.class).matches(e -> ((UserFacingException) e).isNotFound());
        assertThat(dossiers.forCitizen(other, othersDraft).isDraft()).isTrue();
        assertThat(dossiers.forCitizen(other, othersDraft).answers()).containsEntry("phone", "0987654321");
        assertThat(jdbc.sql("select count(*) from dossier").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aDraftSavedUnderAnEarlierVersionIsSubmittedAsTheCurrentOne() {
        PortalUser citizen = citizen(freeAdult(2245), 2);
        UUID draftId = ((Filing.Saved) filing.save(citizen, procedure(), UUID.randomUUID(), Map.of("phone", "0912345678")))
                .form().formId();
        // As if the procedure had been published again since the draft was saved.
        jdbc.sql("update dossier set procedure_version = procedure_version - 1 where id = ?").param(draftId).update();

        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, procedure(), UUID.randomUUID(),
                temporaryResidence("01", HOAN_KIEM))).dossier();
        assertThat(dossier.id()).isEqualTo(draftId);
        assertThat(jdbc.sql("select procedure_version from dossier where id = ?").param(draftId).query(Integer.class)
                .single()).as("the version whose form was checked and whose workflow it follows")
                .isEqualTo(procedure().version());
    }

    @Test
    void aDoubleClickOnANewFormCreatesOneDossier() throws Exception {
        PortalUser citizen = citizen(adultOf(BA_DINH, 20), 2);
        UUID formId = UUID.randomUUID();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<Filing.Outcome> click =
                    () -> filing.submit(citizen, procedure(), formId, temporaryResidence("01", HOAN_KIEM));
            var first = pool.submit(click);
            var second = pool.submit(click);
            Dossier a = ((Filing.Submitted) first.get()).dossier();
            Dossier b = ((Filing.Submitted) second.get()).dossier();
            assertThat(a.id()).isEqualTo(b.id());
            assertThat(a.receiptCode()).isEqualTo(b.receiptCode());
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from dossier where applicant_id_number = ?").param(citizen.subject())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theQueueShowsOpenDossiersUnlessAStatusIsChosen() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 21), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, procedure(), UUID.randomUUID(),
                temporaryResidence("01", HOAN_KIEM))).dossier();
        decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "refuse", "Sai địa chỉ", dossier.lockVersion());
        PortalUser receiver = officer("ca.00308.tiepnhan");
        assertThat(dossiers.queue(receiver, QueueFilter.open(), 0)).extracting(Dossier::id).doesNotContain(dossier.id());
        assertThat(dossiers.queue(receiver, new QueueFilter(null, 3, null, null, null), 0)).extracting(Dossier::id).contains(dossier.id());
    }

    @Test
    void policeOfTheNewAddressReceiveProcessAndApproveAndTheAddressIsWrittenBack() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 16), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, procedure(), UUID.randomUUID(),
                temporaryResidence("01", HOAN_KIEM))).dossier();

        dossier = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        assertThat(dossier.statusCode()).isEqualTo(2);
        dossier = decisions.decide(officer("ca.00308.xuly"), dossier.id(), "process", "", dossier.lockVersion());
        assertThat(dossier.statusCode()).isEqualTo(4);
        assertThat(temporaryResidenceOf(citizen)).isEmpty();
        dossier = decisions.decide(officer("ca.00308.lanhdao"), dossier.id(), "approve", "", dossier.lockVersion());
        assertThat(dossier.statusCode()).isEqualTo(9);

        assertThat(temporaryResidenceOf(citizen)).singleElement().satisfies(row -> {
            assertThat(row.get("commune_code")).isEqualTo(HOAN_KIEM);
            assertThat(row.get("detail")).isEqualTo("Số 5, phố Hàng Bạc");
        });
        assertThat(dossiers.timeline(dossier)).extracting(DossierEvent::event)
                .containsExactly("submit", "receive", "process", "approve");
        assertThat(jdbc.sql("select action from audit_log where subject_id in (?, ?) order by id")
                .params(dossier.id().toString(), citizen.subject()).query(String.class).list())
                .containsExactly("dossier.submitted", "dossier.transition", "dossier.transition", "dossier.transition",
                        "population.temporary-residence.registered");
        assertThat(jdbc.sql("select details->>'from' || '>' || (details->>'to') from audit_log where subject_id = ? and action = 'dossier.transition' order by id")
                .param(dossier.id().toString()).query(String.class).list())
                .containsExactly("submitted>received", "received>processing", "processing>approved");
    }

    @Test
    void anIllegalTransitionIsRefusedAndChangesNothing() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 17), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, procedure(), UUID.randomUUID(),
                temporaryResidence("01", HOAN_KIEM))).dossier();
        UUID id = dossier.id();
        int version = dossier.lockVersion();
        assertThatThrownBy(() -> decisions.decide(officer("ca.00308.lanhdao"), id, "approve", "", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.notAllowedInState");
        assertThatThrownBy(() -> decisions.decide(officer("ca.00308.xuly"), id, "receive", "", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.roleMissing");
        assertThatThrownBy(() -> decisions.decide(officer("ca.00308.tiepnhan"), id, "refuse", "  ", version))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.noteRequired");
        Dossier unchanged = dossiers.forCitizen(citizen, id);
        assertThat(unchanged.state()).isEqualTo("submitted");
        assertThat(unchanged.lockVersion()).isEqualTo(version);
        assertThat(dossiers.timeline(unchanged)).hasSize(1);
    }

    @Test
    void anOfficerOfAnotherAgencyCannotSeeOrActOnTheDossier() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 18), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, procedure(), UUID.randomUUID(),
                temporaryResidence("01", HOAN_KIEM))).dossier();
        PortalUser otherPolice = officer("ca.00304.tiepnhan");
        PortalUser committee = officer("ub.00308.tiepnhan");
        for (PortalUser stranger : new PortalUser[] {otherPolice, committee}) {
            assertThatThrownBy(() -> dossiers.forOfficer(stranger, dossier.id()))
                    .isInstanceOf(UserFacingException.class).matches(e -> ((UserFacingException) e).isNotFound());
            assertThatThrownBy(() -> decisions.decide(stranger, dossier.id(), "receive", "", dossier.lockVersion()))
                    .isInstanceOf(UserFacingException.class).matches(e -> ((UserFacingException) e).isNotFound());
            assertThat(dossiers.queue(stranger, QueueFilter.open(), 0)).extracting(Dossier::id).doesNotContain(dossier.id());
        }
        assertThat(dossiers.queue(officer("ca.00308.tiepnhan"), QueueFilter.open(), 0)).extracting(Dossier::id).contains(dossier.id());
    }

    @Test
    void aDecisionOnAStaleVersionIsRefused() {
        PortalUser citizen = citizen(adultOf(BA_DINH, 19), 2);
        Dossier dossier = ((Filing.Submitted) filing.submit(citizen, procedure(), UUID.randomUUID(),
                temporaryResidence("01", HOAN_KIEM))).dossier();
        decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        assertThatThrownBy(() -> decisions.decide(officer("ca.00308.lanhdao"), dossier.id(), "stop", "trùng", dossier.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.concurrent");
        assertThat(dossiers.forCitizen(citizen, dossier.id()).state()).isEqualTo("received");
    }

    private java.util.List<Map<String, Object>> temporaryResidenceOf(PortalUser citizen) {
        return jdbc.sql("select commune_code, detail from population.residence where id_number = ? and kind = 'TEMPORARY'")
                .param(citizen.subject()).query().listOfRows();
    }
}
