package vn.gov.portal.attachment;

import java.util.Optional;

/**
 * Tells a file's type from its bytes, never from its name or the browser's Content-Type (both are the sender's
 * claim). A file must start with its type's signature and end with its end marker, so a renamed program or text is
 * refused, and so is a file cut short by a broken upload.
 */
public final class ContentTypeDetector {

    private static final byte[] PDF_START = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PDF_END = {'%', '%', 'E', 'O', 'F'};
    private static final byte[] PNG_START = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PNG_IHDR = {'I', 'H', 'D', 'R'};
    private static final byte[] PNG_END = {'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};
    private static final byte[] JPEG_START = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] JPEG_END = {(byte) 0xff, (byte) 0xd9};
    /** PDF readers accept "%%EOF" within the last 1024 bytes (ISO 32000-1, 7.5.5, implementation note). */
    private static final int PDF_TAIL = 1024;
    /** Some cameras and editors pad after the end marker; a little slack keeps those files. */
    private static final int IMAGE_TAIL = 64;

    private ContentTypeDetector() {
    }

    public static Optional<FileType> detect(byte[] content) {
        if (content == null) {
            return Optional.empty();
        }
        if (startsWith(content, PDF_START) && endsWithin(content, PDF_END, PDF_TAIL)) {
            return Optional.of(FileType.PDF);
        }
        // The IHDR chunk must come first in a PNG (bytes 12-15, after its length).
        if (startsWith(content, PNG_START) && content.length >= 33 && matchesAt(content, 12, PNG_IHDR)
                && endsWithin(content, PNG_END, IMAGE_TAIL)) {
            return Optional.of(FileType.PNG);
        }
        if (startsWith(content, JPEG_START) && content.length > 4 && endsWithin(content, JPEG_END, IMAGE_TAIL)) {
            return Optional.of(FileType.JPEG);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, byte[] signature) {
        return content.length >= signature.length && matchesAt(content, 0, signature);
    }

    /** Whether the marker occurs in the last {@code tail} bytes (the marker's own length included). */
    private static boolean endsWithin(byte[] content, byte[] marker, int tail) {
        int from = Math.max(0, content.length - tail - marker.length);
        for (int i = content.length - marker.length; i >= from; i--) {
            if (matchesAt(content, i, marker)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(byte[] content, int offset, byte[] expected) {
        if (offset < 0 || offset + expected.length > content.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (content[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
