package com.sealflow.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImpressionCheckTest {

    @Test
    void aStampedPageHasEnoughStrongRedAndIsNotBlank() {
        ImpressionCheck.Result r = ImpressionCheck.check(TestImages.page(true));
        assertThat(r.decoded()).isTrue();
        assertThat(r.redFraction()).isGreaterThan(ImpressionCheck.MIN_RED_FRACTION);
        assertThat(r.flags()).isEmpty();
    }

    @Test
    void aPageWithoutASealIsFlaggedNoImpressionButNotBlank() {
        ImpressionCheck.Result r = ImpressionCheck.check(TestImages.page(false));
        assertThat(r.flags()).containsExactly(AnomalyKind.NO_SEAL_IMPRESSION);
        assertThat(r.lumaStdDev()).isGreaterThan(ImpressionCheck.MIN_LUMA_STDDEV);
    }

    @Test
    void aBlankSheetIsFlaggedBlankAndWithoutImpression() {
        assertThat(ImpressionCheck.check(TestImages.blank()).flags())
            .containsExactlyInAnyOrder(AnomalyKind.NO_SEAL_IMPRESSION, AnomalyKind.BLANK_PAGE);
    }

    @Test
    void undecodableBytesCountAsBlankWithoutImpression() {
        assertThat(ImpressionCheck.check(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3}).decoded()).isFalse();
    }

    @Test
    void readingTheRawComponentsGivesTheVerdictsAndFiguresOfTheDecodedImage() {
        for (byte[] jpeg : corpus()) {
            ImpressionCheck.Result fast = ImpressionCheck.checkComponents(jpeg);
            ImpressionCheck.Result decoded = ImpressionCheck.checkDecoded(jpeg);
            // the components path is taken for these JPEGs (YCbCr and grey) and agrees with the full decode
            assertThat(fast).isNotNull();
            assertThat(fast.flags()).isEqualTo(decoded.flags());
            assertThat(fast.redFraction()).isCloseTo(decoded.redFraction(), org.assertj.core.data.Offset.offset(0.002));
            assertThat(fast.lumaStdDev()).isCloseTo(decoded.lumaStdDev(), org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void theReducedDecodeSettlesOrdinaryPhotosWithTheVerdictsOfTheFullDecodeAndLeavesTheRestToIt() {
        assertThat(ReducedJpeg.available()).as("OpenCV loads on this platform").isTrue();
        int settled = 0;
        for (byte[] jpeg : corpus()) {
            ImpressionCheck.Result reduced = ReducedJpeg.check(jpeg, JpegComponents.frame(jpeg));
            ImpressionCheck.Result decoded = ImpressionCheck.checkDecoded(jpeg);
            assertThat(reduced).isNotNull();
            assertThat(ImpressionCheck.check(jpeg).flags()).isEqualTo(decoded.flags());
            if (ReducedJpeg.decisive(reduced)) {
                settled++;
                assertThat(ImpressionCheck.check(jpeg)).isEqualTo(reduced);
                assertThat(reduced.flags()).isEqualTo(decoded.flags()).isEmpty();
                assertThat(reduced.redFraction()).isCloseTo(decoded.redFraction(), org.assertj.core.data.Offset.offset(0.004));
                // smoothing lowers the spread (grain, thin strokes), never raises it
                assertThat(reduced.lumaStdDev()).isLessThanOrEqualTo(decoded.lumaStdDev() + 1.0);
            } else {
                assertThat(ImpressionCheck.check(jpeg)).isEqualTo(ImpressionCheck.checkComponents(jpeg));
            }
        }
        // the stamped pages and the three benchmark photos
        assertThat(settled).isEqualTo(4);
    }

    @Test
    void hostileFramesNeverReachTheNativeDecoderOrComeBackFlagged() {
        byte[] page = TestImages.page(true);
        // a header claiming 65535 x 65535 pixels is left to the pure-Java reader
        byte[] huge = page.clone();
        int sof = sof(huge);
        huge[sof + 5] = (byte) 0xFF;
        huge[sof + 6] = (byte) 0xFF;
        huge[sof + 7] = (byte) 0xFF;
        huge[sof + 8] = (byte) 0xFF;
        assertThat(ReducedJpeg.check(huge, JpegComponents.frame(huge))).isNull();
        assertThat(ImpressionCheck.check(huge)).isNotNull();
        // cut short, or its scan overwritten: a result (what was decoded, or flagged), never an exception
        byte[] cut = java.util.Arrays.copyOf(page, page.length / 2);
        assertThat(ImpressionCheck.check(cut)).isNotNull();
        byte[] garbled = page.clone();
        for (int i = page.length / 3; i < page.length - 2; i += 7) {
            garbled[i] = (byte) (i * 31);
        }
        ImpressionCheck.Result r = ImpressionCheck.check(garbled);
        assertThat(r.redFraction()).isBetween(0.0, 1.0);
        assertThat(ReducedJpeg.check(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3}, null)).isNull();
    }

    /** The offset of the first baseline frame header's marker. */
    private static int sof(byte[] jpeg) {
        for (int i = 2; i < jpeg.length - 1; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return i;
            }
        }
        throw new IllegalStateException("no SOF0");
    }

    private static List<byte[]> corpus() {
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 640, 480);
        g.setColor(java.awt.Color.BLACK);
        g.drawString("合同 contract", 40, 60);
        g.dispose();
        return List.of(TestImages.page(true), TestImages.page(false), TestImages.blank(), TestImages.jpeg(grey),
            BenchPhotos.ofSize(200_000).photo("x"), BenchPhotos.ofSize(60_000).photo("y"), BenchPhotos.ofSize(600_000).photo("z"));
    }

    @Test
    void aJpegThatIsNotYccIsDecodedToAnImage() throws Exception {
        // a four-component (CMYK-like) raster JPEG: not read as YCbCr components
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 64,
            64, 4, null);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        try (javax.imageio.stream.ImageOutputStream ios = javax.imageio.ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        assertThat(ImpressionCheck.checkComponents(out.toByteArray())).isNull();
        assertThat(ImpressionCheck.check(out.toByteArray())).isEqualTo(ImpressionCheck.checkDecoded(out.toByteArray()));
    }
}
