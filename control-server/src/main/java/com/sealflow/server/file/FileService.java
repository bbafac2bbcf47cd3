package com.sealflow.server.file;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Uploaded files: checked by content, stored once per content under {@code <data dir>/files/<ab>/<sha256>},
 * recorded per uploader (the same bytes uploaded again by the same person are the same file). Other modules
 * use {@link #find} to validate file ids and {@link #registerAccessPolicy} to let their users read files.
 */
public final class FileService {

    private final Vertx vertx;
    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final Path root;
    private final List<FileAccessPolicy> policies = new CopyOnWriteArrayList<>();

    public FileService(Vertx vertx, Database db, AuditLog audit, Clock clock, Path dataDir) {
        this.vertx = vertx;
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.root = dataDir.resolve("files");
    }

    public void registerAccessPolicy(FileAccessPolicy policy) {
        policies.add(policy);
    }

    public Future<Optional<StoredFile>> find(SqlClient c, String id) {
        return db.execute(c, "SELECT id, name, size, sha256, content_type, owner_id, created_at FROM files WHERE id = $1", id)
            .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(toFile(rs.iterator().next())));
    }

    /** Where the bytes are. */
    public Path path(StoredFile f) {
        return root.resolve(f.sha256().substring(0, 2)).resolve(f.sha256());
    }

    /** Owner, auditors and admins, or anyone a registered policy admits. */
    public Future<Boolean> mayRead(CurrentUser user, StoredFile f) {
        if (user.id().equals(f.ownerId()) || user.hasAnyRole(Role.AUDITOR, Role.ADMIN)) {
            return Future.succeededFuture(true);
        }
        Future<Boolean> result = Future.succeededFuture(false);
        for (FileAccessPolicy p : policies) {
            result = result.compose(yes -> yes ? Future.succeededFuture(true) : p.mayRead(user, f));
        }
        return result;
    }

    /** What an upload turned out to be. */
    record Checked(String contentType, String sha256, long size) {
    }

    /**
     * Checks the uploaded temp file (type by content against name and claim) and stores its bytes. Blocking
     * parts run on a worker; completes with the file record (a new one, or the uploader's earlier identical one).
     */
    Future<StoredFile> accept(CurrentUser user, Path upload, String name, String claimedType, long maxBytes) {
        return vertx.executeBlocking(() -> checkAndStore(upload, name, claimedType, maxBytes), false)
            .compose(c -> db.inTransaction(tx -> db.execute(tx, "SELECT id, name, size, sha256, content_type, owner_id, created_at"
                    + " FROM files WHERE owner_id = $1 AND sha256 = $2 AND name = $3", user.id(), c.sha256(), name)
                .compose(rs -> {
                    if (rs.size() > 0) {
                        return Future.succeededFuture(toFile(rs.iterator().next()));
                    }
                    StoredFile f = new StoredFile(Ids.newId(), name, c.size(), c.sha256(), c.contentType(), user.id(), clock.millis());
                    return db.execute(tx, "INSERT INTO files (id, name, size, sha256, content_type, owner_id, created_at)"
                            + " VALUES ($1, $2, $3, $4, $5, $6, $7)", f.id(), f.name(), f.size(), f.sha256(), f.contentType(),
                            f.ownerId(), f.createdAt())
                        .compose(v -> audit.append(tx, user.id(), "file.upload", "file", f.id(),
                            new JsonObject().put("name", name).put("sha256", f.sha256()).put("size", f.size())))
                        .map(f);
                })));
    }

    private Checked checkAndStore(Path upload, String name, String claimedType, long maxBytes) throws IOException {
        long size = Files.size(upload);
        if (size == 0) {
            throw ProblemException.badRequest("the file is empty");
        }
        if (size > maxBytes) {
            throw new ProblemException(413, "payload-too-large", "File too large", "files may have at most " + maxBytes + " bytes");
        }
        String detected = FileTypes.detect(upload);
        if (detected == null) {
            throw new ProblemException(415, "unsupported-file-type", "Unsupported file type",
                "accepted are PDF, PNG, JPEG, DOCX, XLSX and plain text, judged by content");
        }
        String claimed = FileTypes.normaliseClaim(claimedType);
        String byName = FileTypes.byExtension(name);
        if ((claimed != null && !claimed.equals(detected)) || (byName != null && !byName.equals(detected))) {
            String claim = claimed != null && !claimed.equals(detected) ? claimed : byName;
            throw new ProblemException(415, "file-type-mismatch", "File type mismatch",
                "the content is " + detected + " but the file claims to be " + claim);
        }
        String sha = sha256(upload);
        Path target = root.resolve(sha.substring(0, 2)).resolve(sha);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), sha, ".part");
            try {
                Files.copy(upload, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return new Checked(detected, sha, size);
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StoredFile toFile(Row r) {
        return new StoredFile(r.getString("id"), r.getString("name"), r.getLong("size"), r.getString("sha256"),
            r.getString("content_type"), r.getString("owner_id"), r.getLong("created_at"));
    }
}
