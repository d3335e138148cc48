package vn.gov.portal.forms;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import vn.gov.portal.agency.Agency;

/**
 * One PDF form being drawn: the national header under the agency's name, a centred title, tables of labelled rows or
 * columns, and a line at the foot of every page (so a single page still says what it is and how to check it). Every
 * form of the portal is drawn with it, in a font that has every Vietnamese glyph.
 */
final class PdfSheet {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Days and times as the forms print them, in Vietnamese time. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(VIETNAM);

    private final PdfFonts fonts;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Document pdf;

    PdfSheet(PdfFonts fonts, Rectangle page, String title, String footer) {
        this.fonts = fonts;
        this.pdf = new Document(page, 56, 56, 48, 64);
        PdfWriter writer = PdfWriter.getInstance(pdf, out);
        writer.setPageEvent(new Footer(footer, new Font(fonts.regular, 8)));
        pdf.addTitle(title);
        pdf.open();
    }

    void header(Agency agency) {
        PdfPTable top = new PdfPTable(2);
        top.setWidthPercentage(100);
        top.getDefaultCell().setBorder(0);
        top.addCell(new Paragraph(agency.nameVi().toUpperCase(), new Font(fonts.bold, 10)));
        top.addCell(new Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc", new Font(fonts.bold, 10)));
        top.setSpacingAfter(18);
        pdf.add(top);
    }

    void title(String text) {
        centered(text, new Font(fonts.bold, 13));
    }

    void subtitle(String text) {
        centered(text, new Font(fonts.regular, 9));
    }

    private void centered(String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setAlignment(Element.ALIGN_CENTER);
        pdf.add(p);
    }

    void paragraph(String text) {
        Paragraph p = new Paragraph(text, new Font(fonts.regular, 11));
        p.setSpacingBefore(12);
        pdf.add(p);
    }

    void signature(String text) {
        Paragraph signed = new Paragraph(text, new Font(fonts.regular, 10));
        signed.setAlignment(Element.ALIGN_RIGHT);
        signed.setSpacingBefore(24);
        pdf.add(signed);
    }

    /** A table of labelled rows (label, value), full width. */
    PdfPTable rows() {
        return table(new float[] {2.2f, 4f});
    }

    PdfPTable table(float[] widths) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setSpacingBefore(16);
        return table;
    }

    void row(PdfPTable table, String label, String value) {
        table.addCell(new Paragraph(label, new Font(fonts.bold, 10)));
        table.addCell(new Paragraph(value == null ? "" : value, new Font(fonts.regular, 10)));
    }

    /** A column heading. */
    void heading(PdfPTable table, String text) {
        table.addCell(new Paragraph(text, new Font(fonts.bold, 9)));
    }

    void cell(PdfPTable table, String text) {
        table.addCell(new Paragraph(text == null ? "" : text, new Font(fonts.regular, 9)));
    }

    void add(Element element) {
        pdf.add(element);
    }

    byte[] finish() {
        pdf.close();
        return out.toByteArray();
    }

    private static final class Footer extends PdfPageEventHelper {
        private final String text;
        private final Font font;

        Footer(String text, Font font) {
            this.text = text;
            this.font = font;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER, new Phrase(text, font),
                    (document.left() + document.right()) / 2, document.bottom() - 28, 0);
        }
    }
}
