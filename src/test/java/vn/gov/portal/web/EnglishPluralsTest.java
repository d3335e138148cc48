package vn.gov.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** English counts agree with their nouns ("1 hour", "2 hours"); Vietnamese has no plural and stays as it is. */
class EnglishPluralsTest {

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    EnglishPluralsTest() {
        messages.setBasename("messages");   // as application.yml's spring.messages
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
    }

    private String en(String code, Object... args) {
        return messages.getMessage(code, args, Locale.ENGLISH);
    }

    @Test
    void deadlinesRatingsAndProblemsSayOneInTheSingular() {
        assertThat(en("procedure.hours", 1)).isEqualTo("1 hour");
        assertThat(en("procedure.hours", 16)).isEqualTo("16 hours");
        assertThat(en("procedure.calendarDays", 1)).isEqualTo("1 day");
        assertThat(en("procedure.calendarDays", 20)).isEqualTo("20 days");
        assertThat(en("statistics.ratings.stars", 1)).isEqualTo("1 star");
        assertThat(en("statistics.ratings.stars", 5)).isEqualTo("5 stars");
        assertThat(en("adminProcedures.problems", 1)).isEqualTo("The definition has 1 problem and cannot be published yet");
        assertThat(en("adminProcedures.problems", 3)).isEqualTo("The definition has 3 problems and cannot be published yet");
        assertThat(messages.getMessage("procedure.hours", new Object[] {1}, Locale.forLanguageTag("vi"))).isEqualTo("1 giờ");
    }

    @Test
    void rateLimitsCountApplicationsFilesAndMinutesInTheRightNumber() {
        assertThat(en("limits.submissions", 1, 1L, 1L)).startsWith(
                "You have submitted 1 application in the last minute, which is the most allowed. Please try again in about 1 minute.");
        assertThat(en("limits.submissions", 10, 60L, 7L)).startsWith(
                "You have submitted 10 applications in the last 60 minutes, which is the most allowed. Please try again in about 7 minutes.");
        assertThat(en("limits.uploads", 1, 1L, 1L)).startsWith(
                "You have uploaded 1 file in the last minute, which is the most allowed. Please try again in about 1 minute.");
        assertThat(en("limits.uploads", 40, 10L, 2L)).startsWith(
                "You have uploaded 40 files in the last 10 minutes, which is the most allowed. Please try again in about 2 minutes.");
    }
}
