package com.sealflow.server.notify;

import com.sealflow.server.config.NotifySettings;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * Sends outbox e-mails over SMTP (non-blocking). The Message-ID is the delivery id, so a message sent again after a
 * crash carries the same id and mail clients show it once.
 */
final class MailChannel implements DeliveryRelay.Channel, AutoCloseable {

    private final MailClient client;
    private final String from;
    private final String domain;

    MailChannel(Vertx vertx, NotifySettings s) {
        MailConfig config = new MailConfig().setHostname(s.smtpHost()).setPort(s.smtpPort()).setConnectTimeout(10_000)
            .setKeepAlive(true).setMaxPoolSize(2);
        switch (s.smtpTls()) {
            case NotifySettings.TLS_SSL -> config.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
            case NotifySettings.TLS_NONE -> config.setStarttls(StartTLSOptions.DISABLED);
            default -> config.setStarttls(StartTLSOptions.REQUIRED);
        }
        if (s.smtpUser() != null) {
            config.setUsername(s.smtpUser()).setPassword(s.smtpPassword()).setLogin(LoginOption.REQUIRED);
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        this.client = MailClient.create(vertx, config);
        this.from = s.smtpFrom();
        this.domain = domainOf(s.smtpFrom());
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        String d = at < 0 ? "sealflow.local" : address.substring(at + 1).replace(">", "").trim();
        return d.isEmpty() ? "sealflow.local" : d;
    }

    static String messageId(String deliveryId, String domain) {
        return "<" + deliveryId + "@" + domain + ">";
    }

    @Override
    public Future<DeliveryRelay.Outcome> send(DeliveryRelay.Delivery d) {
        MailMessage m = new MailMessage().setFrom(from).setTo(d.target()).setSubject(d.subject()).setText(d.payload())
            .setHeaders(MultiMap.caseInsensitiveMultiMap()
                .add("Message-ID", messageId(d.id(), domain))
                .add("X-SealFlow-Event", d.eventType())
                .add("Auto-Submitted", "auto-generated"));
        return client.sendMail(m).map(r -> DeliveryRelay.Outcome.delivered(250))
            .recover(e -> Future.succeededFuture(DeliveryRelay.Outcome.failed(null, "SMTP: " + e.getMessage())));
    }

    @Override
    public void close() {
        client.close();
    }
}
