package com.sealflow.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves the caller of a request (implemented by the auth module: session cookie or personal API
 * token). Completes with null for an anonymous request; never fails for bad credentials (the route's
 * own {@link Access} check answers 401), only for infrastructure errors.
 */
public interface Authenticator {
    Future<CurrentUser> authenticate(RoutingContext ctx);
}
