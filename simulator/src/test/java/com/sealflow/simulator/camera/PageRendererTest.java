package com.sealflow.simulator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PageRendererTest {

    private final PageRenderer renderer = new PageRenderer();

    @Test
    void normalPhotoIsAJpegWithARedImpressionWhereThePressLanded() throws IOException {
        byte[] jpeg = renderer.renderJpeg(new PageRenderer.Shot("SD-01", 42, true, CameraMode.NORMAL));

        assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image.getWidth()).isEqualTo(PageRenderer.WIDTH);
        Point at = PageRenderer.impressionCenter(42);
        int inside = redPixels(image, at, PageRenderer.SEAL_RADIUS);
        int area = (int) (Math.PI * PageRenderer.SEAL_RADIUS * PageRenderer.SEAL_RADIUS);
        assertThat(inside).as("red pixels inside the impression").isGreaterThan(area / 10);
        Point elsewhere = new Point(PageRenderer.MARGIN + 150, PageRenderer.MARGIN + 200);
        assertThat(redPixels(image, elsewhere, PageRenderer.SEAL_RADIUS)).as("red pixels in the header").isZero();
    }

    @Test
    void differentPressesLandInDifferentPlacesButTheSamePressAlwaysInOne() {
        assertThat(PageRenderer.impressionCenter(7)).isEqualTo(PageRenderer.impressionCenter(7));
        long distinct = java.util.stream.LongStream.range(1, 20).mapToObj(PageRenderer::impressionCenter).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void blankPageAndMissingImpressionHaveNoRed() throws IOException {
        for (CameraMode mode : new CameraMode[] {CameraMode.BLANK_PAGE, CameraMode.NO_IMPRESSION}) {
            byte[] jpeg = renderer.renderJpeg(new PageRenderer.Shot("SD-01", 42, true, mode));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(redPixels(image, new Point(PageRenderer.WIDTH / 2, PageRenderer.HEIGHT / 2), 2000))
                    .as("red pixels on %s", mode).isZero();
        }
    }

    @Test
    void blankPageHasNoPrintWhileTheDocumentHas() throws IOException {
        BufferedImage blank = ImageIO.read(new ByteArrayInputStream(
                renderer.renderJpeg(new PageRenderer.Shot("SD-01", 1, false, CameraMode.BLANK_PAGE))));
        BufferedImage doc = ImageIO.read(new ByteArrayInputStream(
                renderer.renderJpeg(new PageRenderer.Shot("SD-01", 1, false, CameraMode.NORMAL))));
        assertThat(darkPixelsOnPage(blank)).isLessThan(50);
        assertThat(darkPixelsOnPage(doc)).isGreaterThan(5000);
    }

    @Test
    void eachKindOfDocumentHasItsOwnPage() throws IOException {
        BufferedImage contract = ImageIO.read(new ByteArrayInputStream(
                renderer.renderJpeg(new PageRenderer.Shot("SD-01", 1, false, CameraMode.NORMAL, Paper.CONTRACT))));
        BufferedImage statement = ImageIO.read(new ByteArrayInputStream(
                renderer.renderJpeg(new PageRenderer.Shot("SD-01", 1, false, CameraMode.NORMAL, Paper.FINANCIAL_STATEMENT))));
        int differing = 0;
        // the title and the header lines differ; the body, the footer and the desk are the same
        for (int y = PageRenderer.MARGIN + 50; y < PageRenderer.MARGIN + 210; y++) {
            for (int x = PageRenderer.MARGIN; x < PageRenderer.MARGIN + PageRenderer.PAGE_WIDTH; x++) {
                if (Math.abs((contract.getRGB(x, y) & 0xff) - (statement.getRGB(x, y) & 0xff)) > 60) {
                    differing++;
                }
            }
        }
        assertThat(differing).isGreaterThan(300);
        assertThat(darkPixelsOnPage(statement)).isGreaterThan(5000);
    }

    private static int redPixels(BufferedImage image, Point centre, int radius) {
        int count = 0;
        for (int y = Math.max(0, centre.y - radius); y < Math.min(image.getHeight(), centre.y + radius); y++) {
            for (int x = Math.max(0, centre.x - radius); x < Math.min(image.getWidth(), centre.x + radius); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (r > 150 && g < 110 && b < 110 && (x - centre.x) * (x - centre.x) + (y - centre.y) * (y - centre.y) <= radius * radius) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int darkPixelsOnPage(BufferedImage image) {
        int count = 0;
        for (int y = PageRenderer.MARGIN + 10; y < PageRenderer.MARGIN + PageRenderer.PAGE_HEIGHT - 10; y++) {
            for (int x = PageRenderer.MARGIN + 10; x < PageRenderer.MARGIN + PageRenderer.PAGE_WIDTH - 10; x++) {
                if ((image.getRGB(x, y) >> 8 & 0xFF) < 200) {
                    count++;
                }
            }
        }
        return count;
    }
}
