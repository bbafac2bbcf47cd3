package com.sealflow.server.request;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/** Writes each request event to the server's audit chain, inside the transaction that caused it. */
@FunctionalInterface
public interface RequestAudit {

    Future<Void> record(SqlConnection conn, String requestId, String actorId, String kind, JsonObject detail);

    RequestAudit NONE = (conn, requestId, actorId, kind, detail) -> Future.succeededFuture();
}
