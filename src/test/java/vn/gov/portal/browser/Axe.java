package vn.gov.portal.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core, the accessibility engine, run inside the page under test. The script is Deque's own build, taken from the
 * com.deque.html.axe-core:selenium jar (axe-core has no WebJar on Maven Central); only the script is used, so none of
 * that jar's dependencies come along. Serious and critical violations of WCAG 2.1 A/AA rules are reported.
 */
final class Axe {

    private static final String SOURCE = load();

    private static final String RUN = """
            var done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                                resultTypes: ['violations'] })
              .then(function (r) {
                done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                  .map(function (v) {
                    return v.id + ' (' + v.impact + '): ' + v.help + ' — at ' + v.nodes.slice(0, 5).map(function (n) {
                      return n.target.join(' ');
                    }).join(', ') + ' — ' + (v.nodes[0].failureSummary || '').replace(/\s+/g, ' ').slice(0, 300);
                  }));
              })
              .catch(function (e) { done(['axe could not run: ' + e]); });
            """;

    private Axe() {
    }

    /** The serious and critical violations on the page now shown, one line each. */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(JavascriptExecutor page) {
        page.executeScript(SOURCE);
        return (List<String>) page.executeAsyncScript(RUN);
    }

    private static String load() {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
