package com.sealflow.server.evidence;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Press photos of a chosen size for benchmarks: a stamped page with paper grain (so the JPEG is as costly to decode as
 * a camera's photo of that size, not padded), made unique per press by a JPEG comment segment after the SOI marker.
 */
final class BenchPhotos {

    private final byte[] base;

    private BenchPhotos(byte[] base) {
        this.base = base;
    }

    /** A page whose JPEG is close to {@code targetBytes} (within a few percent). */
    static BenchPhotos ofSize(int targetBytes) {
        byte[] best = null;
        for (int width = 480; width <= 2400; width += 32) {
            byte[] jpeg = page(width);
            if (best == null || Math.abs(jpeg.length - targetBytes) < Math.abs(best.length - targetBytes)) {
                best = jpeg;
            }
            if (jpeg.length >= targetBytes) {
                break;
            }
        }
        return new BenchPhotos(best);
    }

    int size() {
        return base.length;
    }

    byte[] sample() {
        return base.clone();
    }

    /** The base JPEG with a comment segment naming {@code tag}: a valid, distinct JPEG per tag. */
    byte[] photo(String tag) {
        byte[] comment = ("sealflow-bench " + tag).getBytes(StandardCharsets.UTF_8);
        int len = comment.length + 2;
        byte[] out = new byte[base.length + 2 + len];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) (len >> 8);
        out[5] = (byte) len;
        System.arraycopy(comment, 0, out, 6, comment.length);
        System.arraycopy(base, 2, out, 6 + comment.length, base.length - 2);
        return out;
    }

    private static byte[] page(int w) {
        int h = w * 3 / 4;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random grain = new Random(w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 236 + grain.nextInt(4);
                img.setRGB(x, y, (v << 16) | (v << 8) | (v - 6));
            }
        }
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 30, 30));
        g.setFont(new Font(Font.SERIF, Font.PLAIN, Math.max(10, w / 40)));
        for (int line = 0; line < 28; line++) {
            g.drawString("Contract clause " + line + ": the parties agree to the terms herein.", w / 16, h / 20 + line * h / 32);
        }
        g.setColor(new Color(210, 30, 40));
        g.setStroke(new BasicStroke(Math.max(3, w / 90f)));
        g.drawOval(w * 2 / 3, h / 2, w / 5, w / 5);
        g.fillOval(w * 2 / 3 + w / 14, h / 2 + w / 14, w / 16, w / 16);
        g.dispose();
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.75f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), param);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
