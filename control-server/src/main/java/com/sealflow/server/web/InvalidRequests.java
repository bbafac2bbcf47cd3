package com.sealflow.server.web;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder already refused (a request line or headers over the limits, a broken request) never
 * reach the router; they still get a problem+json answer like every other error, then the connection closes.
 */
final class InvalidRequests {

    private InvalidRequests() {
    }

    static void answer(HttpServerRequest req) {
        DecoderResult result = req.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        ProblemException p;
        if (cause instanceof TooLongHttpLineException) {
            p = new ProblemException(414, "uri-too-long", "URI too long", "the request line exceeds the size limit");
        } else if (cause instanceof TooLongHttpHeaderException) {
            p = new ProblemException(431, "headers-too-large", "Request headers too large", "the request headers exceed the size limit");
        } else {
            p = ProblemException.badRequest("the request could not be decoded");
        }
        // the rest of the broken request is still on the wire: the connection cannot be reused
        req.response().setStatusCode(p.status()).putHeader("Content-Type", Problems.CONTENT_TYPE).putHeader("Connection", "close")
            .end(p.toJson(null).encode());
        req.connection().close();
    }
}
