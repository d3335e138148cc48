package vn.gov.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.dossier.Decisions;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.dossier.Filing;
import vn.gov.portal.identity.PortalUser;

/**
 * The other party of a dossier (marriage: the partner, {@code workflow.party}) is told, in the portal and by mail to
 * their own address, that the dossier waits for their confirmation, with the page where they give it; and told only
 * what that page shows them.
 */
class PartyNotificationTest extends PortalIntegrationTest {

    private static final String APPLICANT_MAIL = "nguoi.nop@example.vn";
    private static final String APPLICANT_PHONE = "0987654321";

    @Autowired
    Filing filing;
    @Autowired
    Decisions decisions;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    MockMvc mvc;

    private record Told(long id, String kind, String link, String mailTo, String subject, String body) {}

    private List<Told> toldTo(PortalUser citizen, UUID dossierId) {
        return jdbc.sql("""
                        select n.id, n.kind, n.link_path, o.recipient, o.subject, o.body from notification n
                        left join mail_outbox o on o.notification_id = n.id
                        where n.recipient = ? and n.dossier_id = ? order by n.id""")
                .params(citizen.subject(), dossierId)
                .query((rs, row) -> new Told(rs.getLong("id"), rs.getString("kind"), rs.getString("link_path"),
                        rs.getString("recipient"), rs.getString("subject"), rs.getString("body"))).list();
    }

    @Test
    void thePartnerIsToldTheDossierWaitsForThemAndWhereToConfirm() throws Exception {
        PortalUser filer = citizen(single("M", 140, false), 2);
        PortalUser partner = citizen(single("F", 140, true), 2);
        String partnerMail = jdbc.sql("select email from population.person where id_number = ?")
                .param(partner.subject()).query(String.class).single();
        String partnerName = jdbc.sql("select full_name from population.person where id_number = ?")
                .param(partner.subject()).query(String.class).single();
        Dossier dossier = fileMarriage(filer, partner);
        String page = "/my/dossiers/" + dossier.id();

        Told told = toldTo(partner, dossier.id()).get(0);
        assertThat(toldTo(partner, dossier.id())).hasSize(1);
        assertThat(told.kind()).isEqualTo("AWAITING_PARTY");
        assertThat(told.link()).isEqualTo(page);
        // By mail to the partner's own address in the register, never the one the applicant typed in the form.
        assertThat(told.mailTo()).isEqualTo(partnerMail).isNotEqualTo(APPLICANT_MAIL);
        assertThat(told.subject()).isEqualTo("Hồ sơ " + dossier.receiptCode() + " đang chờ bạn xác nhận / Dossier "
                + dossier.receiptCode() + " awaits your confirmation");
        assertThat(told.body()).contains("Kính gửi " + partnerName, dossier.receiptCode(), "Đăng ký kết hôn",
                "http://127.0.0.1:8080" + page, "Dear " + partnerName)
                .as("nothing of the applicant's answers").doesNotContain(APPLICANT_MAIL, APPLICANT_PHONE, dossier.applicantName());
        assertThat(toldTo(filer, dossier.id())).as("the applicant is told nothing new").isEmpty();

        // In the partner's list, new; following it leads to the page where they confirm.
        String list = mvc.perform(get("/my/notifications").with(authentication(login(partner))))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Hồ sơ " + dossier.receiptCode() + " đang chờ bạn xác nhận", "notification-unread")
                .doesNotContain(dossier.applicantName());
        mvc.perform(post("/my/notifications/" + told.id() + "/open").with(csrf()).with(authentication(login(partner))))
                .andExpect(redirectedUrl(page));
        assertThat(mvc.perform(get(page).with(authentication(login(partner)))).andReturn().getResponse()
                .getContentAsString()).contains("id=\"decision-confirm\"", "id=\"decision-decline\"");

        // Confirmed, the dossier goes to the agency: the partner is not told again.
        Dossier confirmed = decisions.act(partner, dossier.id(), "confirm", "", dossier.lockVersion());
        assertThat(confirmed.state()).isEqualTo("submitted");
        assertThat(toldTo(partner, dossier.id())).hasSize(1);
    }

    @Test
    void aPartnerWithoutAnAddressIsToldInThePortalOnly() {
        PortalUser filer = citizen(single("M", 141, false), 2);
        PortalUser partner = citizen(single("F", 141, false), 2);
        Dossier dossier = fileMarriage(filer, partner);

        assertThat(toldTo(partner, dossier.id())).singleElement().satisfies(told -> {
            assertThat(told.kind()).isEqualTo("AWAITING_PARTY");
            assertThat(told.mailTo()).as("no mail, and never to the applicant's address").isNull();
        });
    }

