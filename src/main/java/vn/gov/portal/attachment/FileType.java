package vn.gov.portal.attachment;

import java.util.Arrays;
import java.util.Optional;

/** The only kinds of file the portal takes: what a scanner or a phone camera produces. */
public enum FileType {
    PDF("application/pdf", ".pdf"),
    PNG("image/png", ".png"),
    JPEG("image/jpeg", ".jpg", ".jpeg");

    private final String mediaType;
    private final String[] extensions;

    FileType(String mediaType, String... extensions) {
        this.mediaType = mediaType;
        this.extensions = extensions;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The extension a file of this type is saved with when its name has none of ours. */
    public String extension() {
        return extensions[0];
    }

    public boolean isExtensionOf(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(extensions).anyMatch(lower::endsWith);
    }

    public static Optional<FileType> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter(t -> t.mediaType.equals(mediaType)).findFirst();
    }
}
