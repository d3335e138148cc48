package vn.gov.portal.catalog;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A problem found in a definition file, with the line it is on (0 when the whole file is concerned). The text is
 * the message {@code definition.problem.<key>} of the bundles, so the editor shows it in the user's language;
 * {@link #message()} is the English text, for logs and the start-up failure.
 */
public record DefinitionProblem(String source, int line, String key, List<String> args) {

    /** The English bundle, read once; never the machine's locale instead (as spring.messages says). */
    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle("messages", Locale.ENGLISH,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    public DefinitionProblem {
        args = List.copyOf(args);
    }

    /** A problem whose text is {@code definition.problem.<key>} filled with {@code args} (kept as text). */
    static DefinitionProblem of(String source, int line, String key, Object... args) {
        return new DefinitionProblem(source, line, key, Arrays.stream(args).map(String::valueOf).toList());
    }

    /** The English text, formatted as Spring's message source does: through MessageFormat only with arguments. */
    public String message() {
        String pattern = ENGLISH.getString("definition.problem." + key);
        return args.isEmpty() ? pattern : new MessageFormat(pattern, Locale.ENGLISH).format(args.toArray());
    }

    /** The arguments as Thymeleaf's {@code #messages.msgWithParams} takes them. */
    public Object[] params() {
        return args.toArray();
    }

    @Override
    public String toString() {
        return source + (line > 0 ? ":" + line : "") + ": " + message();
    }
}
