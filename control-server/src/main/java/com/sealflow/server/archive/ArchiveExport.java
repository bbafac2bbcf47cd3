package com.sealflow.server.archive;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes archived records out of the database for long-term keeping: {@code <export dir>/<year>/<archive no>/} holds
 * {@code record.json} (the record and its addenda exactly as hashed, with their chain hashes), {@code evidence.pdf} and
 * {@code photos/<sha256>.jpg}. Files are written to a temporary name and moved into place; a record is marked exported
 * only after all its files are there. Addenda made after the export are written on the next export as the record is
 * written again (its {@code record.json} names how many entries it holds).
 */
final class ArchiveExport {

    private final Vertx vertx;
    private final ArchiveService service;
    private final Function<String, byte[]> photos;
    private final Clock clock;

    ArchiveExport(Vertx vertx, ArchiveService service, Function<String, byte[]> photos, Clock clock) {
        this.vertx = vertx;
        this.service = service;
        this.photos = photos;
        this.clock = clock;
    }

    /** Exports up to {@code max} records not exported yet; returns their numbers. */
    Future<List<String>> exportNew(int max) {
        ArchiveStore store = service.store();
        return store.db().execute("SELECT r.no FROM archive_record r WHERE NOT EXISTS (SELECT 1 FROM archive_export x "
                + "WHERE x.entry_seq = r.entry_seq) ORDER BY r.entry_seq LIMIT $1", max)
            .compose(rs -> {
                List<String> nos = new ArrayList<>();
                rs.forEach(r -> nos.add(r.getString(0)));
                Future<List<String>> chain = Future.succeededFuture(new ArrayList<>());
                for (String no : nos) {
                    chain = chain.compose(done -> export(no).map(x -> {
                        done.add(no);
                        return done;
                    }));
                }
                return chain;
            });
    }

    /** Writes one record's directory (again, if it exists) and marks it exported. */
    Future<Path> export(String no) {
        return service.detailForSystem(no).compose(detail -> vertx.executeBlocking(() -> write(detail)).compose(dir ->
            service.store().db().execute("DELETE FROM archive_export WHERE entry_seq = $1", detail.getLong("seq"))
                .compose(x -> service.store().db().execute("INSERT INTO archive_export (entry_seq, exported_at, path) VALUES ($1, $2, $3)",
                    detail.getLong("seq"), clock.millis(), dir.toString()))
                .map(dir)));
    }

    private Path write(JsonObject detail) throws IOException {
        String no = detail.getString("no");
        Path dir = service.settings().exportDir().resolve(no.substring(3, 7)).resolve(no);
        Files.createDirectories(dir.resolve("photos"));
        atomically(dir.resolve("record.json"), detail.encodePrettily().getBytes(StandardCharsets.UTF_8));
        for (Object o : detail.getJsonObject("record", new JsonObject()).getJsonArray("presses", new io.vertx.core.json.JsonArray())) {
            String sha = ((JsonObject) o).getString("photoSha256");
            byte[] jpeg = sha == null ? null : photos.apply(sha);
            if (jpeg != null) {
                atomically(dir.resolve("photos").resolve(sha + ".jpg"), jpeg);
            }
        }
        atomically(dir.resolve("evidence.pdf"), EvidencePdf.render(detail, photos, service.settings().pdfFont()));
        return dir;
    }

    private static void atomically(Path target, byte[] bytes) {
        try {
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
