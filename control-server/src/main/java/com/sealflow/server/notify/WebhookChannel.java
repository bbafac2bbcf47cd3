package com.sealflow.server.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs a webhook delivery to its endpoint's current URL with the delivery id, event type, timestamp and signature
 * headers. A 2xx answer delivers it; anything else (or no answer within the timeout) is retried later; an endpoint
 * that was deleted or disabled in the meantime gives the delivery up.
 */
final class WebhookChannel implements DeliveryRelay.Channel, AutoCloseable {

    private final WebClient client;
    private final WebhookEndpoints endpoints;
    private final Clock clock;
    private final long timeoutMs;

    WebhookChannel(Vertx vertx, WebhookEndpoints endpoints, Clock clock, Duration timeout) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setUserAgent("SealFlow-Webhook/1")
            .setConnectTimeout((int) timeout.toMillis()));
        this.endpoints = endpoints;
        this.clock = clock;
        this.timeoutMs = timeout.toMillis();
    }

    @Override
    public Future<DeliveryRelay.Outcome> send(DeliveryRelay.Delivery d) {
        return endpoints.find(endpoints.db().pool(), d.target()).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(DeliveryRelay.Outcome.gone("the endpoint was deleted"));
            }
            WebhookEndpoints.Endpoint e = found.get();
            if (!e.active()) {
                return Future.succeededFuture(DeliveryRelay.Outcome.gone("the endpoint is disabled"));
            }
            long ts = clock.millis() / 1000;
            return client.postAbs(e.url()).timeout(timeoutMs)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader(WebhookSignature.DELIVERY_ID, d.id())
                .putHeader(WebhookSignature.EVENT, d.eventType())
                .putHeader(WebhookSignature.TIMESTAMP, Long.toString(ts))
                .putHeader(WebhookSignature.HEADER, WebhookSignature.sign(e.secret(), ts, d.payload()))
                .sendBuffer(Buffer.buffer(d.payload()))
                .map(res -> res.statusCode() / 100 == 2 ? DeliveryRelay.Outcome.delivered(res.statusCode())
                    : DeliveryRelay.Outcome.failed(res.statusCode(), "HTTP " + res.statusCode()))
                .recover(x -> Future.succeededFuture(
                    DeliveryRelay.Outcome.failed(null, x.getClass().getSimpleName() + ": " + x.getMessage())));
        });
    }

    @Override
    public void close() {
        client.close();
    }
}
