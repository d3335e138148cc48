package vn.gov.portal.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.LifeEvent;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/** The catalogue page (search, groups, filter) and the facts of the procedure page, as the browser receives them. */
class CatalogPageTest extends PortalIntegrationTest {

    private static final Pattern CARD = Pattern.compile("<li class=\"procedure-card\" id=\"procedure-([a-z0-9-]+)\"");
    private static final Pattern GROUP_HEADING = Pattern.compile("<h2 class=\"life-event-heading\" id=\"event-heading-([a-z]+)\"");

    @Autowired
    MockMvc mvc;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Filing filing;

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        response.setCharacterEncoding("UTF-8");
        return response.getContentAsString();
    }

    private String search(String query) throws Exception {
        return page(get("/procedures").param("q", query));
    }

    private static List<String> all(Pattern pattern, String html) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The text inside the element with this id (tags dropped, spaces collapsed). */
    private static String text(String html, String id) {
        Matcher open = Pattern.compile("<(\\w+)[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        assertThat(open.find()).as("element #" + id).isTrue();
        int end = html.indexOf("</" + open.group(1) + ">", open.end());
        return html.substring(open.end(), end).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
    }

    @Test
    void aSearchWithoutDiacriticsFindsTheProcedureFirstAndAnnouncesTheCount() throws Exception {
        String html = search("dang ky tam tru");
        List<String> cards = all(CARD, html);
        assertThat(cards).first().isEqualTo("temporary-residence");
        // Every card's link to the form reads the same; screen readers hear which procedure it is for.
        assertThat(text(html, "apply-temporary-residence")).isEqualTo("Nộp hồ sơ trực tuyến : Đăng ký tạm trú");
        assertThat(html).contains("role=\"status\"");
        assertThat(text(html, "result-count")).isEqualTo("Tìm thấy " + cards.size()
                + " thủ tục phù hợp với “dang ky tam tru”.");
        assertThat(html).contains("id=\"q\"").contains("<label class=\"field-label\" for=\"q\">Tìm thủ tục</label>")
                .contains("value=\"dang ky tam tru\"");
        assertThat(all(CARD, search("Đăng ký tạm trú"))).first().isEqualTo("temporary-residence");
    }

    @Test
    void passportAndBirthAreFoundByTheirVietnameseOrEnglishWords() throws Exception {
        assertThat(all(CARD, search("ho chieu"))).first().isEqualTo("passport");
        assertThat(all(CARD, search("passport"))).first().isEqualTo("passport");
        String english = page(get("/procedures").param("q", "passport").param("lang", "en"));
        assertThat(all(CARD, english)).first().isEqualTo("passport");
        int n = all(CARD, english).size();
        assertThat(text(english, "result-count"))
                .isEqualTo((n == 1 ? "1 procedure" : n + " procedures") + " found for “passport”.");
        assertThat(all(CARD, search("khai sinh"))).contains("birth-registration", "birth-residence-health-insurance");
    }

    @Test
    void keywordsFindWhatTheNameDoesNotSay() throws Exception {
        assertThat(all(CARD, search("CCCD"))).contains("id-card-renewal", "id-card-reissue");
        assertThat(all(CARD, search("xe may"))).first().isEqualTo("motorbike-registration");
        assertThat(all(CARD, search("ho khau"))).contains("permanent-residence");
        assertThat(all(CARD, search("bang lai"))).containsExactly("driving-licence-exchange");
    }

    @Test
    void nothingFoundSaysSoAndOffersTheWholeList() throws Exception {
        String html = search("xyzzy quux");
        assertThat(all(CARD, html)).isEmpty();
        assertThat(text(html, "result-count")).isEqualTo("Không tìm thấy thủ tục nào phù hợp với “xyzzy quux”.");
        assertThat(html).contains("id=\"show-all\" href=\"/procedures\"");
        // The query is shown back escaped, never as markup.
        String hostile = search("<script>alert(1)</script>");
        assertThat(hostile).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
    }

    @Test
    void withoutAQueryTheProceduresAreGroupedByLifeEventInTheFixedOrder() throws Exception {
        String html = page(get("/"));
        List<String> headings = all(GROUP_HEADING, html);
        List<String> expected = catalog.all().stream().map(ProcedureDefinition::event).distinct().sorted()
                .map(LifeEvent::id).toList();
        assertThat(headings).isEqualTo(expected).contains("birth", "residence", "identity", "transport", "work");
        assertThat(all(CARD, html)).hasSize(catalog.all().size()).doesNotHaveDuplicates();
        for (String event : headings) {
            assertThat(html).contains("href=\"#event-" + event + "\"");
        }
        assertThat(text(html, "event-heading-residence")).isEqualTo("Cư trú");
        assertThat(text(html, "event-heading-identity")).isEqualTo("Căn cước, hộ chiếu và giấy tờ tùy thân");
        // Headings in order: h1, the groups' list and the groups (h2), the procedures (h3).
        assertThat(all(Pattern.compile("<h([1-6])"), html).stream().distinct()).containsExactly("1", "2", "3");
        // The passport sits in the identity group, between its heading and the next one.
        int identity = html.indexOf("id=\"event-heading-identity\"");
        int passport = html.indexOf("id=\"procedure-passport\"");
        int next = html.indexOf("<h2 class=\"life-event-heading\"", identity + 1);
        assertThat(passport).isBetween(identity, next);

        String english = page(get("/").param("lang", "en"));
        assertThat(text(english, "event-heading-work")).isEqualTo("Work, social and health insurance");
    }

    @Test
    void theLifeEventFilterShowsOneGroupAndCombinesWithSearch() throws Exception {
        String html = page(get("/procedures").param("event", "residence"));
        List<String> expected = catalog.all().stream().filter(p -> p.event() == LifeEvent.RESIDENCE)
                .map(ProcedureDefinition::code).sorted().toList();
        assertThat(all(CARD, html).stream().sorted().toList()).isEqualTo(expected)
                .contains("temporary-residence", "permanent-residence");
        assertThat(all(GROUP_HEADING, html)).containsExactly("residence");
        assertThat(text(html, "result-count")).isEqualTo("Có " + expected.size() + " thủ tục trong nhóm “Cư trú”.");
        assertThat(html).contains("<option value=\"residence\" selected=\"selected\">");

        assertThat(all(CARD, page(get("/procedures").param("event", "identity").param("q", "ho chieu"))))
                .containsExactly("passport");
        String elsewhere = page(get("/procedures").param("event", "land").param("q", "ho chieu"));
        assertThat(all(CARD, elsewhere)).isEmpty();
        assertThat(elsewhere).contains("id=\"search-everywhere\"");

        String unknown = page(get("/procedures").param("event", "holidays"));
        assertThat(text(unknown, "unknown-event")).contains("Không có nhóm thủ tục này");
        assertThat(all(CARD, unknown)).hasSize(catalog.all().size());
    }

    @Test
    void theTemporaryResidencePageStatesWhoWhenHowMuchAndWhatItNeeds() throws Exception {
        String html = page(get("/procedures/temporary-residence"));
        assertThat(text(html, "handled-by")).isEqualTo("Công an xã, phường, đặc khu nơi bạn tạm trú");
        assertThat(text(html, "deadline")).isEqualTo("3 ngày làm việc");
        assertThat(text(html, "fee-online")).isEqualTo("7.000 đồng");
        assertThat(text(html, "fee-counter")).isEqualTo("15.000 đồng");
        assertThat(text(html, "fee-note")).contains("Thông tư 75/2022/TT-BTC");
        assertThat(text(html, "eid-level")).contains("mức độ 2").contains("Công an xác thực trực tiếp");
        assertThat(text(html, "national-code")).isEqualTo("1.004194");
        assertThat(text(html, "result")).isNotBlank();
        assertThat(text(html, "life-event")).isEqualTo("Cư trú");
        assertThat(html).contains("id=\"apply-temporary-residence\"").doesNotContain("id=\"continue-draft\"");

        String english = page(get("/procedures/temporary-residence").param("lang", "en"));
        assertThat(text(english, "handled-by")).isEqualTo("The police of the commune or ward where you will stay");
        assertThat(text(english, "fee-online")).contains("7,000");

        assertThat(text(page(get("/procedures/passport")), "handled-by"))
                .isEqualTo("Công an tỉnh, thành phố nơi bạn thường trú");
    }

    @Test
    void papersTheAgencyChecksInTheRegisterAreMarkedNotNeeded() throws Exception {
        String html = page(get("/procedures/birth-registration"));
        assertThat(text(html, "handled-by")).startsWith("Ủy ban nhân dân xã, phường, đặc khu nơi cư trú của cha hoặc mẹ");
        assertThat(text(html, "documents")).contains("Giấy chứng sinh").doesNotContain("Thẻ căn cước");
        assertThat(text(html, "documents-checked")).contains("Thẻ căn cước của người đi đăng ký")
                .contains("không cần nộp: cơ quan giải quyết tự kiểm tra trong Cơ sở dữ liệu quốc gia về dân cư");
        assertThat(text(html, "deadline")).startsWith("Trong ngày làm việc");
        String english = page(get("/procedures/birth-registration").param("lang", "en"));
        assertThat(text(english, "documents-checked"))
                .contains("not needed: the agency checks it in the national population database");
    }

    @Test
    void aGroupPageListsItsStepsWithTheirAgencies() throws Exception {
        String html = page(get("/procedures/birth-residence-health-insurance"));
        assertThat(html).doesNotContain("id=\"handled-by\"");
        assertThat(text(html, "step-1")).contains("Đăng ký khai sinh").contains("Ủy ban nhân dân xã, phường, đặc khu");
        assertThat(text(html, "step-2")).contains("Đăng ký thường trú cho trẻ em")
                // where the child's household is: the filer may be a grandparent living elsewhere
                .contains("Công an xã, phường, đặc khu nơi trẻ được đăng ký vào hộ gia đình");
        assertThat(text(html, "step-3")).contains("bảo hiểm y tế").contains("Bảo hiểm xã hội tỉnh, thành phố");
        assertThat(html).doesNotContain("id=\"step-4\"");
        assertThat(text(html, "national-code")).isEqualTo("Chưa có mã trên Cổng Dịch vụ công quốc gia");
    }

    @Test
    void aCitizenWithADraftIsOfferedToContinueItAndNobodyElseIs() throws Exception {
        PortalUser owner = citizen(freeAdult(1300), 2);
        PortalUser other = citizen(freeAdult(1301), 2);
        ProcedureDefinition procedure = catalog.find("temporary-residence").orElseThrow();
        filing.save(owner, procedure, UUID.randomUUID(), Map.of("newAddressDetail", "Số 9, ngõ Nháp"));

        String mine = page(get("/procedures/temporary-residence").with(authentication(login(owner))));
        assertThat(text(mine, "draft-notice")).contains("Bạn đang có một hồ sơ nháp của thủ tục này");
        assertThat(mine).contains("id=\"continue-draft\" class=\"button button-primary\" href=\"/procedures/temporary-residence/apply\"")
                .doesNotContain("id=\"apply-temporary-residence\"");

        assertThat(page(get("/procedures/temporary-residence").with(authentication(login(other)))))
                .doesNotContain("id=\"draft-notice\"").contains("id=\"apply-temporary-residence\"");
        assertThat(page(get("/procedures/passport").with(authentication(login(owner)))))
                .doesNotContain("id=\"draft-notice\"");
        assertThat(page(get("/procedures/temporary-residence").with(authentication(login(officer("ca.00308.tiepnhan"))))))
                .doesNotContain("id=\"draft-notice\"");
    }

    @Test
    void anUnknownProcedureIsNotFound() throws Exception {
        assertThat(mvc.perform(get("/procedures/no-such-thing")).andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
