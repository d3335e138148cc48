package vn.gov.portal.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.identity.PortalUser;

/**
 * The supplement form posted again — a double click, a browser retry after a lost answer — gets the answer the first
 * post got and sends nothing more; a post that is not a repeat, once the dossier no longer waits, is told why on the
 * dossier's page; only someone else's dossier is "not found". Every write on it needs the procedure's e-ID level.
 */
class SupplementRetryTest extends PortalIntegrationTest {

    private static final String SENT = "Đã gửi phần bổ sung. Hồ sơ được tiếp tục giải quyết và ngày hẹn trả được lùi "
            + "theo thời gian chờ bổ sung.";
    private static final String NOT_WAITING = "Hồ sơ này hiện không chờ bổ sung nên không nhận phần bổ sung. "
            + "Trạng thái và quá trình xử lý hồ sơ ở dưới đây.";

    @Autowired
    MockMvc mvc;
    @Autowired
    Decisions decisions;

    private static final Map<String, String> ANSWERS = Map.of("phone", "0912345678", "connectionProvince", "01",
            "connectionCommune", "00304", "connectionAddress", "Số 12, phố Hàng Bạc", "purpose", "DOMESTIC",
            "expectedLoad", "5", "phases", "1");

    /** A new power connection the power company asked to supplement (status 5). */
    private Dossier awaitingSupplement(PortalUser citizen) {
        Dossier dossier = submitNewConnection(citizen);
        dossier = decisions.decide(officer("dl.01.tiepnhan"), dossier.id(), "receive", "", dossier.lockVersion());
        dossier = decisions.decide(officer("dl.01.xuly"), dossier.id(), "request-supplement",
                "Bổ sung sơ đồ vị trí đặt công tơ", dossier.lockVersion());
        assertThat(dossier.statusCode()).isEqualTo(5);
        return dossier;
    }

    private MockHttpServletRequestBuilder supplement(PortalUser citizen, Dossier dossier, String message,
                                                     String address) {
        MockHttpServletRequestBuilder post = post("/my/dossiers/" + dossier.id() + "/supplement").with(csrf())
                .with(authentication(login(citizen))).param("lockVersion", String.valueOf(dossier.lockVersion()))
                .param("message", message);
        Map<String, String> answers = new java.util.HashMap<>(ANSWERS);
        answers.put("connectionAddress", address);
        answers.forEach(post::param);
        return post;
    }

    private long resubmissions(Dossier dossier) {
        return jdbc.sql("select count(*) from dossier_event where dossier_id = ? and event = 'resubmit'")
                .param(dossier.id()).query(Long.class).single();
    }

    private int lockVersion(Dossier dossier) {
        return jdbc.sql("select lock_version from dossier where id = ?").param(dossier.id()).query(Integer.class).single();
    }

    @Test
    void theSamePostAgainGetsTheFirstAnswerAndAnyOtherPostIsToldTheDossierNoLongerWaits() throws Exception {
        PortalUser citizen = citizen(freeAdult(1151), 2);
        Dossier dossier = awaitingSupplement(citizen);
        String page = "/my/dossiers/" + dossier.id();

        MvcResult first = mvc.perform(supplement(citizen, dossier, "Đã bổ sung", "Số 14, phố Hàng Bạc")).andReturn();
        int sent = lockVersion(dossier);
        MvcResult again = mvc.perform(supplement(citizen, dossier, "Đã bổ sung", "Số 14, phố Hàng Bạc")).andReturn();
        for (MvcResult result : List.of(first, again)) {
            assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(page);
            assertThat(result.getFlashMap().get("notice")).isEqualTo(SENT);
            assertThat(result.getFlashMap().get("problem")).isNull();
        }
        assertThat(resubmissions(dossier)).isOne();
        assertThat(lockVersion(dossier)).isEqualTo(sent);

        // Changed before posting again, it is another supplement: the dossier no longer waits, and says so.
        MvcResult edited = mvc.perform(supplement(citizen, dossier, "Đã bổ sung", "Số 16, phố Hàng Bạc")).andReturn();
        assertThat(edited.getResponse().getRedirectedUrl()).isEqualTo(page);
        assertThat(edited.getFlashMap().get("problem")).isEqualTo(NOT_WAITING);
        assertThat(edited.getFlashMap().get("notice")).isNull();
        assertThat(jdbc.sql("select answers->>'connectionAddress' from dossier where id = ?").param(dossier.id())
                .query(String.class).single()).isEqualTo("Số 14, phố Hàng Bạc");
        // The supplement page opened again (the back button) goes to the dossier with the same words, in English too.
        MvcResult reopened = mvc.perform(get(page + "/supplement").with(authentication(login(citizen)))).andReturn();
        assertThat(reopened.getResponse().getRedirectedUrl()).isEqualTo(page);
        assertThat(reopened.getFlashMap().get("problem")).isEqualTo(NOT_WAITING);
        assertThat(mvc.perform(get(page + "/supplement").param("lang", "en").with(authentication(login(citizen))))
                .andReturn().getFlashMap().get("problem"))
                .isEqualTo("This dossier is not waiting for a supplement now, so it takes none. Its status and history are below.");
        assertThat(resubmissions(dossier)).isOne();
        assertThat(lockVersion(dossier)).isEqualTo(sent);

        // Someone else's dossier does not exist for them, waiting or not.
        PortalUser stranger = citizen(freeAdult(1152), 2);
        assertThat(mvc.perform(supplement(stranger, dossier, "Đã bổ sung", "Số 14, phố Hàng Bạc")).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get(page + "/supplement").with(authentication(login(stranger)))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void twoPostsOfTheSameSupplementAtOnceSendItOnceAndBothSaySent() throws Exception {
        PortalUser citizen = citizen(freeAdult(1153), 2);
        Dossier dossier = awaitingSupplement(citizen);
        assertThat(twiceAtOnce(() -> mvc.perform(supplement(citizen, dossier, "", "Số 18, phố Hàng Bạc")).andReturn()
                .getFlashMap().get("notice"))).containsExactly(SENT, SENT);
        assertThat(resubmissions(dossier)).isOne();
    }

    @Test
    void aLevelOneLoginSendsNoSupplement() throws Exception {
        String idNumber = freeAdult(1154);
        Dossier dossier = awaitingSupplement(citizen(idNumber, 2));
        MvcResult refused = mvc.perform(supplement(citizen(idNumber, 1), dossier, "", "Số 20, phố Hàng Bạc")).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/my/dossiers/" + dossier.id());
        assertThat((String) refused.getFlashMap().get("problem")).contains("mức độ 2");
        assertThat(resubmissions(dossier)).isZero();
        assertThat(jdbc.sql("select answers->>'connectionAddress' from dossier where id = ?").param(dossier.id())
                .query(String.class).single()).isEqualTo("Số 12, phố Hàng Bạc");
        assertThat(lockVersion(dossier)).isEqualTo(dossier.lockVersion());
    }

    /** The dossier's page at this address; a UUID no one has is not found, for its owner too. */
    @Test
    void aDossierThatDoesNotExistIsNotFound() throws Exception {
        PortalUser citizen = citizen(freeAdult(1155), 2);
        assertThat(mvc.perform(get("/my/dossiers/" + UUID.randomUUID() + "/supplement")
                .with(authentication(login(citizen)))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
