package vn.gov.portal.attachment;

import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.imageio.ImageIO;

/** Real files as a citizen's scanner or phone makes them: a PDF written by OpenPDF, PNG and JPEG by ImageIO. */
public final class TestFiles {

    private TestFiles() {
    }

    public static byte[] pdf(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document();
        PdfWriter.getInstance(document, out);
        document.open();
        document.add(new Paragraph(text));
        document.close();
        return out.toByteArray();
    }

    public static byte[] png() {
        return image("png", BufferedImage.TYPE_INT_ARGB);
    }

    public static byte[] jpeg() {
        return image("jpg", BufferedImage.TYPE_INT_RGB);
    }

    private static byte[] image(String format, int kind) {
        BufferedImage image = new BufferedImage(64, 48, kind);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xda251d));
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.YELLOW);
        g.fillOval(20, 12, 24, 24);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
