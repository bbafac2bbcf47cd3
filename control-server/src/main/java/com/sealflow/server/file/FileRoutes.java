package com.sealflow.server.file;

import com.sealflow.server.db.Database;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code POST /api/files} (multipart field {@code file}) and {@code GET /api/files/{id}} (the bytes, if allowed). */
public final class FileRoutes implements ApiRoutes {

    /** Room for the multipart envelope around the file. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final FileService files;
    private final Database db;
    private final long maxFileBytes;

    public FileRoutes(FileService files, Database db, long maxFileBytes) {
        this.files = files;
        this.db = db;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public List<BodyLimit> bodyLimits() {
        return List.of(new BodyLimit(HttpMethod.POST, "/api/files", maxFileBytes + MULTIPART_OVERHEAD, true));
    }

    @Override
    public String openApiFragment() {
        return "openapi/file.json";
    }

    @Override
    public void mount(Router r) {
        r.post("/api/files").handler(Access.requireAuth()).handler(this::upload);
        r.get("/api/files/:id").handler(Access.requireAuth()).handler(this::download);
    }

    private void upload(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        List<FileUpload> uploads = ctx.fileUploads().stream().filter(u -> u.name().equals("file")).toList();
        if (uploads.size() != 1 || ctx.fileUploads().size() != 1) {
            throw ProblemException.badRequest("send exactly one multipart/form-data part named 'file'");
        }
        FileUpload up = uploads.get(0);
        files.accept(me, Path.of(up.uploadedFileName()), cleanName(up.fileName()), up.contentType(), maxFileBytes)
            .onSuccess(f -> Replies.created(ctx, f.toJson()))
            .onFailure(ctx::fail);
    }

    private void download(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        files.find(db.pool(), ctx.pathParam("id"))
            .compose(f -> f.isEmpty() ? Future.<StoredFile>succeededFuture(null)
                : files.mayRead(me, f.get()).map(ok -> ok ? f.get() : null))
            .map(f -> {
                if (f == null) {
                    // not found and not allowed look alike: ids are not an oracle
                    throw ProblemException.notFound("file");
                }
                return f;
            })
            .onSuccess(f -> ctx.response()
                .putHeader("Content-Type", f.contentType())
                .putHeader("Content-Disposition", "attachment; filename*=UTF-8''" + URLEncoder.encode(f.name(), StandardCharsets.UTF_8)
                    .replace("+", "%20"))
                .putHeader("Content-Security-Policy", "sandbox")
                .putHeader("X-File-Sha256", f.sha256())
                .sendFile(files.path(f).toString()))
            .onFailure(ctx::fail);
    }

    /**
     * The last path segment, without control or format characters (bidi overrides such as U+202E would let
     * "invoice\u202Efdp.exe" display as "invoiceexe.pdf"), at most 200 characters.
     */
    static String cleanName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\\p{Cf}]", "").trim();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            n = "file";
        }
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }
}
