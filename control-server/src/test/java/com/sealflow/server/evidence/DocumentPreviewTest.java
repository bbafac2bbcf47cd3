package com.sealflow.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentPreviewTest {

    @TempDir
    Path dir;

    @Test
    void drawsTheFirstPageOfAPdfAsAPngNoLargerThanTheLimit() throws Exception {
        Path pdf = dir.resolve("contract.pdf");
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < 2; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                    // a black bar on the first page only
                    c.addRect(50, 700, i == 0 ? 400 : 0, 60);
                    c.fill();
                }
            }
            doc.save(pdf.toFile());
        }
        byte[] png = DocumentPreview.firstPage(pdf);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(DocumentPreview.MAX_SIDE).isGreaterThan(1000);
        assertThat(image.getHeight()).isGreaterThan(image.getWidth());
        // the bar is drawn: a dark pixel inside it, white outside
        double scale = image.getWidth() / PDRectangle.A4.getWidth();
        int x = (int) (200 * scale);
        int yBar = (int) ((PDRectangle.A4.getHeight() - 730) * scale);
        assertThat(image.getRGB(x, yBar) & 0xffffff).isLessThan(0x202020);
        assertThat(image.getRGB(x, yBar + (int) (200 * scale)) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void refusesWhatIsNotAPdf() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pdf"), "not a pdf");
        assertThatThrownBy(() -> DocumentPreview.firstPage(junk)).isInstanceOf(IOException.class);
    }
}
