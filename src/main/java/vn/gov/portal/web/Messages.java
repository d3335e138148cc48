package vn.gov.portal.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import vn.gov.portal.catalog.LocalizedText;
import vn.gov.portal.dossier.FieldProblem;
import vn.gov.portal.dossier.UserFacingException;

/** Turns message codes from the services, whose arguments may be texts in two languages, into the user's language. */
@Component
public class Messages {

    /** An entry of an error summary: the field it links to and what to tell the user. */
    public record FieldMessage(String field, String text) implements java.io.Serializable {}

    private final MessageSource source;

    public Messages(MessageSource source) {
        this.source = source;
    }

    public String text(String code, Object[] args, Locale locale) {
        Object[] localized = args == null ? new Object[0]
                : Arrays.stream(args).map(a -> a instanceof LocalizedText t ? t.in(locale) : a).toArray();
        return source.getMessage(code, localized, code, locale);
    }

    public String of(UserFacingException e, Locale locale) {
        return text(e.code(), e.args(), locale);
    }

    /**
     * The problems' messages; in a repeated section the field's label in the message (or the definition's own text)
     * names the row, "Thời gian cư trú (Lần 2)", since every row's field has the same label.
     */
    public List<FieldMessage> of(List<FieldProblem> problems, Locale locale) {
        return problems.stream().map(p -> {
            String row = p.row() == null ? "" : " (" + text("form.row", new Object[] {p.row()}, locale) + ")";
            return new FieldMessage(p.field(), p.text() != null ? p.text().in(locale) + row
                    : text(p.code(), p.args().stream().map(a -> a instanceof LocalizedText label && p.row() != null
                            ? label.in(locale) + row : a).toArray(), locale));
        }).toList();
    }
}
