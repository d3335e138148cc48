package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Definition problems are message keys: shown in the editor's language, English in logs. */
class DefinitionProblemMessagesTest {

    private static final String PREFIX = "definition.problem.";
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");

    private final DefinitionParser parser = new DefinitionParser(Set.of(), Set.of());


    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DefinitionProblemMessagesTest.class.getResourceAsStream("/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> problemKeys(Properties bundle) {
        Set<String> keys = new TreeSet<>();
        bundle.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX)).forEach(keys::add);
        return keys;
    }

    private static int placeholders(String pattern) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        int count = 0;
        while (m.find()) {
            count = Math.max(count, Integer.parseInt(m.group(1)) + 1);
        }
        return count;
    }

    @Test
    void everyProblemHasATextInBothLanguages() throws IOException {
        Set<String> english = problemKeys(bundle("messages_en.properties"));
        Set<String> vietnamese = problemKeys(bundle("messages.properties"));
        assertThat(english).isNotEmpty().isEqualTo(vietnamese);
    }

    @Test
    void theEnglishTextIsTheMessageSourcesAndEveryArgumentShowsInBothLanguages() throws IOException {
        Properties english = bundle("messages_en.properties");
        ResourceBundleMessageSource messages = TestMessages.source();
        for (String code : problemKeys(english)) {
            Object[] args = IntStream.range(0, placeholders(english.getProperty(code))).mapToObj(i -> "arg" + i)
                    .toArray();
            DefinitionProblem problem = DefinitionProblem.of("x.yaml", 0, code.substring(PREFIX.length()), args);
            assertThat(messages.getMessage(code, problem.params(), Locale.ENGLISH)).as(code)
                    .isEqualTo(problem.message());
            // A quote left single would swallow a placeholder (MessageFormat) or show doubled (no arguments).
            String vietnamese = messages.getMessage(code, problem.params(), VIETNAMESE);
            for (Object arg : args) {
                assertThat(vietnamese).as(code).contains((String) arg);
            }
            assertThat(List.of(vietnamese, problem.message())).as(code)
                    .noneMatch(text -> text.contains("''") || text.contains("{"));
        }
    }

    @Test
    void aParsedProblemReadsInVietnameseByDefaultAndAsBeforeInEnglish() throws IOException {
        String yaml = Files.readString(Path.of("workflows/temporary-residence.yaml"))
                .replace("lifeEvent: residence", "lifeEvent: housing");
        DefinitionProblem problem = parser.parse("broken.yaml", yaml).problems().get(0);
        assertThat(problem.key()).isEqualTo("lifeEventUnknown");
        assertThat(problem.message()).startsWith("lifeEvent 'housing' is not one of birth, family, residence");
        assertThat(problem.toString()).startsWith("broken.yaml:").endsWith(": " + problem.message());

        ResourceBundleMessageSource messages = TestMessages.source();
        assertThat(messages.getMessage(PREFIX + problem.key(), problem.params(), VIETNAMESE))
                .startsWith("lifeEvent 'housing' không thuộc các giá trị birth, family, residence");
        assertThat(messages.getMessage(PREFIX + problem.key(), problem.params(), Locale.ENGLISH))
                .isEqualTo(problem.message());
    }

    @Test
    void problemsWithoutArgumentsKeepTheirQuotes() {
        DefinitionProblem problem = DefinitionProblem.of("x.yaml", 3, "notBeforeToday");
        assertThat(problem.toString()).isEqualTo("x.yaml:3: notBefore supports only 'today'");
        assertThat(TestMessages.source().getMessage(PREFIX + problem.key(), problem.params(), VIETNAMESE))
                .isEqualTo("notBefore chỉ nhận giá trị 'today'");
        assertThat(problem.args()).isEqualTo(List.of());
    }
}
