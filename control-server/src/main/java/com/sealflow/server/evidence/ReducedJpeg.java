package com.sealflow.server.evidence;

import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The impression check on a JPEG decoded at a reduced scale by OpenCV ({@code imdecode} with
 * {@code IMREAD_REDUCED_COLOR_2/4/8}): libjpeg-turbo then computes each 8x8 block's 4x4, 2x2 or single pixel instead
 * of its 64, skipping most of the inverse DCT, the upsampling and the colour conversion that a full decode spends its
 * time in. Each pixel of the reduced image is about the average of the pixels it stands for, so the figures are those of
 * a smoothed photo: the red fraction within a few tenths of a percent of the full decode's, the luma spread lower (paper
 * grain and thin text strokes average out; a page with text stays far above the blank-page threshold). The scale keeps
 * at least {@link #MIN_PIXELS} pixels so the strokes of a seal impression survive it, and only a photo the smoothed figures
 * clear of both flags ({@link #decisive}), as nearly every press photo is, is settled by it.
 *
 * <p>Native code reads what a device uploaded, so only what the frame header shows to be an ordinary 8-bit grey or
 * YCbCr JPEG of at most {@link #MAX_PIXELS} pixels reaches it; OpenCV's own errors (libjpeg's error exit, a C++
 * exception) come back as an empty image or a Java exception, both answered with null, and the caller then reads the
 * photo in pure Java (which flags what it cannot decode either). The natives (about 120 MB unpacked into JavaCPP's
 * cache, {@code ~/.cache/sealflow-javacpp} unless {@code org.bytedeco.javacpp.cachedir} says otherwise) load on the first
 * check, never at start-up; a platform without them, or {@code -Dsealflow.photoCheck.opencv=false}, keeps the pure-Java
 * check.
 */
final class ReducedJpeg {

    static final String SWITCH = "sealflow.photoCheck.opencv";
    /**
     * The reduced image keeps at least this many pixels: a 200 KB photo of 992 x 744 is read at a quarter of each side
     * (2.0 ms of CPU against 2.6 ms at half and 5.6 ms for the pure-Java read; the entropy decoding, about 1.5 ms, stays).
     */
    static final long MIN_PIXELS = 40_000;
    /** Larger frames (a header may claim 65535 x 65535) are left to the pure-Java reader, which reads a subsample. */
    static final long MAX_PIXELS = 64L * 1024 * 1024;
    private static final double SPREAD_MARGIN = 2.0;
    private static final Logger LOG = LoggerFactory.getLogger(ReducedJpeg.class);
    private static final String CACHE_DIR = "org.bytedeco.javacpp.cachedir";

    private ReducedJpeg() {
    }

    /** Whether OpenCV is loaded (loading it on the first call). */
    static boolean available() {
        return !"false".equals(System.getProperty(SWITCH)) && Natives.LOADED;
    }

    /** The check on the reduced decode, or null (OpenCV absent or switched off, an unusual frame, not decodable). */
    static ImpressionCheck.Result check(byte[] jpeg, JpegComponents.Frame frame) {
        if (frame == null || !frame.yccOrGrey() || frame.width() < 1 || frame.height() < 1
            || (long) frame.width() * frame.height() > MAX_PIXELS || !available()) {
            return null;
        }
        int flags = reduction(frame.width(), frame.height()) | opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
        try (BytePointer in = new BytePointer(jpeg);
             Mat buffer = new Mat(1, jpeg.length, opencv_core.CV_8UC1, in);
             Mat image = opencv_imgcodecs.imdecode(buffer, flags)) {
            if (image.empty() || image.channels() != 3 || image.depth() != opencv_core.CV_8U || !image.isContinuous()
                || (long) image.cols() * image.rows() > frame.width() * (long) frame.height()) {
                return null;
            }
            byte[] bgr = new byte[image.cols() * image.rows() * 3];
            image.data().get(bgr);
            return measure(bgr);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether the smoothed figures settle both verdicts as the full photo's would: clearly red enough (three times the
     * threshold: averaging with paper only takes red away) and a spread above the blank-page threshold (the spread of
     * block averages is never above the photo's own; {@link #SPREAD_MARGIN} covers the decoder's rounding). Pages without
     * an impression, blank or nearly so, are not settled: the caller checks them at full resolution, so a flag is never
     * raised by the smoothing alone.
     */
    static boolean decisive(ImpressionCheck.Result r) {
        return r.redFraction() >= 3 * ImpressionCheck.MIN_RED_FRACTION
            && r.lumaStdDev() >= ImpressionCheck.MIN_LUMA_STDDEV + SPREAD_MARGIN;
    }

    /** The strongest reduction that leaves at least {@link #MIN_PIXELS} pixels. */
    static int reduction(int width, int height) {
        long pixels = (long) width * height;
        if (pixels >= MIN_PIXELS * 64) {
            return opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
        }
        if (pixels >= MIN_PIXELS * 16) {
            return opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
        }
        if (pixels >= MIN_PIXELS * 4) {
            return opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
        }
        return opencv_imgcodecs.IMREAD_COLOR;
    }

    /** The check's figures on every pixel of a BGR image, as {@link ImpressionCheck#check(java.awt.image.BufferedImage)}. */
    private static ImpressionCheck.Result measure(byte[] bgr) {
        ImpressionCheck.Tally tally = new ImpressionCheck.Tally();
        for (int i = 0; i < bgr.length; i += 3) {
            tally.rgb(bgr[i + 2] & 0xFF, bgr[i + 1] & 0xFF, bgr[i] & 0xFF);
        }
        return tally.result();
    }

    /** Loads OpenCV's codecs once, on first use. */
    private static final class Natives {
        static final boolean LOADED = load();

        private static boolean load() {
            if (System.getProperty(CACHE_DIR) == null) {
                System.setProperty(CACHE_DIR, Path.of(System.getProperty("user.home"), ".cache", "sealflow-javacpp").toString());
            }
            try {
                long t0 = System.nanoTime();
                Loader.load(opencv_imgcodecs.class);
                LOG.info("impression check: OpenCV's reduced JPEG decode loaded in {} ms", (System.nanoTime() - t0) / 1_000_000);
                return true;
            } catch (Throwable e) {
                LOG.warn("impression check: OpenCV not available ({}); checking photos in pure Java", e.toString());
                return false;
            }
        }
    }
}
