package vn.gov.portal.catalog;

import java.util.Locale;

/** A text in Vietnamese and English; Vietnamese is the fallback. */
public record LocalizedText(String vi, String en) {

    public static final LocalizedText EMPTY = new LocalizedText("", "");

    public String in(Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        return english && en != null && !en.isBlank() ? en : vi;
    }

    public boolean isBlank() {
        return vi == null || vi.isBlank();
    }
}
