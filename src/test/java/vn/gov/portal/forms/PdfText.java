package vn.gov.portal.forms;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/** The text of a PDF the portal issued, all pages, for tests that check what a form says. */
public final class PdfText {

    private PdfText() {
    }

    public static String of(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder all = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            all.append(new PdfTextExtractor(reader).getTextFromPage(page));
        }
        return all.toString();
    }
}
