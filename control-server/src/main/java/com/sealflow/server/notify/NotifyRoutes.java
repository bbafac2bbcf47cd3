package com.sealflow.server.notify;

import com.sealflow.server.db.Database;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.Paging;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/notifications} (mine, newest first, {@code ?unread=true}), {@code POST .../{id}/read},
 * {@code POST /api/notifications/read-all} and {@code GET /api/events}: a server-sent event stream of my
 * notifications and live-update events, with a comment line every {@value #PING_MS} ms to keep proxies open.
 */
public final class NotifyRoutes implements ApiRoutes {

    static final long PING_MS = 25_000;

    private final Vertx vertx;
    private final Notifications notifications;
    private final Database db;
    private final Set<HttpServerResponse> streams = ConcurrentHashMap.newKeySet();

    public NotifyRoutes(Vertx vertx, Notifications notifications) {
        this.vertx = vertx;
        this.notifications = notifications;
        this.db = notifications.db();
    }

    @Override
    public void mount(Router r) {
        r.get("/api/notifications").handler(Access.requireAuth()).handler(this::list);
        r.post("/api/notifications/read-all").handler(Access.requireAuth()).handler(this::readAll);
        r.post("/api/notifications/:id/read").handler(Access.requireAuth()).handler(this::read);
        r.get("/api/events").handler(Access.requireAuth()).handler(this::events);
    }

    @Override
    public String openApiFragment() {
        return "openapi/notify.json";
    }

    private void list(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        Paging paging = Paging.of(ctx);
        String unread = "true".equals(ctx.request().getParam("unread")) ? " AND read_at IS NULL" : "";
        db.execute("SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1" + unread, me.id())
            .compose(count -> db.execute("SELECT id, kind, title, body, link, created_at, read_at FROM notifications WHERE user_id = $1"
                    + unread + " ORDER BY created_at DESC, id DESC LIMIT " + paging.size() + " OFFSET " + paging.offset(), me.id())
                .compose(rs -> db.execute("SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL", me.id())
                    .map(u -> {
                        JsonArray items = new JsonArray();
                        for (Row r : rs) {
                            items.add(Notifications.toJson(r));
                        }
                        return paging.toJson(items, count.iterator().next().getLong("n"))
                            .put("unread", u.iterator().next().getLong("n"));
                    })))
            .onSuccess(page -> Replies.ok(ctx, page)).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        db.execute("UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3",
                notifications.clock().millis(), ctx.pathParam("id"), me.id())
            .map(rs -> {
                if (rs.rowCount() == 0) {
                    throw ProblemException.notFound("notification");
                }
                return rs;
            })
            .onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
    }

    private void readAll(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        db.execute("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL", notifications.clock().millis(), me.id())
            .onSuccess(rs -> Replies.ok(ctx, new JsonObject().put("updated", rs.rowCount()))).onFailure(ctx::fail);
    }

    private void events(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        HttpServerResponse res = ctx.response();
        res.setChunked(true)
            .putHeader("Content-Type", "text/event-stream; charset=utf-8")
            .putHeader("Cache-Control", "no-cache")
            .putHeader("X-Accel-Buffering", "no");
        res.write("retry: 5000\n: connected\n\n");
        MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(LiveEvents.address(me.id()), msg -> {
            JsonObject ev = msg.body();
            res.write("event: " + ev.getString("type") + "\ndata: " + ev.getJsonObject("data").encode() + "\n\n");
        });
        long ping = vertx.setPeriodic(PING_MS, t -> res.write(": ping\n\n"));
        streams.add(res);
        res.closeHandler(v -> {
            streams.remove(res);
            consumer.unregister();
            vertx.cancelTimer(ping);
        });
    }

    /** Ends every open stream (shutdown: browsers reconnect to another node or after the restart). */
    public void closeStreams() {
        for (HttpServerResponse res : streams) {
            if (!res.ended()) {
                res.end();
            }
            res.reset();
        }
        streams.clear();
    }
}
