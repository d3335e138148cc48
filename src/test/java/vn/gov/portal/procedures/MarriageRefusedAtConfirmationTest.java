package vn.gov.portal.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;

/**
 * Review finding: when the register refused the partner's confirmation of a marriage, the partner read "one of the two
 * is under age / has died" — of their own record they know, so it told them the FILER's; the filer was told nothing;
 * and the dossier waited for a confirmation that could never be given. Now the dossier ends unreceived (state
 * conditions-unmet, status 3) in the same step, and each of the two is told, on the page and in a notification and a
 * mail, only what concerns their own record (or both: kinship), else that the reason is not theirs.
 */
class MarriageRefusedAtConfirmationTest extends PortalIntegrationTest {

    private static final String APPLICANT_MAIL = "nguoi.nop.kethon@example.vn";
    private static final String UNDERAGE_WOMAN = "between current_date - interval '17 years 11 months' and current_date - interval '16 years 1 month'";
    private static final String OWN_AGE_VI = "bạn chưa đủ tuổi kết hôn";
    private static final String OWN_AGE_EN = "you are under the age of marriage";
    private static final String OWN_MARRIAGE_VI = "bạn đang có vợ hoặc chồng";
    private static final String OWN_MARRIAGE_EN = "you are married";
    private static final String NEUTRAL_VI = "điều kiện đó không thuộc thông tin của bạn";
    private static final String NEUTRAL_EN = "it is not in your own record";

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    MockMvc mvc;

    private final Deque<Runnable> restore = new ArrayDeque<>();

    @AfterEach
    void restoreRegister() {
        restore.forEach(Runnable::run);
    }

    private record Told(String kind, String detail, String mailTo, String body) {}

