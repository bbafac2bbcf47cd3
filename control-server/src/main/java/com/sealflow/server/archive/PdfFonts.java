package com.sealflow.server.archive;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a font with Chinese glyphs for the evidence pack: the configured {@code pdf.font} first, then the usual Linux,
 * macOS and Windows locations. A TrueType collection ({@code .ttc}) is opened as a collection and its Simplified
 * Chinese member chosen. PDFBox can embed TrueType outlines only; when no such font is found (Debian's Noto CJK is
 * CFF-flavoured), {@link #awt} gives the same font to Java2D and {@link PdfCanvas} draws Chinese lines as images while
 * Latin text (numbers, hashes) stays real text in Helvetica.
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
        if (noneEmbeddable) {
            return null;
        }
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
                if (cffOnly(f)) {
                    continue;
                }
                PDFont font = path.toLowerCase(java.util.Locale.ROOT).endsWith(".ttc") ? fromCollection(doc, f) : single(doc, f);
                if (font != null) {
                    return font;
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("font {} not usable for PDFs: {}", path, e.toString());
            }
        }
        noneEmbeddable = true; // fonts do not appear while the server runs: look once
        return null;
    }

    private static volatile boolean noneEmbeddable;

    /** True when the font (or a collection's first member) has CFF outlines: reading 12 bytes beats parsing 20 MB. */
    static boolean cffOnly(File f) throws IOException {
        try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(f, "r")) {
            int tag = in.readInt();
            if (tag == 0x74746366) { // 'ttcf': the offset table of the first member follows the header
                in.seek(12);
                in.seek(Integer.toUnsignedLong(in.readInt()));
                tag = in.readInt();
            }
            return tag == 0x4F54544F; // 'OTTO'
        }
    }

    private static PDFont single(PDDocument doc, File file) throws IOException {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(file))) {
            if (ttf instanceof OpenTypeFont otf && otf.isPostScript()) {
                return null;
            }
        }
        return PDType0Font.load(doc, file);
    }

    /** A Java2D font with Chinese glyphs from the same candidates (CFF outlines are fine here), or null. */
    static synchronized java.awt.Font awt(String configured) {
        if (awtLoaded) {
            return awtFont;
        }
        awtLoaded = true;
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
                java.awt.Font[] fonts = java.awt.Font.createFonts(f);
                java.awt.Font chosen = fonts[0];
                for (java.awt.Font font : fonts) {
                    String name = font.getFontName(java.util.Locale.ROOT);
                    if (name.contains("CJK SC") || name.contains("CJKsc")) {
                        chosen = font;
                    }
                }
                awtFont = chosen;
                return awtFont;
            } catch (IOException | java.awt.FontFormatException | RuntimeException e) {
                LOG.debug("font {} not usable for Java2D: {}", path, e.toString());
            }
        }
        LOG.warn("no font with Chinese glyphs found (set SEALFLOW_PDF_FONT): evidence packs use the JDK's default font");
        return null;
    }

    private static boolean awtLoaded;
    private static java.awt.Font awtFont;

    private static PDFont fromCollection(PDDocument doc, File file) throws IOException {
        // the collection must stay open while the document uses the font: it closes with the JVM's file handles
        TrueTypeCollection ttc = new TrueTypeCollection(file);
        List<TrueTypeFont> members = new ArrayList<>();
        ttc.processAllFonts(members::add);
        // PDFBox embeds TrueType outlines only: CFF-flavoured OpenType (Noto CJK) is left to the Java2D fallback
        members.removeIf(m -> m instanceof OpenTypeFont otf && otf.isPostScript());
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
