package com.sealflow.server.auth;

import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.JsonBody;
import com.sealflow.server.web.Replies;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * First-admin setup: {@code POST /api/setup {token, username, name, password}} and a plain HTML form at
 * {@code GET /setup?token=} (no script: it posts the form to {@code POST /setup}) for a browser.
 */
final class SetupRoutes implements ApiRoutes {

    private final FirstAdmin firstAdmin;

    SetupRoutes(FirstAdmin firstAdmin) {
        this.firstAdmin = firstAdmin;
    }

    @Override
    public void mount(Router r) {
        r.post("/api/setup").handler(this::setupJson);
        r.get("/setup").handler(this::form);
        r.post("/setup").handler(io.vertx.ext.web.handler.BodyHandler.create(false).setBodyLimit(8192)).handler(this::setupForm);
    }

    private void setupJson(RoutingContext ctx) {
        JsonBody b = JsonBody.of(ctx);
        firstAdmin.setup(b.string("token"), b.string("username"), b.string("name"), b.string("password"))
            .onSuccess(u -> Replies.created(ctx, u.toJson())).onFailure(ctx::fail);
    }

    private void form(RoutingContext ctx) {
        String token = escape(ctx.request().getParam("token", ""));
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end("<!doctype html><html lang=\"zh-CN\"><head>"
            + "<meta charset=\"utf-8\"><title>SealFlow setup</title></head><body><h1>SealFlow 印流 — 创建管理员 / create the admin</h1>"
            + "<form method=\"post\" action=\"/setup\"><input type=\"hidden\" name=\"token\" value=\"" + token + "\">"
            + "<p><label>Username <input name=\"username\" required value=\"admin\"></label></p>"
            + "<p><label>Name <input name=\"name\" required value=\"Administrator\"></label></p>"
            + "<p><label>Password <input name=\"password\" type=\"password\" minlength=\"8\" required></label></p>"
            + "<p><button type=\"submit\">Create</button></p></form></body></html>");
    }

    private void setupForm(RoutingContext ctx) {
        var f = ctx.request().formAttributes();
        firstAdmin.setup(f.get("token"), f.get("username"), f.get("name"), f.get("password"))
            .onSuccess(u -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!doctype html><html><body><p>Admin " + escape(u.username())
                    + " created. <a href=\"/\">Log in</a>.</p></body></html>"))
            .onFailure(ctx::fail);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
