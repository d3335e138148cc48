package vn.gov.portal.forms;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The public code printed on an issued document: 16 characters of Crockford's base32 in four groups
 * ({@code 7KQ2-M9XD-4TPA-J3HV}), 80 random bits. No I, L, O or U, so it reads aloud and types without mix-ups;
 * typed input is forgiving (lower case, spaces, O for 0, I/L for 1).
 *
 * <p>Why no rate limit on the public verify page: with 2^80 possible codes, even 10^9 issued documents leave one
 * chance in 10^15 per guess, so enumerating codes is hopeless at any request rate the server can answer.
 */
public final class VerificationCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VerificationCode() {
    }

    static String random() {
        StringBuilder code = new StringBuilder(LENGTH + 3);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The canonical form of what someone typed, or empty if it cannot be a code. */
    public static Optional<String> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder chars = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == ' ' || c == '-') {
                continue;
            }
            char read = c == 'O' ? '0' : (c == 'I' || c == 'L') ? '1' : c;
            if (ALPHABET.indexOf(read) < 0 || chars.length() == LENGTH) {
                return Optional.empty();
            }
            chars.append(read);
        }
        if (chars.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 12; i > 0; i -= 4) {
            chars.insert(i, '-');
        }
        return Optional.of(chars.toString());
    }
}
