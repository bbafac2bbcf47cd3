package com.sealflow.server.evidence;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;

/** The first page of a PDF as a PNG, at most {@link #MAX_SIDE} pixels on its longer side. Blocking: run on a worker. */
final class DocumentPreview {

    static final int MAX_SIDE = 1400;

    private DocumentPreview() {
    }

    static byte[] firstPage(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            if (doc.getNumberOfPages() == 0) {
                throw new IOException("the PDF has no pages");
            }
            PDRectangle box = doc.getPage(0).getCropBox();
            float longer = Math.max(box.getWidth(), box.getHeight());
            float scale = longer <= 0 ? 1f : Math.min(2f, MAX_SIDE / longer);
            BufferedImage image = new PDFRenderer(doc).renderImage(0, scale);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
    }
}
