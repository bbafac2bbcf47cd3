package com.sealflow.server.evidence;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Synthetic press photos: a document page, with or without a red seal impression, or a blank sheet. */
final class TestImages {

    private TestImages() {
    }

    static byte[] page(boolean withSeal) {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(245, 243, 238));
        g.fillRect(0, 0, 640, 480);
        g.setColor(new Color(30, 30, 30));
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 18));
        for (int line = 0; line < 14; line++) {
            g.drawString("Contract clause " + line + ": the parties agree to the terms herein.", 40, 50 + line * 28);
        }
        if (withSeal) {
            g.setColor(new Color(210, 30, 40));
            g.setStroke(new BasicStroke(7));
            g.drawOval(420, 260, 150, 150);
            g.fillPolygon(new int[] {495, 510, 550, 518, 528, 495, 462, 472, 440, 480}, new int[] {300, 330, 332, 352, 390, 368, 390,
                352, 332, 330}, 10);
        }
        g.dispose();
        return jpeg(img);
    }

    static byte[] blank() {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(250, 250, 250));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        return jpeg(img);
    }

    static byte[] jpeg(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
