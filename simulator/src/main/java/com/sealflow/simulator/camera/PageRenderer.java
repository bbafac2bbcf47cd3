package com.sealflow.simulator.camera;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws what the device camera would see after a press: an A4 document on a desk with a red
 * round company seal where the press landed. Deterministic for a given press counter, so tests
 * know where to look for the impression. Pure Java2D, headless.
 */
public final class PageRenderer {

    /** Page size in pixels (A4 at about 75 dpi); the photo adds a desk margin around it. */
    public static final int PAGE_WIDTH = 620;
    public static final int PAGE_HEIGHT = 877;
    public static final int MARGIN = 30;
    public static final int WIDTH = PAGE_WIDTH + 2 * MARGIN;
    public static final int HEIGHT = PAGE_HEIGHT + 2 * MARGIN;
    /** Outer radius of the seal impression in pixels (a 42 mm seal at this scale). */
    public static final int SEAL_RADIUS = 62;

    private static final Color SEAL_RED = new Color(214, 32, 38);
    private static final Color INK = new Color(40, 40, 48);
    private static final String CJK_SAMPLE = "示例科技有限公司合同专用章";

    private final String fontFamily;
    private final boolean cjk;
    private final Map<Paper, BufferedImage> documentPages = new EnumMap<>(Paper.class);
    private BufferedImage blankPage;

    public PageRenderer() {
        String found = null;
        for (String family : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()) {
            if (new Font(family, Font.PLAIN, 12).canDisplayUpTo(CJK_SAMPLE) == -1) {
                found = family;
                if (family.contains("CJK") || family.contains("Hei") || family.contains("Song")) {
                    break;
                }
            }
        }
        this.cjk = found != null;
        this.fontFamily = found != null ? found : Font.SERIF;
    }

    /** Whether a font able to draw Chinese was found; otherwise the page is in English. */
    public boolean cjk() {
        return cjk;
    }

    /** Centre of the impression for a press, in photo coordinates: near the signature line, jittered per press. */
    public static Point impressionCenter(long pressCounter) {
        Random random = new Random(pressCounter * 7919L + 17);
        int x = MARGIN + 400 + random.nextInt(81) - 40;
        int y = MARGIN + 700 + random.nextInt(61) - 30;
        return new Point(x, y);
    }

    /** The photo as JPEG bytes. */
    public byte[] renderJpeg(Shot shot) {
        return toJpeg(render(shot));
    }

