package com.sealflow.server.archive;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A top-down writer over A4 pages: a cursor, wrapping, page breaks with a footer. Text uses the embedded CJK font; when
 * no such font could be loaded, each line is drawn as an image rendered by Java2D (still readable, not selectable).
 */
final class PdfCanvas implements AutoCloseable {

    static final float MARGIN = 48;
    static final float WIDTH = PDRectangle.A4.getWidth();
    static final float HEIGHT = PDRectangle.A4.getHeight();
    static final Color INK = new Color(0x1f, 0x29, 0x37);
    static final Color MUTED = new Color(0x6b, 0x72, 0x80);
    static final Color ACCENT = new Color(0xb9, 0x1c, 0x1c);

    private static final PDFont LATIN = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    private final PDDocument doc;
    private final PDFont font;
    private final java.awt.Font awt;
    private final String footer;
    private PDPageContentStream cs;
    private float y;
    private int pageNo;

    PdfCanvas(PDDocument doc, PDFont font, java.awt.Font awt, String footer) {
        this.doc = doc;
        this.font = font;
        this.awt = awt == null ? new Font(Font.SANS_SERIF, Font.PLAIN, 12) : awt;
        this.footer = footer;
        newPage();
    }

    float y() {
        return y;
    }

    PDPageContentStream stream() {
        return cs;
    }

    void newPage() {
        try {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            pageNo++;
            y = HEIGHT - MARGIN;
            text(MARGIN, 28, 7.5f, MUTED, footer + "  ·  " + pageNo);
            line(MARGIN, 40, WIDTH - MARGIN, 40, 0.4f, MUTED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes room for {@code height} points below the cursor, breaking the page when needed. */
    void need(float height) {
        if (y - height < MARGIN + 8) {
            newPage();
        }
    }

    void down(float dy) {
        y -= dy;
    }

    /** Text Helvetica can show (WinAnsi), so it stays real text even without an embeddable CJK font. */
    static boolean latin(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    float width(String s, float size) {
        PDFont f = font != null ? font : latin(s) ? LATIN : null;
        if (f != null) {
            try {
                return f.getStringWidth(s) / 1000f * size;
            } catch (IOException | IllegalArgumentException e) {
                return s.length() * size;
            }
        }
        return metrics(size).stringWidth(s) / 4f;
    }

    /** Draws one line with its baseline at {@code baseline}. */
    void text(float x, float baseline, float size, Color color, String s) {
        if (s == null || s.isEmpty()) {
            return;
        }
        try {
            PDFont f = font != null ? font : latin(s) ? LATIN : null;
            if (f != null) {
                cs.beginText();
                cs.setNonStrokingColor(color);
                cs.setFont(f, size);
                cs.newLineAtOffset(x, baseline);
                cs.showText(s);
                cs.endText();
            } else {
                drawAsImage(x, baseline, size, color, s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wrapped paragraph at the cursor, within {@code maxWidth}; moves the cursor below it. */
    void paragraph(float x, float maxWidth, float size, Color color, String s) {
        for (String line : wrap(s == null ? "" : s, maxWidth, size)) {
            need(size * 1.5f);
            text(x, y - size, size, color, line);
            y -= size * 1.5f;
        }
    }

    List<String> wrap(String s, float maxWidth, float size) {
        List<String> lines = new ArrayList<>();
        for (String para : s.split("\n", -1)) {
            StringBuilder cur = new StringBuilder();
            int i = 0;
            while (i < para.length()) {
                int cp = para.codePointAt(i);
                String next = cur + new String(Character.toChars(cp));
                if (width(next, size) > maxWidth && cur.length() > 0) {
                    lines.add(cur.toString());
                    cur.setLength(0);
                    continue;
                }
                cur.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            lines.add(cur.toString());
        }
        return lines;
    }

    void line(float x1, float y1, float x2, float y2, float width, Color color) {
        try {
            cs.setStrokingColor(color);
            cs.setLineWidth(width);
            cs.moveTo(x1, y1);
            cs.lineTo(x2, y2);
            cs.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void fill(float x, float yBottom, float w, float h, Color color) {
        try {
            cs.setNonStrokingColor(color);
            cs.addRect(x, yBottom, w, h);
            cs.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void image(PDImageXObject img, float x, float yBottom, float w, float h) {
        try {
            cs.drawImage(img, x, yBottom, w, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FontMetrics metrics(float size) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = probe.createGraphics();
        try {
            return g.getFontMetrics(awt.deriveFont(size * 4));
        } finally {
            g.dispose();
        }
    }

    private void drawAsImage(float x, float baseline, float size, Color color, String s) throws IOException {
        FontMetrics m = metrics(size);
        BufferedImage img = new BufferedImage(Math.max(1, m.stringWidth(s)), m.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(awt.deriveFont(size * 4));
        g.setColor(color);
        g.drawString(s, 0, m.getAscent());
        g.dispose();
        cs.drawImage(LosslessFactory.createFromImage(doc, img), x, baseline - m.getDescent() / 4f, img.getWidth() / 4f,
            img.getHeight() / 4f);
    }

    @Override
    public void close() {
        try {
            cs.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
