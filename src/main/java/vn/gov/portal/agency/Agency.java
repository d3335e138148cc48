package vn.gov.portal.agency;

import java.util.Locale;

public record Agency(long id, String unitCode, String kind, String nameVi, String nameEn, String provinceCode,
                     String communeCode) {

    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameVi;
    }
}
