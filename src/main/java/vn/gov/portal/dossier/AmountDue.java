package vn.gov.portal.dossier;

import java.util.regex.Pattern;

/**
 * The amount due an officer types when confirming it ({@code setsAmount}): whole đồng, digits alone or grouped by
 * threes with dots, commas or spaces as people write money ("4.000.000"), more than 0 and at most {@link #MAX_VND}.
 */
final class AmountDue {

    /** The request parameter of the amount in the officer's decision form. */
    static final String PARAMETER = "amountDue";
    /** The highest fixed fine of the Law on Handling Administrative Violations (an organisation's): beyond is a slip. */
    static final long MAX_VND = 2_000_000_000L;

    private static final Pattern WRITTEN = Pattern.compile("\\d+|\\d{1,3}([., ]\\d{3})+");

    private AmountDue() {
    }

    /** The amount in đồng, or the refusal the form shows at the amount's input. */
    static long parse(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw UserFacingException.refused("amountDue.required").at(PARAMETER);
        }
        if (!WRITTEN.matcher(text).matches()) {
            throw UserFacingException.refused("amountDue.notWholeNumber").at(PARAMETER);
        }
        String digits = text.replaceAll("[., ]", "").replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 12 || Long.parseLong(digits) > MAX_VND) {
            throw UserFacingException.refused("amountDue.tooLarge", MAX_VND).at(PARAMETER);
        }
        long amount = Long.parseLong(digits);
        if (amount <= 0) {
            throw UserFacingException.refused("amountDue.notPositive").at(PARAMETER);
        }
        return amount;
    }
}
