package vn.gov.portal.catalog;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as search compares it: without Vietnamese diacritics ("Đăng ký" and "dang ky" are the same), lower case, cut
 * into words. People type without marks on many keyboards, so a search must never depend on them.
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchText() {
    }

    /** "Đăng ký tạm trú (CT01)" → "dang ky tam tru ct01". */
    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        // đ/Đ is a letter of its own, not d with a mark: NFD leaves it alone.
        String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        String folded = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(folded).replaceAll(" ").strip();
    }

    /** The folded words of a text, in order. */
    public static List<String> words(String text) {
        String folded = fold(text);
        return folded.isEmpty() ? List.of() : Arrays.asList(folded.split(" "));
    }
}
