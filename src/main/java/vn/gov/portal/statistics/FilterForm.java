package vn.gov.portal.statistics;

/** The filter as typed (months as yyyy-MM, a procedure code, an agency's unit code), shown back in the form. */
public record FilterForm(String from, String to, String procedure, String agency) {

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
