package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.gov.portal.PortalIntegrationTest;

/** Errors tell the user what to do and nothing about the inside; the logs keep ID numbers and tokens out. */
class ErrorsAndLogsTest extends PortalIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aForcedServerErrorShowsNoStackTraceNorInternals() throws Exception {
        // The container forwards an unhandled exception to /error with these attributes.
        IllegalStateException failure = new IllegalStateException(
                "relation \"population.person\" does not exist: select id_number from population.person");
        String page = mvc.perform(get("/error")
                        .requestAttr("jakarta.servlet.error.status_code", 500)
                        .requestAttr("jakarta.servlet.error.exception", failure)
                        .requestAttr("jakarta.servlet.error.message", failure.getMessage())
                        .requestAttr("jakarta.servlet.error.request_uri", "/my/dossiers")
                        .accept(org.springframework.http.MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"error-500\"")
                .doesNotContain("population.person", "IllegalStateException", "Exception", "at vn.gov", "at org.",
                        "/my/dossiers");
        // the JSON answer (for scripts) is as quiet
        String json = mvc.perform(get("/error")
                        .requestAttr("jakarta.servlet.error.status_code", 500)
                        .requestAttr("jakarta.servlet.error.exception", failure)
                        .requestAttr("jakarta.servlet.error.message", failure.getMessage())
                        .accept(org.springframework.http.MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getContentAsString();
        assertThat(json).doesNotContain("population.person", "IllegalStateException", "trace");
    }

    @Test
    void aMalformedIdIsAPlainBadRequestPage() throws Exception {
        var response = mvc.perform(get("/my/dossiers/1-OR-1").param("page", "x' OR 1=1")
                        .with(authentication(login(citizen(freeAdult(1870), 2)))))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("id=\"problem-message\"")
                .doesNotContain("1-OR-1", "MethodArgumentTypeMismatch", "UUID", "Exception");
    }

    @Test
    void theConsoleLogMasksIdNumbersAndCredentials() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // the configured console appender's own layout, as logback-spring.xml set it up
        Appender<ILoggingEvent> console = root.getAppender("CONSOLE");
        assertThat(console).as("the console appender of logback-spring.xml").isNotNull();
        var layout = ((LayoutWrappingEncoder<ILoggingEvent>) ((OutputStreamAppender<ILoggingEvent>) console).getEncoder())
                .getLayout();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger - %msg | %m | %message%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
        capture.setContext(context);
        capture.setEncoder(encoder);
        capture.setOutputStream(captured);
        capture.start();
        Logger logger = context.getLogger("vn.gov.portal.test.masking");
        logger.addAppender(capture);
        StringBuilder consoleLines = new StringBuilder();
        Appender<ILoggingEvent> viaConsoleLayout = new ch.qos.logback.core.AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                consoleLines.append(layout.doLayout(event));
            }
        };
        viaConsoleLayout.setContext(context);
        viaConsoleLayout.start();
        logger.addAppender(viaConsoleLayout);
        try {
            logger.info("Hồ sơ của công dân {} (bên kia 079203004512), mã 1234567890123; Bearer eyJhbGciOi.abc.def "
                    + "access_token=s3cr3t&vnp_SecureHash=abcdef0123", "001234567890");
            logger.warn("failed", new IllegalStateException("no dossier of 038190001234 with token=zzz999"));
        } finally {
            logger.detachAppender(capture);
            logger.detachAppender(viaConsoleLayout);
            capture.stop();
        }
        String line = captured.toString(StandardCharsets.UTF_8);
        // the console's stack trace (%wEx) is masked as well
        String consoleText = consoleLines.toString();
        assertThat(consoleText).contains("038*******34", "token=***", "at vn.gov.portal.web.ErrorsAndLogsTest")
                .doesNotContain("038190001234", "zzz999");
        for (String logged : new String[] {line, consoleText}) {
            assertThat(logged).contains("001*******90", "079*******12", "1234567890123", "Bearer ***",
                            "access_token=***", "vnp_SecureHash=***")
                    .doesNotContain("001234567890", "079203004512", "eyJhbGciOi", "s3cr3t", "abcdef0123");
        }
    }

    @Test
    void theMaskingKeepsOrdinaryText() {
        assertThat(MaskedMessageConverter.mask("Đã nhận hồ sơ H01.12-261123-0001 lúc 10:15, 3 tệp"))
                .isEqualTo("Đã nhận hồ sơ H01.12-261123-0001 lúc 10:15, 3 tệp");
        assertThat(MaskedMessageConverter.mask("id=001234567890.")).isEqualTo("id=001*******90.");
    }
}