    /** The photo as an image. */
    public BufferedImage render(Shot shot) {
        BufferedImage base = shot.mode() == CameraMode.BLANK_PAGE ? blankPage() : documentPage(shot.paper());
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(base, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            if (shot.mode() != CameraMode.BLANK_PAGE) {
                g.setColor(INK);
                g.setFont(new Font(fontFamily, Font.PLAIN, 13));
                String no = (cjk ? "编号：" : "No. ") + "SF-" + shot.deviceId() + "-" + String.format("%06d", shot.pressCounter());
                g.drawString(no, MARGIN + PAGE_WIDTH - 60 - g.getFontMetrics().stringWidth(no), MARGIN + 125);
            }
            if (shot.mode() == CameraMode.NORMAL && shot.impression()) {
                drawSeal(g, impressionCenter(shot.pressCounter()), shot);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    // The page under the seal is the same for every press of a kind of document: draw it once (text is the slow part).
    private synchronized BufferedImage documentPage(Paper paper) {
        return documentPages.computeIfAbsent(paper, this::page);
    }

    private synchronized BufferedImage blankPage() {
        if (blankPage == null) {
            blankPage = page(null);
        }
        return blankPage;
    }

    private BufferedImage page(Paper printed) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(118, 104, 88)); // wooden desk
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(0, 0, 0, 60));
            g.fillRect(MARGIN + 4, MARGIN + 5, PAGE_WIDTH, PAGE_HEIGHT);
            g.setColor(new Color(250, 249, 245));
            g.fillRect(MARGIN, MARGIN, PAGE_WIDTH, PAGE_HEIGHT);
            if (printed != null) {
                drawDocument(g, printed);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawDocument(Graphics2D g, Paper paper) {
        int left = MARGIN + 60;
        g.setColor(INK);
        g.setFont(new Font(fontFamily, Font.BOLD, 28));
        String title = paper.title(cjk);
        int titleWidth = g.getFontMetrics().stringWidth(title);
        g.drawString(title, MARGIN + (PAGE_WIDTH - titleWidth) / 2, MARGIN + 90);
        g.setFont(new Font(fontFamily, Font.PLAIN, 15));
        String[] parties = paper.header(cjk);
        g.drawString(parties[0], left, MARGIN + 170);
        g.drawString(parties[1], left, MARGIN + 198);
        Random words = new Random(20261126);
        g.setColor(new Color(150, 150, 158));
        int y = MARGIN + 250;
        for (int line = 0; line < 14; line++) {
            int indent = line % 5 == 0 ? 30 : 0;
            int length = line % 5 == 4 ? 180 + words.nextInt(160) : PAGE_WIDTH - 120 - indent;
            drawTextLine(g, left + indent, y, length, words);
            y += 28;
        }
        g.setColor(INK);
        g.setFont(new Font(fontFamily, Font.PLAIN, 15));
        g.drawString(paper.sealLine(cjk), left, MARGIN + 690);
        g.drawString(cjk ? "授权代表签字：" : "Authorised signature:", left, MARGIN + 740);
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(left + 130, MARGIN + 744, left + 330, MARGIN + 744);
        g.drawString(cjk ? "日期：2026 年 11 月 26 日" : "Date: 26 November 2026", left, MARGIN + 790);
        g.setFont(new Font(fontFamily, Font.PLAIN, 11));
        g.setColor(new Color(150, 150, 150));
        g.drawString((cjk ? "第 1 页 共 1 页" : "Page 1 of 1"), MARGIN + PAGE_WIDTH / 2 - 30, MARGIN + PAGE_HEIGHT - 25);
    }

    /** A line of "text" as grey word blocks: readable as a document from a camera, cheap to draw. */
    private static void drawTextLine(Graphics2D g, int x, int y, int length, Random words) {
        int end = x + length;
        while (x < end - 12) {
            int word = Math.min(14 + words.nextInt(46), end - x);
            g.fillRoundRect(x, y - 8, word, 7, 3, 3);
            x += word + 8;
        }
    }

    private void drawSeal(Graphics2D g, Point c, Shot shot) {
        var saved = g.getTransform();
        // A hand-held press lands a little rotated; the ink is slightly translucent over the text.
        double tilt = Math.toRadians(new Random(shot.pressCounter()).nextInt(21) - 10);
        g.rotate(tilt, c.x, c.y);
        g.setColor(new Color(SEAL_RED.getRed(), SEAL_RED.getGreen(), SEAL_RED.getBlue(), 225));
        g.setStroke(new BasicStroke(5f));
        int r = SEAL_RADIUS - 3;
        g.draw(new Ellipse2D.Double(c.x - r, c.y - r, 2.0 * r, 2.0 * r));
        g.fill(star(c.x, c.y, 20, 8));
        g.setFont(new Font(fontFamily, Font.BOLD, cjk ? 15 : 10));
        String ring = cjk ? "示例科技有限公司" : "EXAMPLE TECHNOLOGY CO LTD";
        drawArcText(g, ring, c, r - 17);
        g.setFont(new Font(fontFamily, Font.BOLD, cjk ? 11 : 9));
        String label = shot.paper().sealLabel(cjk);
        int w = g.getFontMetrics().stringWidth(label);
        g.drawString(label, c.x - w / 2, c.y + 38);
        g.setTransform(saved);
    }

    private static Path2D star(double cx, double cy, double outer, double inner) {
        Path2D path = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double radius = i % 2 == 0 ? outer : inner;
            double angle = -Math.PI / 2 + i * Math.PI / 5;
            double x = cx + radius * Math.cos(angle);
            double y = cy + radius * Math.sin(angle);
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }

    /** Characters along the upper arc, upright towards the centre, as on a Chinese company seal. */
    private static void drawArcText(Graphics2D g, String text, Point c, int radius) {
        int n = text.length();
        double span = Math.toRadians(n > 10 ? 250 : 220);
        var metrics = g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            double angle = -Math.PI / 2 - span / 2 + span * (i + 0.5) / n;
            String ch = String.valueOf(text.charAt(i));
            AffineTransform saved = g.getTransform();
            g.translate(c.x + radius * Math.cos(angle), c.y + radius * Math.sin(angle));
            g.rotate(angle + Math.PI / 2);
            g.drawString(ch, -metrics.stringWidth(ch) / 2, metrics.getAscent() / 2);
            g.setTransform(saved);
        }
    }

    /** Baseline JPEG at quality 0.85 (about 60-90 KB for a page). */
    public static byte[] toJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 * 1024);
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * What to draw.
     *
     * @param impression whether a seal actually touched paper (false for a camera shot without a press)
     * @param paper      the kind of document on the desk (a contract when not given)
     */
    public record Shot(String deviceId, long pressCounter, boolean impression, CameraMode mode, Paper paper) {
        public Shot {
            deviceId = deviceId == null ? "SIM" : deviceId;
            mode = mode == null ? CameraMode.NORMAL : mode;
            paper = paper == null ? Paper.CONTRACT : paper;
        }

        public Shot(String deviceId, long pressCounter, boolean impression, CameraMode mode) {
            this(deviceId, pressCounter, impression, mode, null);
        }
    }
}
