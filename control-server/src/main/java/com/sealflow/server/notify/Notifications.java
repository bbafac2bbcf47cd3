package com.sealflow.server.notify;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;

/**
 * What a person is told: stored in the caller's transaction (so a notification exists exactly when the action
 * does) and pushed to their open pages once it commits.
 */
public final class Notifications {

    public static final String EVENT = "notification";

    private final Database db;
    private final Clock clock;
    private final LiveEvents live;
    private final MailNotices mail;

    /** In-app and live only (no e-mail). */
    public Notifications(Database db, Clock clock, LiveEvents live) {
        this(db, clock, live, null);
    }

    Notifications(Database db, Clock clock, LiveEvents live, MailNotices mail) {
        this.db = db;
        this.clock = clock;
        this.live = live;
        this.mail = mail;
    }

    /**
     * {@code kind}: a stable machine name ({@code task.assigned}, {@code request.approved}…); {@code link}: the
     * web app path to open ({@code /requests/<id>}). Completes with the notification's id. Tasks, reminders and the
     * end of a request are also e-mailed (through the outbox, same transaction) when mail is configured.
     */
    public Future<String> notify(SqlConnection tx, String userId, String kind, String title, String body, String link) {
        String id = Ids.newId();
        long now = clock.millis();
        return db.execute(tx, "INSERT INTO notifications (id, user_id, kind, title, body, link, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                id, userId, kind, title, body, link, now)
            .map(v -> {
                live.publishAfterCommit(tx, userId, EVENT, new JsonObject().put("id", id).put("kind", kind).put("title", title)
                    .put("body", body).put("link", link).put("createdAt", now).put("readAt", (Long) null));
                return id;
            })
            .compose(nid -> mail == null ? Future.succeededFuture(nid) : mail.onNotification(tx, userId, kind, title, body, link).map(nid));
    }

    static JsonObject toJson(Row r) {
        return new JsonObject().put("id", r.getString("id")).put("kind", r.getString("kind")).put("title", r.getString("title"))
            .put("body", r.getString("body")).put("link", r.getString("link")).put("createdAt", r.getLong("created_at"))
            .put("readAt", r.getLong("read_at"));
    }

    Database db() {
        return db;
    }

    Clock clock() {
        return clock;
    }
}
