package com.sealflow.server.notify;

import com.sealflow.server.approval.ApprovalListener;
import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.config.NotifySettings;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import com.sealflow.server.org.Directory;
import com.sealflow.server.request.RequestService;
import com.sealflow.server.web.ApiRoutes;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Notifications that leave the server: e-mail over SMTP and signed webhooks, both through a transactional outbox
 * (a delivery row is written with the action that caused it; a relay sends it after commit and retries with
 * backoff). Built once by the server: {@link #notifications()} is the platform's notification service (it mails
 * tasks and results to people with an address when SMTP is configured), {@link #routes()} the admin API,
 * {@link #approvalWebhooks} the engine listener that turns approval events and AUTO WEBHOOK nodes into deliveries.
 */
public final class NotifyModule {

    private final Notifications notifications;
    private final WebhookRoutes routes;
    private final Webhooks webhooks;
    private final DeliveryRelay relay;
    private final MailChannel mail;
    private final WebhookChannel http;
    private final boolean relayEnabled;

    private NotifyModule(Notifications notifications, WebhookRoutes routes, Webhooks webhooks, DeliveryRelay relay,
                         MailChannel mail, WebhookChannel http, boolean relayEnabled) {
        this.notifications = notifications;
        this.routes = routes;
        this.webhooks = webhooks;
        this.relay = relay;
        this.mail = mail;
        this.http = http;
        this.relayEnabled = relayEnabled;
    }

    public static NotifyModule create(Vertx vertx, ServerConfig config, Clock clock, Database db, Directory directory,
                                      AuditLog audit, LiveEvents live) {
        NotifySettings s = config.notifications();
        Outbox outbox = new Outbox(db, clock);
        WebhookEndpoints endpoints = new WebhookEndpoints(db);
        Map<String, DeliveryRelay.Channel> channels = new HashMap<>();
        MailChannel mail = s.mailEnabled() ? new MailChannel(vertx, s) : null;
        if (mail != null) {
            channels.put(Outbox.MAIL, mail);
        }
        WebhookChannel http = new WebhookChannel(vertx, endpoints, clock, s.webhookTimeout());
        channels.put(Outbox.WEBHOOK, http);
        DeliveryRelay relay = new DeliveryRelay(vertx, db, clock, "node-" + Ids.newId(), channels, s.retryBase(), s.maxAttempts());
        if (s.relay()) {
            outbox.onCommit(relay::kick);
        }
        Notifications notifications = new Notifications(db, clock, live,
            mail == null ? null : new MailNotices(directory, outbox, s.mailLocale(), config.publicUrl()));
        Webhooks webhooks = new Webhooks(endpoints, outbox, clock);
        WebhookRoutes routes = new WebhookRoutes(endpoints, webhooks, audit, clock, relay::kick);
        return new NotifyModule(notifications, routes, webhooks, relay, mail, http, s.relay());
    }

    public Notifications notifications() {
        return notifications;
    }

    public ApiRoutes routes() {
        return routes;
    }

    /** Register with the approval engine ({@code engine.onEvent}); {@code requests} describes the request in payloads. */
    public ApprovalListener approvalWebhooks(RequestService requests) {
        return new WebhookEvents(webhooks, requests);
    }

    /** Starts the relay (unless this node is configured not to relay): pending deliveries go out from now on. */
    public void start() {
        if (relayEnabled) {
            relay.start();
        }
    }

    /** Stops sending; rows not yet sent stay in the outbox for the next relay. */
    public void stop() {
        relay.stop();
        if (mail != null) {
            mail.close();
        }
        http.close();
    }
}
