package vn.gov.portal.attachment;

/**
 * Looks at a file before it is stored. {@link AcceptingVirusScanner} is used unless a ClamAV daemon is configured
 * ({@code PORTAL_CLAMAV_HOST}, see docs/operations.md), in which case {@link ClamdVirusScanner} asks it.
 */
public interface VirusScanner {

    /** Clean, or what was found. */
    record Verdict(boolean clean, String finding) {
        public static Verdict ok() {
            return new Verdict(true, null);
        }

        public static Verdict infected(String finding) {
            return new Verdict(false, finding);
        }
    }

    /** Thrown when the scanner cannot answer: the upload is refused (fail closed), the citizen may try again. */
    class ScannerUnavailableException extends RuntimeException {
        public ScannerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Verdict scan(byte[] content);
}
