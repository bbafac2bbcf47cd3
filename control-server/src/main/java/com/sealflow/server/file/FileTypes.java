package com.sealflow.server.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * What a file IS, judged by its bytes (magic numbers; for zip containers, the entries that make a DOCX or an
 * XLSX), never by its name or the type the client claims. Names and claims are only checked against it.
 */
public final class FileTypes {

    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String TEXT = "text/plain";

    static final Map<String, String> BY_EXTENSION = Map.of(
        "pdf", PDF, "png", PNG, "jpg", JPEG, "jpeg", JPEG, "docx", DOCX, "xlsx", XLSX, "txt", TEXT, "csv", TEXT);

    /** Claimed types that mean the same as ours. */
    static final Map<String, String> ALIASES = Map.of("image/jpg", JPEG, "image/pjpeg", JPEG, "text/csv", TEXT);

    private static final int TEXT_SNIFF_BYTES = 64 * 1024;

    private FileTypes() {
    }

    /** The detected type of the file, or null when it is none we accept. Blocking. */
    public static String detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(TEXT_SNIFF_BYTES);
        }
        if (startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return PDF;
        }
        if (startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return PNG;
        }
        if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return JPEG;
        }
        if (startsWith(head, new byte[] {'P', 'K', 3, 4})) {
            return office(file);
        }
        return isText(head) && (head.length < TEXT_SNIFF_BYTES || isText(Files.readAllBytes(file))) ? TEXT : null;
    }

    /** A zip is accepted only as a DOCX or XLSX; only the entry names are read (no decompression). */
    private static String office(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("[Content_Types].xml") == null) {
                return null;
            }
            if (zip.getEntry("word/document.xml") != null) {
                return DOCX;
            }
            if (zip.getEntry("xl/workbook.xml") != null) {
                return XLSX;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** UTF-8 without control characters other than tab, CR, LF and form feed. */
    static boolean isText(byte[] bytes) {
        if (bytes.length == 0) {
            return false;
        }
        byte[] b = bytes;
        if (bytes.length == TEXT_SNIFF_BYTES) {
            // the sniffed prefix may end inside a multi-byte character
            b = Arrays.copyOf(bytes, Math.max(0, bytes.length - 3));
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            return s.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Our type for a claimed Content-Type (parameters dropped, aliases resolved), or null when it claims nothing. */
    static String normaliseClaim(String contentType) {
        if (contentType == null) {
            return null;
        }
        String t = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("application/octet-stream")) {
            return null;
        }
        return ALIASES.getOrDefault(t, t);
    }

    static String byExtension(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        return dot < 0 ? null : BY_EXTENSION.get(filename.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
