package com.sealflow.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** The byte-level read of a decoded JPEG gives exactly the figures of the pixel-by-pixel read of the same pixels. */
    @Test
    void readingTheBytesOfABgrImageGivesTheSameFiguresAsReadingItsPixels() {
        java.util.Random random = new java.util.Random(7);
        java.awt.image.BufferedImage bgr = new java.awt.image.BufferedImage(613, 457, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(613, 457, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < bgr.getHeight(); y++) {
            for (int x = 0; x < bgr.getWidth(); x++) {
                // a third of the pixels seal red, the rest anything
                int pixel = random.nextInt(3) == 0 ? 0xC0 + random.nextInt(0x40) << 16 | random.nextInt(0x40) << 8 | random.nextInt(0x40)
                    : random.nextInt(0x1000000);
                bgr.setRGB(x, y, pixel);
                rgb.setRGB(x, y, pixel);
            }
        }
        ImpressionCheck.Result fromBytes = ImpressionCheck.check(bgr);
        assertThat(fromBytes).isEqualTo(ImpressionCheck.check(rgb));
        assertThat(fromBytes.redFraction()).isBetween(0.40, 0.47);
        // a sub-image shares the parent's bytes at an offset
        assertThat(ImpressionCheck.check(bgr.getSubimage(101, 57, 300, 200)))
            .isEqualTo(ImpressionCheck.check(rgb.getSubimage(101, 57, 300, 200)));
        // and the check of a real decoded photo takes the byte path with the figures it had before
        assertThat(ImpressionCheck.check(TestImages.page(true)).redFraction()).isGreaterThan(ImpressionCheck.MIN_RED_FRACTION);
    }
}