    @Test
    void whenThePartnerDeclinesTheApplicantIsToldWhatHappenedAndWhatTheyCanDo() throws Exception {
        PortalUser filer = citizen(single("M", 142, false), 2);
        PortalUser partner = citizen(single("F", 142, true), 2);
        Dossier dossier = fileMarriage(filer, partner);
        String page = "/my/dossiers/" + dossier.id();

        Dossier declined = decisions.act(partner, dossier.id(), "decline", "Chúng tôi chưa thống nhất ngày cưới.",
                dossier.lockVersion());
        assertThat(declined.state()).isEqualTo("withdrawn");

        Told told = toldTo(filer, dossier.id()).get(0);
        assertThat(toldTo(filer, dossier.id())).hasSize(1);
        assertThat(told.kind()).isEqualTo("PARTY_DECLINED");
        assertThat(told.link()).isEqualTo(page);
        // By mail to the address the applicant gave in the form, Vietnamese first, English below.
        assertThat(told.mailTo()).isEqualTo(APPLICANT_MAIL);
        assertThat(told.subject()).isEqualTo("Hồ sơ " + dossier.receiptCode() + ": bên kia không đồng ý / Dossier "
                + dossier.receiptCode() + ": the other party declined");
        assertThat(told.body()).contains("Kính gửi " + dossier.applicantName(), dossier.receiptCode(), "Đăng ký kết hôn",
                "không được gửi tới cơ quan có thẩm quyền", "nộp hồ sơ mới",
                "Lý do bên kia ghi: “Chúng tôi chưa thống nhất ngày cưới.”", "http://127.0.0.1:8080" + page,
                "Dear " + dossier.applicantName(), "was not sent to the competent authority", "file a new dossier");
        assertThat(told.body().indexOf("Kính gửi")).isLessThan(told.body().indexOf("Dear"));
        assertThat(toldTo(partner, dossier.id())).as("the partner is not told of their own decline")
                .extracting(Told::kind).containsExactly("AWAITING_PARTY");

        // In the applicant's list, in their language.
        String list = mvc.perform(get("/my/notifications").with(authentication(login(filer))))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Hồ sơ " + dossier.receiptCode() + ": bên kia không đồng ý", "notification-unread");
        String english = mvc.perform(get("/my/notifications").param("lang", "en").with(authentication(login(filer))))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Dossier " + dossier.receiptCode() + ": the other party declined");
    }

    @Test
    void aDeclineWithoutAReasonSaysSoWithoutAnEmptyQuoteAndTheApplicantsOwnWithdrawalTellsNobody() {
        PortalUser filer = citizen(single("M", 143, false), 2);
        PortalUser partner = citizen(single("F", 143, false), 2);
        Dossier dossier = fileMarriage(filer, partner);
        decisions.act(partner, dossier.id(), "decline", "", dossier.lockVersion());
        assertThat(toldTo(filer, dossier.id())).singleElement().satisfies(told -> {
            assertThat(told.kind()).isEqualTo("PARTY_DECLINED");
            assertThat(told.body()).contains("nộp hồ sơ mới").doesNotContain("Lý do", "“", "The reason");
        });

        // The applicant withdrawing their own dossier is not the other party declining it.
        PortalUser other = citizen(single("F", 144, false), 2);
        Dossier withdrawn = fileMarriage(filer, other);
        assertThat(decisions.act(filer, withdrawn.id(), "withdraw", "", withdrawn.lockVersion()).state())
                .isEqualTo("withdrawn");
        assertThat(toldTo(filer, withdrawn.id())).isEmpty();
    }

