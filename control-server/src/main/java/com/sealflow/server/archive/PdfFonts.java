package com.sealflow.server.archive;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a font with Chinese glyphs for the evidence pack: the configured {@code pdf.font} first, then the usual Linux,
 * macOS and Windows locations. A TrueType collection ({@code .ttc}) is opened as a collection and its Simplified
 * Chinese member chosen. Returns null when none loads: the PDF then draws text as images (see {@link PdfCanvas}).
 */
final class PdfFonts {

    private static final Logger LOG = LoggerFactory.getLogger(PdfFonts.class);
    static final List<String> CANDIDATES = List.of(
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/System/Library/Fonts/PingFang.ttc",
        "C:/Windows/Fonts/msyh.ttc",
        "C:/Windows/Fonts/simsun.ttc");
    private static final List<String> PREFERRED_MEMBERS = List.of("NotoSansCJKsc-Regular", "WenQuanYiZenHei", "SimSun",
        "MicrosoftYaHei");

    private PdfFonts() {
    }

    static PDFont load(PDDocument doc, String configured) {
        List<String> paths = new ArrayList<>();
        if (configured != null) {
            paths.add(configured);
        }
        paths.addAll(CANDIDATES);
        for (String path : paths) {
            File f = new File(path);
            if (!f.isFile()) {
                continue;
            }
            try {
                PDFont font = path.toLowerCase(java.util.Locale.ROOT).endsWith(".ttc") ? fromCollection(doc, f) : PDType0Font.load(doc, f);
                if (font != null) {
                    return font;
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("font {} not usable for PDFs: {}", path, e.toString());
            }
        }
        return null;
    }

    private static PDFont fromCollection(PDDocument doc, File file) throws IOException {
        // the collection must stay open while the document uses the font: it closes with the JVM's file handles
        TrueTypeCollection ttc = new TrueTypeCollection(file);
        List<TrueTypeFont> members = new ArrayList<>();
        ttc.processAllFonts(members::add);
        TrueTypeFont chosen = members.isEmpty() ? null : members.get(0);
        for (String name : PREFERRED_MEMBERS) {
            for (TrueTypeFont m : members) {
                if (name.equalsIgnoreCase(m.getName())) {
                    chosen = m;
                }
            }
        }
        return chosen == null ? null : PDType0Font.load(doc, chosen, true);
    }
}
