package vn.gov.portal.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The type comes from the bytes: real files are recognised, renamed and damaged ones are not. */
class ContentTypeDetectorTest {

    @Test
    void recognisesRealPdfPngAndJpegFiles() {
        assertThat(ContentTypeDetector.detect(TestFiles.pdf("Giấy chứng sinh"))).contains(FileType.PDF);
        assertThat(ContentTypeDetector.detect(TestFiles.png())).contains(FileType.PNG);
        assertThat(ContentTypeDetector.detect(TestFiles.jpeg())).contains(FileType.JPEG);
    }

    @Test
    void aProgramOrATextRenamedToPdfIsRefused() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[2] = (byte) 0x90;
        byte[] text = "Hợp đồng thuê nhà, bản đánh máy\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        assertThat(ContentTypeDetector.detect(exe)).isEmpty();
        assertThat(ContentTypeDetector.detect(text)).isEmpty();
        assertThat(ContentTypeDetector.detect(html)).isEmpty();
    }

    @Test
    void emptyAndTinyFilesAreRefused() {
        assertThat(ContentTypeDetector.detect(new byte[0])).isEmpty();
        assertThat(ContentTypeDetector.detect(null)).isEmpty();
        assertThat(ContentTypeDetector.detect("%PDF-".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ContentTypeDetector.detect(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})).isEmpty();
    }

    @Test
    void aFileCutShortIsRefused() {
        byte[] pdf = TestFiles.pdf("Giấy chứng sinh");
        byte[] png = TestFiles.png();
        byte[] jpeg = TestFiles.jpeg();
        assertThat(ContentTypeDetector.detect(Arrays.copyOf(pdf, pdf.length / 2))).isEmpty();
        assertThat(ContentTypeDetector.detect(Arrays.copyOf(png, png.length - 20))).isEmpty();
        assertThat(ContentTypeDetector.detect(Arrays.copyOf(jpeg, jpeg.length / 2))).isEmpty();
        // only the signature survived
        assertThat(ContentTypeDetector.detect(Arrays.copyOf(png, 8))).isEmpty();
    }

    @Test
    void aPngHeaderOnSomethingElseIsRefused() {
        byte[] fake = Arrays.copyOf(TestFiles.png(), 64);
        // signature right, but the first chunk is not IHDR
        fake[12] = 'X';
        assertThat(ContentTypeDetector.detect(fake)).isEmpty();
    }

    @Test
    void aFewBytesAfterTheEndMarkerAreTolerated() {
        byte[] jpeg = TestFiles.jpeg();
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 16);
        assertThat(ContentTypeDetector.detect(padded)).contains(FileType.JPEG);
        byte[] pdf = TestFiles.pdf("x");
        assertThat(ContentTypeDetector.detect(Arrays.copyOf(pdf, pdf.length + 200))).contains(FileType.PDF);
    }
}
