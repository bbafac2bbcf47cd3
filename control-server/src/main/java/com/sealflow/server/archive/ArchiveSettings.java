package com.sealflow.server.archive;

import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.ServerConfig;
import java.nio.file.Path;

/**
 * Archive settings (config key / environment variable):
 * <ul>
 * <li>{@code public.url} / {@code SEALFLOW_PUBLIC_URL}: the base of the verification link in the QR code;</li>
 * <li>{@code archive.export.dir} / {@code SEALFLOW_ARCHIVE_EXPORT_DIR}: where records are exported for keeping outside
 * the database by a timer (unset: {@code <data dir>/archive-export}, written only on {@code POST /api/archive/export});</li>
 * <li>{@code archive.retention.years} / {@code SEALFLOW_ARCHIVE_RETENTION_YEARS}: how long records must be kept (default
 * 30); the server never deletes a record, the value is written into every record and export as {@code retainUntil};</li>
 * <li>{@code company.name} / {@code SEALFLOW_COMPANY_NAME}: the company named on evidence packs;</li>
 * <li>{@code pdf.font} / {@code SEALFLOW_PDF_FONT}: a TrueType font with Chinese glyphs for the evidence pack.</li>
 * </ul>
 */
public record ArchiveSettings(String publicUrl, Path exportDir, boolean autoExport, int retentionYears, String company,
                              String pdfFont) {

    /** Records are exported by a timer only when the directory is configured; else on request (POST /api/archive/export). */
    public static ArchiveSettings load(ServerConfig config, ConfigSource src, String defaultCompany) {
        java.util.Optional<String> dir = src.get("archive.export.dir");
        return new ArchiveSettings(stripSlash(config.publicUrl()),
            dir.map(Path::of).orElse(config.dataDir().resolve("archive-export")), dir.isPresent(),
            src.integer("archive.retention.years", 30), src.string("company.name", defaultCompany), src.get("pdf.font").orElse(null));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The page a phone opens from the QR code. */
    public String verifyUrl(String code) {
        return publicUrl + "/verify/" + code;
    }
}
