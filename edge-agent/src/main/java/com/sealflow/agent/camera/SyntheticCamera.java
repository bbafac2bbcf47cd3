package com.sealflow.agent.camera;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * A camera for the simulator and tests: a document page (grey text lines on white) with a red round seal
 * impression (ring, star, text) drawn where the press landed. Pure Java2D, headless.
 */
public final class SyntheticCamera implements Camera {

    private final int width;
    private final int height;

    public SyntheticCamera() {
        this(640, 480);
    }

    public SyntheticCamera(int width, int height) {
        System.setProperty("java.awt.headless", "true");
        this.width = width;
        this.height = height;
    }

    @Override
    public byte[] snapshot(Shot shot) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x5a, 0x4a, 0x3a));
            g.fillRect(0, 0, width, height);
            int px = width / 10;
            int py = height / 16;
            g.setColor(Color.WHITE);
            g.fillRect(px, py, width - 2 * px, height - 2 * py);
            g.setColor(new Color(0x55, 0x55, 0x55));
            for (int y = py + 30, i = 0; y < height - py - 30; y += 18, i++) {
                int len = (width - 2 * px - 60) * (i % 5 == 4 ? 55 : 100) / 100;
                g.fillRect(px + 30, y, len, 5);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(shot.deviceId() + " #" + shot.pressCounter(), px + 30, height - py - 10);
            if (shot.sealImpression()) {
                long c = shot.pressCounter();
                int r = Math.min(width, height) / 7;
                int cx = width - px - r - 20 - (int) (c * 37 % 60);
                int cy = height - py - r - 40 - (int) (c * 53 % 80);
                drawSeal(g, cx, cy, r, shot.sealId());
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        if (!ImageIO.write(img, "jpg", out)) {
            throw new IOException("no JPEG writer available");
        }
        return out.toByteArray();
    }

    private static void drawSeal(Graphics2D g, int cx, int cy, int r, String label) {
        Color red = new Color(0xd0, 0x1c, 0x1f);
        g.setColor(red);
        g.setStroke(new BasicStroke(Math.max(3f, r / 10f)));
        g.draw(new Ellipse2D.Double(cx - r, cy - r, 2.0 * r, 2.0 * r));
        Path2D star = new Path2D.Double();
        double outer = r * 0.35;
        double inner = outer * 0.4;
        for (int i = 0; i < 10; i++) {
            double rad = (i % 2 == 0) ? outer : inner;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            double x = cx + rad * Math.cos(a);
            double y = cy + rad * Math.sin(a);
            if (i == 0) {
                star.moveTo(x, y);
            } else {
                star.lineTo(x, y);
            }
        }
        star.closePath();
        g.fill(star);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, r / 4)));
        String text = label == null ? "SEAL" : label;
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, cx - w / 2, cy + r / 2 + r / 8);
    }

    @Override
    public String describe() {
        return "synthetic " + width + "x" + height;
    }

    @Override
    public void close() {
        // nothing held
    }
}