    @Test
    void whenTheApplicantWithdrawsWhileItAwaitsThePartnerThePartnerIsToldTheyNeedNotConfirm() throws Exception {
        PortalUser filer = citizen(single("M", 145, false), 2);
        PortalUser partner = citizen(single("F", 145, true), 2);
        String partnerMail = jdbc.sql("select email from population.person where id_number = ?")
                .param(partner.subject()).query(String.class).single();
        Dossier dossier = fileMarriage(filer, partner);
        String page = "/my/dossiers/" + dossier.id();

        assertThat(decisions.act(filer, dossier.id(), "withdraw", "", dossier.lockVersion()).state())
                .isEqualTo("withdrawn");

        assertThat(toldTo(partner, dossier.id())).extracting(Told::kind)
                .containsExactly("AWAITING_PARTY", "APPLICANT_WITHDREW");
        Told told = toldTo(partner, dossier.id()).get(1);
        assertThat(told.link()).isEqualTo(page);
        assertThat(told.mailTo()).isEqualTo(partnerMail).isNotEqualTo(APPLICANT_MAIL);
        assertThat(told.subject()).isEqualTo("Hồ sơ " + dossier.receiptCode() + " đã được rút, bạn không cần xác nhận"
                + " / Dossier " + dossier.receiptCode() + " was withdrawn: no confirmation needed");
        assertThat(told.body()).contains(dossier.receiptCode(), "Đăng ký kết hôn", "không được gửi tới cơ quan có thẩm quyền",
                        "http://127.0.0.1:8080" + page, "was not sent to the competent authority")
                .as("nothing of the applicant's answers").doesNotContain(APPLICANT_MAIL, APPLICANT_PHONE, dossier.applicantName());
        assertThat(toldTo(filer, dossier.id())).as("the applicant withdrew it themselves").isEmpty();

        // The link leads to the dossier's page, which asks nothing of the partner any more.
        String list = mvc.perform(get("/my/notifications").with(authentication(login(partner))))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Hồ sơ " + dossier.receiptCode() + " đã được rút, bạn không cần xác nhận");
        assertThat(mvc.perform(get(page).with(authentication(login(partner)))).andReturn().getResponse()
                .getContentAsString()).contains(dossier.receiptCode())
                .doesNotContain("id=\"decision-confirm\"", "id=\"decision-decline\"");
    }

    @Test
    void whenTheApplicantWithdrawsAfterThePartnerConfirmedThePartnerIsTold() throws Exception {
        PortalUser filer = citizen(single("M", 146, false), 2);
        PortalUser partner = citizen(single("F", 146, true), 2);
        String partnerMail = jdbc.sql("select email from population.person where id_number = ?")
                .param(partner.subject()).query(String.class).single();
        Dossier dossier = fileMarriage(filer, partner);
        String page = "/my/dossiers/" + dossier.id();
        Dossier confirmed = decisions.act(partner, dossier.id(), "confirm", "", dossier.lockVersion());
        assertThat(confirmed.state()).isEqualTo("submitted");

        assertThat(decisions.act(filer, dossier.id(), "withdraw", "", confirmed.lockVersion()).state())
                .isEqualTo("withdrawn");

        assertThat(toldTo(partner, dossier.id())).extracting(Told::kind)
                .containsExactly("AWAITING_PARTY", "APPLICANT_WITHDREW_CONFIRMED");
        Told told = toldTo(partner, dossier.id()).get(1);
        assertThat(told.link()).isEqualTo(page);
        assertThat(told.mailTo()).isEqualTo(partnerMail).isNotEqualTo(APPLICANT_MAIL);
        assertThat(told.subject()).isEqualTo("Hồ sơ " + dossier.receiptCode() + " mà bạn đã đồng ý đã được rút"
                + " / Dossier " + dossier.receiptCode() + " that you agreed to was withdrawn");
        assertThat(told.body()).contains(dossier.receiptCode(), "Đăng ký kết hôn", "sau khi bạn đồng ý",
                        "http://127.0.0.1:8080" + page, "after you agreed to it")
                .as("nothing of the applicant's answers").doesNotContain(APPLICANT_MAIL, APPLICANT_PHONE, dossier.applicantName());
        assertThat(toldTo(filer, dossier.id())).as("the applicant withdrew it themselves").isEmpty();

        for (String lang : List.of("vi", "en")) {
            assertThat(mvc.perform(get("/my/notifications").param("lang", lang).with(authentication(login(partner))))
                    .andReturn().getResponse().getContentAsString()).contains(lang.equals("vi")
                    ? "Hồ sơ " + dossier.receiptCode() + " mà bạn đã đồng ý đã được rút"
                    : "Dossier " + dossier.receiptCode() + " that you agreed to was withdrawn")
                    .doesNotContain(dossier.applicantName(), APPLICANT_PHONE);
        }
    }

