package com.sealflow.server.seal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/** Reacts to seal changes inside the changing transaction: a failed future rolls the change back. */
@FunctionalInterface
public interface SealListener {

    Future<Void> sealChanged(SqlConnection conn, SealChanged event);
}
