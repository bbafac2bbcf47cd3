package com.sealflow.server.evidence;

import java.awt.image.Raster;
import java.nio.charset.StandardCharsets;

/**
 * The impression check on a JPEG's raw components ({@link ImpressionCheck}): which JPEGs hold YCbCr or grey, and the
 * figures measured on their sampled components.
 */
final class JpegComponents {

    private JpegComponents() {
    }

    /**
     * What the frame header says: its size and whether it holds 8-bit grey or YCbCr ({@link #isYccOrGrey}); a height of 0
     * means the height comes later (a DNL marker).
     */
    record Frame(int width, int height, boolean yccOrGrey) {
    }

    /**
     * True for an 8-bit grey JPEG and for a three-component one stored as YCbCr, by the decoder's own rule: an Adobe
     * marker says which (transform 1: YCbCr), without one components named R, G, B mean RGB and anything else YCbCr.
     */
    static boolean isYccOrGrey(byte[] jpeg) {
        Frame frame = frame(jpeg);
        return frame != null && frame.yccOrGrey();
    }

    /**
     * Reads the markers up to the first scan (the image metadata reader refuses files whose JFIF marker is not first);
     * null when they do not hold one well-formed frame header.
     */
    static Frame frame(byte[] jpeg) {
        int transform = -1;
        String ids = null;
        int width = 0;
        int height = 0;
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = (jpeg[i + 2] & 0xFF) << 8 | jpeg[i + 3] & 0xFF;
            int data = i + 4;
            if (length < 2 || data + length - 2 > jpeg.length) {
                return null;
            }
            if (marker == 0xEE && length >= 14 && new String(jpeg, data, 5, StandardCharsets.ISO_8859_1).equals("Adobe")) {
                transform = jpeg[data + 11] & 0xFF;
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                int components = length >= 8 ? jpeg[data + 5] & 0xFF : 0;
                if ((jpeg[data] & 0xFF) != 8 || length < 8 + 3 * components) {
                    return null;
                }
                height = (jpeg[data + 1] & 0xFF) << 8 | jpeg[data + 2] & 0xFF;
                width = (jpeg[data + 3] & 0xFF) << 8 | jpeg[data + 4] & 0xFF;
                StringBuilder named = new StringBuilder();
                for (int k = 0; k < components; k++) {
                    named.append((char) (jpeg[data + 6 + 3 * k] & 0xFF));
                }
                ids = named.toString();
            }
            i = data + length - 2;
        }
        if (ids == null || ids.length() != 1 && ids.length() != 3) {
            return null;
        }
        boolean ycc = ids.length() == 1 || (transform >= 0 ? transform == 1 : !"RGB".equals(ids));
        return new Frame(width, height, ycc);
    }

    /** The check's figures on sampled Y (, Cb, Cr) components: luma is Y; red is tested on the converted colour. */
    static ImpressionCheck.Result measure(Raster raster) {
        int bands = raster.getNumBands();
        if (bands != 1 && bands != 3) {
            return null;
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] row = new int[w * bands];
        ImpressionCheck.Tally tally = new ImpressionCheck.Tally();
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int i = 0; i < row.length; i += bands) {
                int luma = row[i];
                tally.add(luma, bands == 3 && isRed(luma, row[i + 1] - 128, row[i + 2] - 128));
            }
        }
        return tally.samples() == 0 ? null : tally.result();
    }

    /** The check's strong red ({@link ImpressionCheck#strongRed}) on a JFIF YCbCr colour (Cb, Cr centred). */
    private static boolean isRed(int luma, int cb, int cr) {
        int r = clamp(luma + (int) Math.round(1.402 * cr));
        if (r < 140) {
            return false;
        }
        int g = clamp(luma - (int) Math.round(0.344136 * cb + 0.714136 * cr));
        int b = clamp(luma + (int) Math.round(1.772 * cb));
        return ImpressionCheck.strongRed(r, g, b);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