    /**
     * Review finding: once the partner agreed, the agency's refusal, stop, approval and handing over reached only the
     * filer. The partner is told each, by mail to their own address in the register, with the receipt code, the
     * procedure and the outcome only: neither the officer's reason (written to the filer) nor the filer's answers.
     */
    @Test
    void thePartnerWhoConfirmedIsToldOfTheApprovalAndTheHandingOverOnly() throws Exception {
        PortalUser filer = citizen(single("M", 147, false), 2);
        PortalUser partner = citizen(single("F", 147, true), 2);
        String partnerMail = jdbc.sql("select email from population.person where id_number = ?")
                .param(partner.subject()).query(String.class).single();
        Dossier dossier = fileMarriage(filer, partner);
        String page = "/my/dossiers/" + dossier.id();
        Dossier d = decisions.act(partner, dossier.id(), "confirm", "", dossier.lockVersion());
        d = decisions.decide(officer(staffWith(d, "RECEIVER")), d.id(), "receive", "", d.lockVersion());
        d = decisions.decide(officer(staffWith(d, "HANDLER")), d.id(), "process", "", d.lockVersion());
        assertThat(toldTo(partner, dossier.id())).as("receiving and processing ask nothing of the partner")
                .extracting(Told::kind).containsExactly("AWAITING_PARTY");
        d = decisions.decide(officer(staffWith(d, "APPROVER")), d.id(), "approve", "", d.lockVersion());
        d = decisions.decide(officer(staffWith(d, "RECEIVER")), d.id(), "return-result", "", d.lockVersion());
        assertThat(d.state()).isEqualTo("returned");

        List<Told> told = toldTo(partner, dossier.id());
        assertThat(told).extracting(Told::kind).containsExactly("AWAITING_PARTY", "CONFIRMED_COMPLETED", "CONFIRMED_RETURNED");
        assertThat(told.subList(1, 3)).allSatisfy(t -> {
            assertThat(t.link()).isEqualTo(page);
            assertThat(t.mailTo()).isEqualTo(partnerMail).isNotEqualTo(APPLICANT_MAIL);
            assertThat(t.body()).contains(dossier.receiptCode(), "Đăng ký kết hôn", "mà bạn đã đồng ý",
                            "http://127.0.0.1:8080" + page, "that you agreed to")
                    .as("nothing of the filer's").doesNotContain(APPLICANT_MAIL, APPLICANT_PHONE, dossier.applicantName());
        });
        assertThat(told.get(1).subject()).isEqualTo("Hồ sơ " + dossier.receiptCode() + " mà bạn đã đồng ý đã được giải quyết"
                + " / Dossier " + dossier.receiptCode() + " that you agreed to has been completed");
        assertThat(told.get(2).subject()).isEqualTo("Đã trả kết quả hồ sơ " + dossier.receiptCode() + " mà bạn đã đồng ý"
                + " / Result of dossier " + dossier.receiptCode() + " that you agreed to handed over");
        assertThat(toldTo(filer, dossier.id())).as("the filer is told as before").extracting(Told::kind)
                .containsExactly("RECEIVED", "COMPLETED", "RETURNED");

        for (String lang : List.of("vi", "en")) {
            assertThat(mvc.perform(get("/my/notifications").param("lang", lang).with(authentication(login(partner))))
                    .andReturn().getResponse().getContentAsString()).contains(lang.equals("vi")
                    ? "Hồ sơ " + dossier.receiptCode() + " mà bạn đã đồng ý đã được giải quyết"
                    : "Dossier " + dossier.receiptCode() + " that you agreed to has been completed")
                    .doesNotContain(dossier.applicantName(), APPLICANT_PHONE);
        }
    }

