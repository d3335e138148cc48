package vn.gov.portal.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import vn.gov.portal.PageChecks;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.AgencyDashboard;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/** The applicant rates a dossier once it has its result; the agency's dashboard shows the ratings of its dossiers. */
class ServiceRatingTest extends PortalIntegrationTest {

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    AgencyDashboard dashboard;
    @Autowired
    MockMvc mvc;

    private Dossier approve(Dossier dossier) {
        dossier = decisions.decide(officer("ca.00308.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("ca.00308.xuly"), dossier.id(), "process", "", dossier.lockVersion());
        return decisions.decide(officer("ca.00308.lanhdao"), dossier.id(), "approve", "", dossier.lockVersion());
    }

    private MvcResult rate(PortalUser citizen, Dossier dossier, String score, String comment, Locale locale) throws Exception {
        return mvc.perform(post("/my/dossiers/" + dossier.id() + "/rating").param("score", score).param("comment", comment)
                        .param("lang", locale.getLanguage())
                        .with(authentication(login(citizen))).with(csrf()))
                .andReturn();
    }

    private static String problem(MvcResult result) {
        return (String) result.getFlashMap().get("ratingProblem");
    }

    private long ratings(Dossier dossier) {
        return jdbc.sql("select count(*) from dossier_rating where dossier_id = ?").param(dossier.id()).query(Long.class).single();
    }

    /** The officer's dashboard line for temporary residence; none yet counts as no ratings. */
    private AgencyDashboard.ProcedureFigures figures(String officer) {
        return dashboard.of(officer(officer)).byProcedure().stream()
                .filter(p -> p.procedure().equals("temporary-residence")).findFirst()
                .orElse(new AgencyDashboard.ProcedureFigures("temporary-residence", 0, 0, 0, 0, 0, 0, null));
    }

    @Test
    void onlyACompletedDossierIsRatedOnceByItsApplicantWithA1To5Score() throws Exception {
        PortalUser citizen = citizen(freeAdult(1210), 2);
        Dossier dossier = submitTemporaryResidence(citizen);
        Locale vi = Locale.forLanguageTag("vi");

        assertThat(problem(rate(citizen, dossier, "5", "", vi))).isEqualTo("Chỉ đánh giá được khi hồ sơ đã có kết quả.");
        assertThat(ratings(dossier)).isZero();
        String open = mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString();
        assertThat(open).doesNotContain("id=\"rating-form\"");

        dossier = approve(dossier);
        assertThat(dossier.statusCode()).isEqualTo(9);
        String page = mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"rating-form\"", "id=\"rating-score-5\"");

        for (String bad : List.of("0", "6", "abc", "")) {
            assertThat(problem(rate(citizen, dossier, bad, "", vi))).isEqualTo("Hãy chọn mức độ hài lòng từ 1 đến 5.");
        }
        assertThat(problem(rate(citizen, dossier, "7", "", Locale.ENGLISH))).isEqualTo("Choose a satisfaction level from 1 to 5.");
        // Back on the dossier page the problem is an error summary linking to the field, the comment kept.
        MvcResult refused = rate(citizen, dossier, "0", "Nhanh gọn", Locale.forLanguageTag("vi"));
        jakarta.servlet.http.Cookie session = refused.getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        String shown = mvc.perform(get("/my/dossiers/" + dossier.id()).cookie(session)
                        .with(authentication(login(citizen)))).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("id=\"rating-error-summary\"", "href=\"#rating-score-5\"", ">Nhanh gọn</textarea>");
        // The radio group says so too: each radio is invalid and described by the message next to it.
        assertThat(shown).containsPattern("id=\"rating-score-error\">\\s*<span class=\"visually-hidden\">Lỗi:</span> Hãy chọn mức độ hài lòng từ 1 đến 5.")
                .containsPattern("id=\"rating-score-1\" value=\"1\" aria-invalid=\"true\" aria-describedby=\"rating-score-error\"");
        assertThat(problem(rate(citizen, dossier, "4", "x".repeat(1001), vi))).isEqualTo("Góp ý dài quá 1.000 ký tự.");
        assertThat(ratings(dossier)).isZero();

        // Another citizen: the dossier does not exist for them.
        PortalUser stranger = citizen(freeAdult(1211), 2);
        assertThat(rate(stranger, dossier, "1", "", vi).getResponse().getStatus()).isEqualTo(404);
        assertThat(ratings(dossier)).isZero();

        MvcResult done = rate(citizen, dossier, "4", "Cán bộ hướng dẫn tận tình", vi);
        assertThat(problem(done)).isNull();
        assertThat(done.getFlashMap().get("notice")).isEqualTo("Cảm ơn bạn đã đánh giá.");
        assertThat(problem(rate(citizen, dossier, "1", "", vi)))
                .isEqualTo("Bạn đã đánh giá hồ sơ này. Mỗi hồ sơ chỉ được đánh giá một lần.");
        assertThat(jdbc.sql("select score from dossier_rating where dossier_id = ?").param(dossier.id())
                .query(Integer.class).single()).isEqualTo(4);

        String rated = mvc.perform(get("/my/dossiers/" + dossier.id()).with(authentication(login(citizen))))
                .andReturn().getResponse().getContentAsString();
        assertThat(rated).contains("id=\"rating-given\"", "Bạn đã đánh giá 4/5.", "Cán bộ hướng dẫn tận tình")
                .doesNotContain("id=\"rating-form\"");
    }

    @Test
    void theSameRatingPostedAgainGetsTheFirstAnswerAndADifferentOneIsRefused() throws Exception {
        PortalUser citizen = citizen(freeAdult(1214), 2);
        Dossier dossier = approve(submitTemporaryResidence(citizen));
        Locale vi = Locale.forLanguageTag("vi");

        MvcResult first = rate(citizen, dossier, "4", "Nhanh gọn, đúng hẹn", vi);
        assertThat(problem(first)).isNull();
        // A double click or a browser retry after a lost answer: the first post's answer, nothing stored twice.
        MvcResult again = rate(citizen, dossier, "4", "Nhanh gọn, đúng hẹn", vi);
        assertThat(problem(again)).isNull();
        assertThat(again.getFlashMap().get("notice")).isEqualTo("Cảm ơn bạn đã đánh giá.");
        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo(first.getResponse().getRedirectedUrl())
                .isEqualTo("/my/dossiers/" + dossier.id() + "#rating");
        assertThat(ratings(dossier)).isOne();

        // Another rating (another score, another comment, or none) is not the same post: refused, the first kept.
        for (String[] other : List.of(new String[] {"5", "Nhanh gọn, đúng hẹn"}, new String[] {"4", "Chậm"},
                new String[] {"4", ""})) {
            MvcResult refused = rate(citizen, dossier, other[0], other[1], vi);
            assertThat(problem(refused)).isEqualTo("Bạn đã đánh giá hồ sơ này. Mỗi hồ sơ chỉ được đánh giá một lần.");
            assertThat(refused.getFlashMap().get("notice")).isNull();
        }
        assertThat(problem(rate(citizen, dossier, "1", "", Locale.ENGLISH)))
                .isEqualTo("You have already rated this dossier. Each dossier can be rated once.");
        assertThat(jdbc.sql("select score || ' ' || comment from dossier_rating where dossier_id = ?").param(dossier.id())
                .query(String.class).single()).isEqualTo("4 Nhanh gọn, đúng hẹn");
    }

    @Test
    void twoPostsOfTheSameRatingAtOnceAreBothThankedAndStoredOnce() throws Exception {
        PortalUser citizen = citizen(freeAdult(1215), 2);
        Dossier dossier = approve(submitTemporaryResidence(citizen));
        for (MvcResult result : twiceAtOnce(() -> rate(citizen, dossier, "5", "", Locale.forLanguageTag("vi")))) {
            assertThat(problem(result)).isNull();
            assertThat(result.getFlashMap().get("notice")).isEqualTo("Cảm ơn bạn đã đánh giá.");
        }
        assertThat(ratings(dossier)).isOne();
    }

    @Test
    void aLevelOneLoginDoesNotRate() throws Exception {
        String idNumber = freeAdult(1158);
        Dossier dossier = approve(submitTemporaryResidence(citizen(idNumber, 2)));
        MvcResult refused = rate(citizen(idNumber, 1), dossier, "1", "", Locale.forLanguageTag("vi"));
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/my/dossiers/" + dossier.id() + "#rating-error-summary");
        assertThat(problem(refused)).contains("mức độ 2");
        assertThat(ratings(dossier)).isZero();
        // Not counted as the one rating: at level 2 the applicant still rates.
        assertThat(problem(rate(citizen(idNumber, 2), dossier, "5", "", Locale.forLanguageTag("vi")))).isNull();
        assertThat(ratings(dossier)).isOne();
    }

    @Test
    void theDashboardShowsTheAverageOfTheAgencysOwnDossiersPerProcedure() throws Exception {
        AgencyDashboard.ProcedureFigures before = figures("ca.00308.lanhdao");
        long otherAgencyBefore = figures("ca.00304.lanhdao").ratings();

        PortalUser first = citizen(freeAdult(1212), 2);
        PortalUser second = citizen(freeAdult(1213), 2);
        Dossier one = approve(submitTemporaryResidence(first));
        Dossier two = approve(submitTemporaryResidence(second));
        rate(first, one, "5", "", Locale.forLanguageTag("vi"));
        rate(second, two, "2", "", Locale.forLanguageTag("vi"));

        AgencyDashboard.ProcedureFigures after = figures("ca.00308.lanhdao");
        assertThat(after.ratings()).isEqualTo(before.ratings() + 2);
        double sumBefore = before.averageRating() == null ? 0 : before.averageRating() * before.ratings();
        assertThat(after.averageRating() * after.ratings()).isCloseTo(sumBefore + 5 + 2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(figures("ca.00304.lanhdao").ratings()).isEqualTo(otherAgencyBefore);

        String html = mvc.perform(get("/officer/dashboard").with(authentication(login(officer("ca.00308.lanhdao")))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Đánh giá trung bình", "class=\"rating-count\">" + after.ratings() + "<");
        PageChecks.scrollingTablesAreNamedRegions(html);
    }
}
