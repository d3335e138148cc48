package vn.gov.portal.reference;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A day off on a weekday (a public holiday or a compensatory day off) or, {@code working}, a Saturday or Sunday worked
 * in lieu of a swapped day off.
 */
public record Holiday(LocalDate day, String nameVi, String nameEn, boolean working) {

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameVi;
    }
}
