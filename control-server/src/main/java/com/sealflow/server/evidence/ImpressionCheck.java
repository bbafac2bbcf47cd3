package com.sealflow.server.evidence;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A cheap server-side second opinion on a press photo (the agent runs the full OpenCV checks).
 * Samples at most ~250 000 pixels evenly and measures:
 * <ul>
 *   <li><b>red fraction</b>: pixels that are strongly red, {@code R >= 140 && R - G >= 60 && R - B >= 50}
 *       (Chinese seal ink: cinnabar / vermilion; paper, black text and skin tones fail it). Below
 *       {@link #MIN_RED_FRACTION} (0.3 % of the image) there is no seal impression: NO_SEAL_IMPRESSION.</li>
 *   <li><b>page variance</b>: standard deviation of luma (0..255). Below {@link #MIN_LUMA_STDDEV} (6) the picture is
 *       practically uniform (a blank sheet, a covered or dead camera): BLANK_PAGE. A page with text or a stamp is
 *       well above 20.</li>
 * </ul>
 * A photo that cannot be decoded counts as blank and without impression.
 *
 * <p>A JPEG stored as YCbCr (or grey), as cameras and encoders write them, is read as its raw components: the luma is
 * the Y component itself (JPEG's Y is the same weighting of R, G and B) and the red test runs on the colour converted
 * from the sample alone, so neither the decoder's colour conversion of the whole image nor a {@link BufferedImage} is
 * needed — about 40 % less CPU per photo. Other JPEGs (CMYK, RGB without transform) are decoded to an image as before.
 *
 * <p>Where OpenCV is at hand, a YCbCr or grey JPEG is first decoded at a reduced scale instead ({@link ReducedJpeg}),
 * which skips most of the decoder's work; the pure-Java reads remain for the rest, whenever OpenCV gives no image and
 * for photos the smoothed figures do not clear of both flags (the flags are always raised at full resolution).
 */
public final class ImpressionCheck {

    public static final double MIN_RED_FRACTION = 0.003;
    public static final double MIN_LUMA_STDDEV = 6.0;
    private static final int MAX_SAMPLES = 250_000;

    /** The measured figures and the flags they raise. */
    public record Result(double redFraction, double lumaStdDev, boolean decoded, List<AnomalyKind> flags) {
    }

    private ImpressionCheck() {
    }

    public static Result check(byte[] jpeg) {
        JpegComponents.Frame frame = JpegComponents.frame(jpeg);
        if (frame != null && frame.yccOrGrey()) {
            Result reduced = ReducedJpeg.check(jpeg, frame);
            if (reduced != null && ReducedJpeg.decisive(reduced)) {
                return reduced;
            }
            Result fromComponents = readSampled(jpeg, (reader, param) -> JpegComponents.measure(reader.readRaster(0, param)));
            if (fromComponents != null) {
                return fromComponents;
            }
        }
        return checkDecoded(jpeg);
    }

    /** The check on the photo decoded to an RGB image (every JPEG the decoder knows). */
    static Result checkDecoded(byte[] jpeg) {
        BufferedImage image = decodeSampled(jpeg);
        if (image == null) {
            return new Result(0, 0, false, List.of(AnomalyKind.NO_SEAL_IMPRESSION, AnomalyKind.BLANK_PAGE));
        }
        return measure(image, 1);
    }

    public static Result check(BufferedImage image) {
        return measure(image, step(image.getWidth(), image.getHeight()));
    }

    private static int step(int w, int h) {
        return Math.max(1, (int) Math.ceil(Math.sqrt((double) w * h / MAX_SAMPLES)));
    }

    /**
     * Decodes only the pixels the check samples (every step-th of every step-th row, as {@link #check(BufferedImage)}
     * picks them): the decoder skips building the rest of the image, about half the cost of a full decode.
     */
    private static BufferedImage decodeSampled(byte[] jpeg) {
        return readSampled(jpeg, (reader, param) -> reader.read(0, param));
    }

    /** How a sampled read takes the photo from its reader. */
    private interface SampledRead<T> {
        T read(ImageReader reader, ImageReadParam param) throws IOException;
    }

    /** Reads every step-th pixel of every step-th row of the photo, or null when it cannot be read. */
    private static <T> T readSampled(byte[] jpeg, SampledRead<T> read) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int step = step(reader.getWidth(0), reader.getHeight(0));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return read.read(reader, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The check on the sampled raw components of a YCbCr or grey JPEG; null when the photo is of another kind (or cannot be
     * read that way), to be decoded to an image instead.
     */
    static Result checkComponents(byte[] jpeg) {
        if (!JpegComponents.isYccOrGrey(jpeg)) {
            return null;
        }
        return readSampled(jpeg, (reader, param) -> JpegComponents.measure(reader.readRaster(0, param)));
    }

    /** The flags the two figures raise. */
    static Result result(long red, long samples, double sum, double sumSq) {
        double fraction = (double) red / samples;
        double mean = sum / samples;
        double stddev = Math.sqrt(Math.max(0, sumSq / samples - mean * mean));
        List<AnomalyKind> flags = new ArrayList<>();
        if (fraction < MIN_RED_FRACTION) {
            flags.add(AnomalyKind.NO_SEAL_IMPRESSION);
        }
        if (stddev < MIN_LUMA_STDDEV) {
            flags.add(AnomalyKind.BLANK_PAGE);
        }
        return new Result(fraction, stddev, true, List.copyOf(flags));
    }

    private static Result measure(BufferedImage image, int step) {
        Tally tally = new Tally();
        for (int y = 0; y < image.getHeight(); y += step) {
            for (int x = 0; x < image.getWidth(); x += step) {
                int rgb = image.getRGB(x, y);
                tally.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
            }
        }
        return tally.result();
    }

    /** The check's strong red: {@code R >= 140 && R - G >= 60 && R - B >= 50}. */
    static boolean strongRed(int r, int g, int b) {
        return r >= 140 && r - g >= 60 && r - b >= 50;
    }

    /** The sums the figures are made of, over every pixel read (all of a photo, a sample or a reduced decode). */
    static final class Tally {
        private long samples;
        private long red;
        private double sum;
        private double sumSq;

        void rgb(int r, int g, int b) {
            add(0.299 * r + 0.587 * g + 0.114 * b, strongRed(r, g, b));
        }

        void add(double luma, boolean isRed) {
            samples++;
            if (isRed) {
                red++;
            }
            sum += luma;
            sumSq += luma * luma;
        }

        long samples() {
            return samples;
        }

        Result result() {
            return ImpressionCheck.result(red, samples, sum, sumSq);
        }
    }
}
