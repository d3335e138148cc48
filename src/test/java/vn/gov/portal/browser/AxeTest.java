package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The accessibility check the browser journeys rely on does find problems: a page with known faults. */
class AxeTest {

    @Test
    void findsAnImageWithoutTextAndAFieldWithoutLabel() {
        try (Browser browser = new Browser()) {
            browser.open("data:text/html;charset=utf-8,<html lang='vi'><head><title>t</title></head><body><main>"
                    + "<img src='x.png'><input type='text'></main></body></html>");
            assertThat(Axe.seriousViolations(browser.driver))
                    .anySatisfy(v -> assertThat(v).startsWith("image-alt"))
                    .anySatisfy(v -> assertThat(v).startsWith("label"));
        }
    }
}