    @Test
    void anUnderagePartnerIsToldOfTheirOwnAgeTheFilerOnlyThatTheReasonIsNotTheirsAndTheDossierEnds() throws Exception {
        PortalUser filer = citizen(freeSingle("M", 0), 2);
        PortalUser partner = citizen(person("F", UNDERAGE_WOMAN), 2);
        Dossier dossier = fileMarriage(filer, partner);
        String page = "/my/dossiers/" + dossier.id();

        // The partner agrees on the dossier's page: refused, with what of their own record stops it.
        mvc.perform(post(page + "/actions").param("event", "confirm").param("lockVersion", "" + dossier.lockVersion())
                        .with(csrf()).with(authentication(login(partner))))
                .andExpect(redirectedUrl(page))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.containsString(OWN_AGE_VI)));

        // The dossier ended without reaching the agency, and nothing of the refused confirmation was written.
        Map<String, Object> row = jdbc.sql("select state, status_code, closed_at, received_at from dossier where id = ?")
                .param(dossier.id()).query().singleRow();
        assertThat(row.get("state")).isEqualTo("conditions-unmet");
        assertThat(row.get("status_code")).isEqualTo(3);
        assertThat(row.get("closed_at")).isNotNull();
        assertThat(row.get("received_at")).isNull();
        assertThat(events(dossier)).containsExactly("submit", "conditions-unmet");
        assertThat(jdbc.sql("select marital_status from population.person where id_number = ?").param(partner.subject())
                .query(String.class).single()).isEqualTo("SINGLE");

        // Each is told in the portal and by mail, in Vietnamese and English: the partner of their age, the filer neutrally.
        Told toPartner = last(partner, dossier);
        assertThat(toPartner.kind()).isEqualTo("CONDITIONS_UNMET");
        assertThat(toPartner.detail()).isEqualTo("guard.marriageConditions.underage.own");
        assertThat(toPartner.mailTo()).isNotEqualTo(APPLICANT_MAIL);
        Told toFiler = last(filer, dossier);
        assertThat(toFiler.kind()).isEqualTo("CONDITIONS_UNMET");
        assertThat(toFiler.detail()).isEqualTo("guard.othersRecord");
        assertThat(toFiler.mailTo()).isEqualTo(APPLICANT_MAIL);
        assertThat(toFiler.body()).contains(dossier.receiptCode(), NEUTRAL_VI, NEUTRAL_EN,
                        "không được gửi tới cơ quan có thẩm quyền", "was not sent to the competent authority")
                .doesNotContain("tuổi", " age ");
        assertThat(told(filer, dossier)).hasSize(1);

        // What each sees on their pages: the filer nothing of the partner's age, in either language.
        for (String lang : List.of("vi", "en")) {
            String filersNotifications = page(filer, "/my/notifications", lang);
            String filersDossier = page(filer, page, lang);
            assertThat(filersNotifications).contains(lang.equals("vi") ? NEUTRAL_VI : NEUTRAL_EN);
            assertThat(filersNotifications + filersDossier).doesNotContain("chưa đủ tuổi", "under the age", OWN_AGE_VI, OWN_AGE_EN);
            assertThat(page(partner, "/my/notifications", lang)).contains(lang.equals("vi") ? OWN_AGE_VI : OWN_AGE_EN);
        }
        assertThat(page(partner, page, "vi")).contains(dossier.receiptCode())
                .doesNotContain("id=\"decision-confirm\"", "id=\"decision-decline\"");
        assertThat(page(filer, page, "vi")).doesNotContain("id=\"decision-withdraw\"");

        // A second press of "agree" (a retry) changes and tells nothing more.
        int notices = jdbc.sql("select count(*) from notification where dossier_id = ?").param(dossier.id())
                .query(Integer.class).single();
        assertThatThrownBy(() -> decisions.act(partner, dossier.id(), "confirm", "", dossier.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("decision.concurrent");
        assertThat(events(dossier)).containsExactly("submit", "conditions-unmet");
        assertThat(jdbc.sql("select count(*) from notification where dossier_id = ?").param(dossier.id())
                .query(Integer.class).single()).isEqualTo(notices);
    }

    @Test
    void aFilerMarriedSinceFilingIsToldSoAndThePartnerOnlyThatTheReasonIsNotTheirs() throws Exception {
        PortalUser filer = citizen(freeSingle("M", 0), 2);
        PortalUser partner = citizen(freeSingle("F", 0), 2);
        Dossier dossier = fileMarriage(filer, partner);
        married(filer.subject());

        assertThatThrownBy(() -> decisions.act(partner, dossier.id(), "confirm", "", dossier.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("guard.othersRecord");
        assertThat(jdbc.sql("select state from dossier where id = ?").param(dossier.id()).query(String.class).single())
                .isEqualTo("conditions-unmet");

        assertThat(last(partner, dossier).detail()).isEqualTo("guard.othersRecord");
        Told toFiler = last(filer, dossier);
        assertThat(toFiler.detail()).isEqualTo("guard.bothUnmarried.own");
        assertThat(toFiler.body()).contains(OWN_MARRIAGE_VI, OWN_MARRIAGE_EN);
        for (String lang : List.of("vi", "en")) {
            String partners = page(partner, "/my/notifications", lang) + page(partner, "/my/dossiers/" + dossier.id(), lang);
            assertThat(partners).contains(lang.equals("vi") ? NEUTRAL_VI : NEUTRAL_EN)
                    .doesNotContain("vợ hoặc chồng", "one of the two is married", OWN_MARRIAGE_EN);
            assertThat(page(filer, "/my/notifications", lang)).contains(lang.equals("vi") ? OWN_MARRIAGE_VI : OWN_MARRIAGE_EN);
        }
    }

    /** Before, the partner read "one of the two has died": alive and reading it, they learned the filer's death. */
    @Test
    void aFilersDeathRecordedSinceFilingIsNotToldToThePartner() throws Exception {
        PortalUser filer = citizen(freeSingle("M", 0), 2);
        PortalUser partner = citizen(freeSingle("F", 0), 2);
        Dossier dossier = fileMarriage(filer, partner);
        jdbc.sql("update population.person set date_of_death = current_date - 1 where id_number = ?")
                .param(filer.subject()).update();
        restore.push(() -> jdbc.sql("update population.person set date_of_death = null where id_number = ?")
                .param(filer.subject()).update());

        assertThatThrownBy(() -> decisions.act(partner, dossier.id(), "confirm", "", dossier.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("guard.othersRecord");
        assertThat(last(partner, dossier).detail()).isEqualTo("guard.othersRecord");
        assertThat(last(filer, dossier).detail()).isEqualTo("guard.marriageConditions.deceased.own");
        String partners = page(partner, "/my/notifications", "vi") + page(partner, "/my/dossiers/" + dossier.id(), "vi")
                + page(partner, "/my/notifications", "en");
        assertThat(partners).doesNotContain("đã chết", "khai tử", "has died", "death");
    }

    @Test
    void aMarriedPartnerIsStoppedAtTheirConfirmationNotLeftForTheOfficer() {
        PortalUser filer = citizen(freeSingle("M", 0), 2);
        PortalUser partner = citizen(freeSingle("F", 0), 2);
        Dossier dossier = fileMarriage(filer, partner);
        married(partner.subject());

        assertThatThrownBy(() -> decisions.act(partner, dossier.id(), "confirm", "", dossier.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("guard.bothUnmarried.own");
        assertThat(jdbc.sql("select received_at is null from dossier where id = ?").param(dossier.id())
                .query(Boolean.class).single()).isTrue();
        assertThat(last(filer, dossier).detail()).isEqualTo("guard.othersRecord");
    }

    @Test
    void whenBothRecordsStopItEachIsToldTheirOwn() {
        PortalUser filer = citizen(freeSingle("M", 0), 2);
        PortalUser partner = citizen(person("F", UNDERAGE_WOMAN), 2);
        Dossier dossier = fileMarriage(filer, partner);
        married(filer.subject());

        assertThatThrownBy(() -> decisions.act(partner, dossier.id(), "confirm", "", dossier.lockVersion()))
                .isInstanceOf(UserFacingException.class).extracting("code").isEqualTo("guard.marriageConditions.underage.own");
        assertThat(last(partner, dossier).detail()).isEqualTo("guard.marriageConditions.underage.own");
        assertThat(last(filer, dossier).detail()).isEqualTo("guard.bothUnmarried.own");
    }

    private Dossier fileMarriage(PortalUser filer, PortalUser partner) {
        Map<String, String> answers = new HashMap<>(Map.of("phone", "0912345678", "email", APPLICANT_MAIL,
                "partner", partner.subject(), Filing.confirmationOf("partner"), partner.subject(),
                "voluntaryDeclaration", "true"));
        Filing.Outcome outcome = filing.submit(filer, catalog.find("marriage-registration").orElseThrow(),
                UUID.randomUUID(), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        assertThat(dossier.state()).isEqualTo("awaiting-partner");
        return dossier;
    }

    /** A free person of this sex born in the range, with a permanent residence. */
    private String person(String sex, String birthDates) {
        return jdbc.sql("""
                        select p.id_number from population.person p
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        where p.marital_status = 'SINGLE' and p.sex = ? and p.birth_date\s""" + birthDates + """
                         and\s""" + FREE + " order by p.id_number limit 1").param(sex)
                .query(String.class).single();
    }

    /** The register records this person married (meanwhile, elsewhere), until the test ends. */
    private void married(String idNumber) {
        jdbc.sql("update population.person set marital_status = 'MARRIED' where id_number = ?").param(idNumber).update();
        restore.push(() -> jdbc.sql("update population.person set marital_status = 'SINGLE' where id_number = ?")
                .param(idNumber).update());
    }

    private List<String> events(Dossier dossier) {
        return jdbc.sql("select event from dossier_event where dossier_id = ? order by id").param(dossier.id())
                .query(String.class).list();
    }

    private List<Told> told(PortalUser citizen, Dossier dossier) {
        return jdbc.sql("""
                        select n.kind, n.detail, o.recipient, o.body from notification n
                        left join mail_outbox o on o.notification_id = n.id
                        where n.recipient = ? and n.dossier_id = ? order by n.id""")
                .params(citizen.subject(), dossier.id())
                .query((rs, i) -> new Told(rs.getString("kind"), rs.getString("detail"), rs.getString("recipient"),
                        rs.getString("body"))).list();
    }

    private Told last(PortalUser citizen, Dossier dossier) {
        List<Told> all = told(citizen, dossier);
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private String page(PortalUser citizen, String path, String lang) throws Exception {
        return mvc.perform(get(path).param("lang", lang).with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString();
    }
}
