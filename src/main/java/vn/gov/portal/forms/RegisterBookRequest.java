package vn.gov.portal.forms;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.gov.portal.web.Messages;
import vn.gov.portal.web.Messages.FieldMessage;

/**
 * The period of a register book as typed (yyyy-MM-dd; this month so far when left empty), shown back in the form.
 * What cannot be read becomes a message linked to its field, and no book is read.
 */
record RegisterBookRequest(String agency, String fromText, String toText, LocalDate from, LocalDate to,
                           List<FieldMessage> problems) {

    static RegisterBookRequest read(String agency, String from, String to, LocalDate today, Messages messages,
                                    Locale locale) {
        String fromText = blank(from) ? today.withDayOfMonth(1).toString() : from.strip();
        String toText = blank(to) ? today.toString() : to.strip();
        List<FieldMessage> problems = new ArrayList<>();
        LocalDate fromDay = day(fromText, "from", problems, messages, locale);
        LocalDate toDay = day(toText, "to", problems, messages, locale);
        if (fromDay != null && toDay != null) {
            if (fromDay.isAfter(toDay)) {
                problems.add(new FieldMessage("to", messages.text("registerBook.error.order", null, locale)));
            } else if (ChronoUnit.DAYS.between(fromDay, toDay) >= RegisterBook.MAX_DAYS) {
                problems.add(new FieldMessage("to", messages.text("registerBook.error.tooLong",
                        new Object[] {RegisterBook.MAX_DAYS}, locale)));
            }
        }
        return new RegisterBookRequest(blank(agency) ? null : agency.strip(), fromText, toText, fromDay, toDay,
                List.copyOf(problems));
    }

    boolean valid() {
        return problems.isEmpty();
    }

    private static LocalDate day(String text, String field, List<FieldMessage> problems, Messages messages,
                                 Locale locale) {
        try {
            LocalDate day = LocalDate.parse(text);
            // A year the portal never had dossiers in is a typing slip; far ones would overflow the date arithmetic.
            if (day.getYear() >= 2000 && day.getYear() <= 2999) {
                return day;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(new FieldMessage(field, messages.text("registerBook.error.date", null, locale)));
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
