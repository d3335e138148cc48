package vn.gov.portal.admin;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.gov.devstack.DemoData;
import vn.gov.portal.PortalIntegrationTest;

/** What the reference-data tests share: requests as the demo admin, and reading the audit entries they write. */
abstract class ReferenceTestSupport extends PortalIntegrationTest {

    @Autowired
    protected MockMvc mvc;

    protected ResultActions adminGet(String url, String... params) throws Exception {
        return mvc.perform(withParams(get(url), params).with(authentication(login(officer(DemoData.ADMIN), true))));
    }

    protected ResultActions adminPost(String url, String... params) throws Exception {
        return mvc.perform(withParams(post(url), params).with(csrf())
                .with(authentication(login(officer(DemoData.ADMIN), true))));
    }

    protected ResultActions adminGetEn(String url) throws Exception {
        return mvc.perform(get(url).param("lang", "en").with(authentication(login(officer(DemoData.ADMIN), true))));
    }

    private static MockHttpServletRequestBuilder withParams(MockHttpServletRequestBuilder request, String... params) {
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return request;
    }

    /** The number of audit entries of reference data about this subject, to prove a refusal wrote none. */
    protected long auditCount(String subjectType, String subjectId) {
        return jdbc.sql("select count(*) from audit_log where action like 'reference.%' and subject_type = ? and subject_id = ?")
                .params(subjectType, subjectId).query(Long.class).single();
    }

    /** The newest reference audit entry about the subject: action, actor and details (JSON text). */
    protected Map<String, Object> lastAudit(String subjectType, String subjectId) {
        return jdbc.sql("""
                        select action, actor, details::text as details from audit_log
                        where action like 'reference.%' and subject_type = ? and subject_id = ? order by id desc limit 1""")
                .params(subjectType, subjectId).query().singleRow();
    }
}
