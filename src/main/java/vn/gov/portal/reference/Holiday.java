package vn.gov.portal.reference;

import java.time.LocalDate;
import java.util.Locale;

/** A day off on a weekday: a public holiday or a compensatory day off. */
public record Holiday(LocalDate day, String nameVi, String nameEn) {

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameVi;
    }
}
