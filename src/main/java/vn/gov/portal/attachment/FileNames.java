package vn.gov.portal.attachment;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The name a citizen's file had on their computer, made safe to show and to offer back as a download name. It is
 * never used as a path: the file is stored under its attachment id.
 */
final class FileNames {

    static final int MAX_LENGTH = 120;

    private FileNames() {
    }

    /**
     * Keeps the last path segment (browsers on Windows used to send "C:\...\scan.pdf"), drops control and
     * path-like characters, and makes the extension match the detected type, so a PDF named "x.exe" downloads as a
     * PDF.
     */
    static String sanitise(String original, FileType type) {
        String name = original == null ? "" : Normalizer.normalize(original, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().forEach(c -> {
            boolean control = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
            kept.appendCodePoint(control || "<>:\"|?*".indexOf(c) >= 0 ? ' ' : c);
        });
        name = kept.toString().replaceAll("\\s+", " ").strip();
        while (name.startsWith(".")) {
            name = name.substring(1).strip();
        }
        if (!type.isExtensionOf(name)) {
            int dot = name.lastIndexOf('.');
            // "giay to.exe" becomes "giay to.pdf"; a dot inside a name ("CMND 2.1") is kept
            if (dot > 0 && name.length() - dot <= 5) {
                name = name.substring(0, dot);
            }
            name = name + type.extension();
        }
        // the name now ends with one of the type's extensions
        String extension = name.substring(name.lastIndexOf('.'));
        String base = name.substring(0, name.length() - extension.length()).strip();
        if (base.isBlank()) {
            base = "tep-dinh-kem";
        }
        int room = MAX_LENGTH - extension.length();
        if (base.codePointCount(0, base.length()) > room) {
            base = base.substring(0, base.offsetByCodePoints(0, room)).strip();
        }
        return base + extension;
    }

    /**
     * A Content-Disposition header offering the file as a download (never shown inline): an ASCII name for old
     * clients and the exact UTF-8 name in RFC 5987 form, e.g. {@code filename*=UTF-8''Gi%E1%BA%A5y...}.
     */
    static String contentDisposition(String fileName) {
        return "attachment; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + rfc5987(fileName);
    }

    /** Vietnamese without diacritics ("Giấy chứng sinh" -> "Giay chung sinh"), anything else outside a-z0-9 as "_". */
    static String asciiFallback(String fileName) {
        String folded = Normalizer.normalize(fileName.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        StringBuilder ascii = new StringBuilder();
        for (char c : folded.toCharArray()) {
            ascii.append(c < 128 && (Character.isLetterOrDigit(c) || "._- ()".indexOf(c) >= 0) ? c : '_');
        }
        return ascii.toString();
    }

    /** RFC 5987 attr-char stays, every other UTF-8 byte is %XX. */
    static String rfc5987(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
