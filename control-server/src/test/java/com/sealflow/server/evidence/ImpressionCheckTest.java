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
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 640, 480);
        g.setColor(java.awt.Color.BLACK);
        g.drawString("合同 contract", 40, 60);
        g.dispose();
        for (byte[] jpeg : List.of(TestImages.page(true), TestImages.page(false), TestImages.blank(), TestImages.jpeg(grey),
            BenchPhotos.ofSize(200_000).photo("x"))) {
            ImpressionCheck.Result fast = ImpressionCheck.checkComponents(jpeg);
            ImpressionCheck.Result decoded = ImpressionCheck.checkDecoded(jpeg);
            // the components path is taken for these JPEGs (YCbCr and grey) and agrees with the full decode
            assertThat(fast).isNotNull();
            assertThat(fast.flags()).isEqualTo(decoded.flags());
            assertThat(fast.redFraction()).isCloseTo(decoded.redFraction(), org.assertj.core.data.Offset.offset(0.002));
            assertThat(fast.lumaStdDev()).isCloseTo(decoded.lumaStdDev(), org.assertj.core.data.Offset.offset(1.0));
            assertThat(ImpressionCheck.check(jpeg)).isEqualTo(fast);
        }
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
