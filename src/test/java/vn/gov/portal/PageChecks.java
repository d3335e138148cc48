package vn.gov.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks of a page's markup that many pages share, on the HTML as MockMvc receives it. */
public final class PageChecks {

    private static final Pattern SCROLL_BOX = Pattern.compile("<div\\b[^>]*class=\"table-scroll[^\"]*\"[^>]*>");
    private static final Pattern LABELLED_BY = Pattern.compile("aria-labelledby=\"([^\"]+)\"");
    private static final Pattern HEADING = Pattern.compile("<h([1-6])\\b[^>]*>");

    private PageChecks() {
    }

    /**
     * A table wider than a phone scrolls inside its own box (.table-scroll), which a keyboard must be able to reach
     * and scroll (tabindex 0) and a screen reader must name (a region labelled by the table's caption or heading).
     * Every such box of the page is one; the page has at least one.
     */
    public static void scrollingTablesAreNamedRegions(String html) {
        Matcher box = SCROLL_BOX.matcher(html);
        int boxes = 0;
        while (box.find()) {
            boxes++;
            String tag = box.group();
            assertThat(tag).as("scrolling box").contains("tabindex=\"0\"", "role=\"region\"");
            Matcher label = LABELLED_BY.matcher(tag);
            if (label.find()) {
                assertThat(html).as("the element naming " + tag).contains("id=\"" + label.group(1) + "\"");
            } else {
                assertThat(tag).as("scrolling box").contains("aria-label=\"");
            }
        }
        assertThat(boxes).as("scrolling boxes on the page").isPositive();
    }

    /** Headings go down one level at a time (h1, h2, h3), as screen-reader users navigate by them. */
    public static void headingsSkipNoLevel(String html) {
        Matcher heading = HEADING.matcher(html);
        int level = 0;
        while (heading.find()) {
            int next = Integer.parseInt(heading.group(1));
            assertThat(next).as("heading " + heading.group() + " after an h" + level).isLessThanOrEqualTo(level + 1);
            level = next;
        }
        assertThat(level).as("headings on the page").isPositive();
    }

    /**
     * A refused staff form came back on its page (422, not a redirect): the error summary links to the input with
     * this id, which is marked invalid and described by its message (a group of checkboxes: its fieldset is), and
     * the page's forms are checked by the server only (no required or pattern for the browser to enforce). Returns
     * the page.
     */
    public static String shownAgainWithProblemAt(org.springframework.test.web.servlet.MvcResult result, String inputId)
            throws java.io.UnsupportedEncodingException {
        assertThat(result.getResponse().getStatus()).isEqualTo(422);
        assertThat(result.getResponse().getRedirectedUrl()).isNull();
        String page = result.getResponse().getContentAsString();
        assertThat(page).contains("id=\"error-summary\"", "href=\"#" + inputId + "\"", "id=\"" + inputId + "-error\"");
        String input = page.substring(page.indexOf("id=\"" + inputId + "\""));
        assertThat(input.substring(0, input.indexOf('>'))).contains("aria-invalid=\"true\"");
        // The input, or the fieldset of a group of checkboxes, is described by the message.
        assertThat(page).containsPattern("aria-describedby=\"([^\"]+ )?" + inputId + "-error\"");
        assertThat(page).as("checked by the server only").contains("novalidate")
                .doesNotContainPattern("\\srequired[\\s>=]|\\spattern=");
        return page;
    }
}
