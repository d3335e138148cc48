package vn.gov.portal.forms;

import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/** The fonts of every PDF form, read once: DejaVu Sans has the whole Vietnamese alphabet. */
@Component
class PdfFonts {

    final BaseFont regular = font("fonts/DejaVuSans.ttf");
    final BaseFont bold = font("fonts/DejaVuSans-Bold.ttf");

    private static BaseFont font(String path) {
        try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the classpath: " + path);
            }
            return BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
