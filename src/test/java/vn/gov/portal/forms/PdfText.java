package vn.gov.portal.forms;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/** The text of a PDF the portal drew, page after page, as a reader's copy-and-paste would give it. */
final class PdfText {

    private PdfText() {
    }

    static String of(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder all = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            all.append(new PdfTextExtractor(reader).getTextFromPage(page));
        }
        return all.toString();
    }
}
