package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.gov.portal.PortalIntegrationTest;

/** Controllers are found by their path first, with Spring MVC's answers kept for a wrong method or an unknown path. */
class PathFirstHandlerMappingTest extends PortalIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    java.util.List<org.springframework.web.servlet.HandlerMapping> mappings;

    @Test
    void thePortalsMappingChecksPathsFirstAndIsAskedFirst() {
        assertThat(mapping).isInstanceOf(PathFirstHandlerMapping.Mapping.class);
        // in the DispatcherServlet's order, which an injected list of ordered beans follows
        assertThat(mappings).first().isSameAs(mapping);
        assertThat(mappings.stream().map(m -> m.getClass().getSimpleName()))
                .contains("WebMvcEndpointHandlerMapping");
    }

    @Test
    void actuatorStillAnswersItsEndpoints() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(post("/actuator/health").with(csrf())).andExpect(status().isMethodNotAllowed());
    }

    @Test
    void aPathWithAVariableReachesItsControllerAndAWrongMethodIsStill405() throws Exception {
        mvc.perform(get("/procedures/temporary-residence")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Đăng ký tạm trú")));
        mvc.perform(post("/procedures/temporary-residence").with(csrf())).andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", Matchers.containsString("GET")));
        mvc.perform(get("/my/dossiers/" + java.util.UUID.randomUUID() + "/no-such-page")
                .with(authentication(login(citizen(freeAdult(2250), 2))))).andExpect(status().isNotFound());
    }
}