    @Test
    void thePartnerWhoConfirmedIsToldOfARefusalAndOfAStopWithoutTheReasonWrittenToTheFiler() {
        PortalUser filer = citizen(single("M", 148, false), 2);
        PortalUser partner = citizen(single("F", 148, true), 2);
        Dossier refused = fileMarriage(filer, partner);
        Dossier d = decisions.act(partner, refused.id(), "confirm", "", refused.lockVersion());
        d = decisions.decide(officer(staffWith(d, "RECEIVER")), d.id(), "refuse", "Giấy xác nhận của anh Nam đã hết hạn.",
                d.lockVersion());
        assertThat(d.state()).isEqualTo("refused");
        assertThat(toldTo(partner, refused.id())).extracting(Told::kind).containsExactly("AWAITING_PARTY", "CONFIRMED_REFUSED");
        assertThat(toldTo(partner, refused.id()).get(1)).satisfies(t -> {
            assertThat(t.subject()).isEqualTo("Hồ sơ " + refused.receiptCode() + " mà bạn đã đồng ý bị từ chối tiếp nhận"
                    + " / Dossier " + refused.receiptCode() + " that you agreed to was refused at intake");
            assertThat(t.body()).contains(refused.receiptCode(), "Đăng ký kết hôn")
                    .doesNotContain("hết hạn", "anh Nam", APPLICANT_MAIL, APPLICANT_PHONE, refused.applicantName());
        });
        assertThat(toldTo(filer, refused.id())).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo("REFUSED");
            assertThat(t.body()).contains("Giấy xác nhận của anh Nam đã hết hạn.");
        });

        PortalUser otherPartner = citizen(single("F", 149, true), 2);
        Dossier stopped = fileMarriage(filer, otherPartner);
        d = decisions.act(otherPartner, stopped.id(), "confirm", "", stopped.lockVersion());
        d = decisions.decide(officer(staffWith(d, "RECEIVER")), d.id(), "receive", "", d.lockVersion());
        d = decisions.decide(officer(staffWith(d, "APPROVER")), d.id(), "stop", "Bên nam khai sai nơi cư trú.", d.lockVersion());
        assertThat(d.state()).isEqualTo("stopped");
        assertThat(toldTo(otherPartner, stopped.id())).extracting(Told::kind)
                .containsExactly("AWAITING_PARTY", "CONFIRMED_STOPPED");
        assertThat(toldTo(otherPartner, stopped.id()).get(1).body()).contains(stopped.receiptCode(), "dừng xử lý")
                .doesNotContain("khai sai", "cư trú.", stopped.applicantName());
    }

    /**
     * Review finding: the timeline both citizens see labelled the partner's own "agree" as the applicant's step. Each
     * step is labelled by who took it: the partner's as the other party to the marriage, in Vietnamese and English.
     */
    @Test
    void theTimelineLabelsThePartnersOwnStepsAsThePartnersNotTheApplicants() throws Exception {
        PortalUser filer = citizen(single("M", 151, false), 2);
        PortalUser partner = citizen(single("F", 151, false), 2);
        Dossier dossier = fileMarriage(filer, partner);
        decisions.act(partner, dossier.id(), "confirm", "", dossier.lockVersion());
        String page = "/my/dossiers/" + dossier.id();
        for (PortalUser reader : List.of(filer, partner)) {
            String vi = mvc.perform(get(page).with(authentication(login(reader)))).andReturn().getResponse()
                    .getContentAsString();
            assertThat(actorOf(vi, "submit")).isEqualTo("Người nộp hồ sơ");
            assertThat(actorOf(vi, "confirm")).isEqualTo("Bên kết hôn còn lại");
            String en = mvc.perform(get(page).param("lang", "en").with(authentication(login(reader)))).andReturn()
                    .getResponse().getContentAsString();
            assertThat(actorOf(en, "submit")).isEqualTo("Applicant");
            assertThat(actorOf(en, "confirm")).isEqualTo("The other party to the marriage");
        }
        String officers = mvc.perform(get("/officer/dossiers/" + dossier.id())
                        .with(authentication(login(officer(staffWith(dossier, "RECEIVER")))))).andReturn().getResponse()
                .getContentAsString();
        assertThat(actorOf(officers, "confirm")).isEqualTo("Bên kết hôn còn lại");

        // A declining partner's step too.
        PortalUser other = citizen(single("F", 152, false), 2);
        Dossier declined = fileMarriage(filer, other);
        decisions.act(other, declined.id(), "decline", "", declined.lockVersion());
        String html = mvc.perform(get("/my/dossiers/" + declined.id()).with(authentication(login(filer)))).andReturn()
                .getResponse().getContentAsString();
        assertThat(actorOf(html, "decline")).isEqualTo("Bên kết hôn còn lại");
    }

    /** The actor's label on the timeline's line of this event. */
    private static String actorOf(String html, String event) {
        java.util.regex.Matcher step = java.util.regex.Pattern.compile("class=\"timeline-item\" data-event=\"" + event
                + "\".*?class=\"timeline-actor\">\\s*<span>([^<]*)</span>", java.util.regex.Pattern.DOTALL).matcher(html);
        assertThat(step.find()).as("the timeline has a step " + event).isTrue();
        return step.group(1).strip();
    }

    private Dossier fileMarriage(PortalUser filer, PortalUser partner) {
        Map<String, String> answers = new HashMap<>(Map.of("phone", APPLICANT_PHONE, "email", APPLICANT_MAIL,
                "partner", partner.subject(), Filing.confirmationOf("partner"), partner.subject(),
                "voluntaryDeclaration", "true"));
        Filing.Outcome outcome = filing.submit(filer, catalog.find("marriage-registration").orElseThrow(),
                UUID.randomUUID(), answers);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Filing.Submitted.class);
        Dossier dossier = ((Filing.Submitted) outcome).dossier();
        assertThat(dossier.state()).isEqualTo("awaiting-partner");
        return dossier;
    }

    /** A single adult with a permanent residence, free for tests, with or without an e-mail address in the register. */
    private String single(String sex, int offset, boolean withMail) {
        return handOut("""
                        select p.id_number from population.person p
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        where p.marital_status = 'SINGLE' and p.sex = ?
                          and p.birth_date between current_date - interval '40 years' and current_date - interval '22 years'
                          and (p.email is not null) = ? and """ + FREE + " order by p.id_number", offset, sex, withMail);
    }
}
