package com.sealflow.server.config;

import java.time.Duration;
import java.util.Locale;

/**
 * E-mail and webhook delivery settings. Mail is off while {@code smtpHost} is unset.
 *
 * @param smtpHost       SMTP server ({@code SEALFLOW_SMTP_HOST}); null = no e-mail
 * @param smtpPort       {@code SEALFLOW_SMTP_PORT}; default 465 for {@code ssl}, 587 otherwise
 * @param smtpUser       login ({@code SEALFLOW_SMTP_USER}); null = no AUTH
 * @param smtpPassword   {@code SEALFLOW_SMTP_PASSWORD}
 * @param smtpFrom       the From address ({@code SEALFLOW_SMTP_FROM})
 * @param smtpTls        {@code starttls} (required), {@code ssl} (implicit TLS) or {@code none} ({@code SEALFLOW_SMTP_TLS})
 * @param mailLocale     language of the messages: {@code zh-CN} (default) or {@code en} ({@code SEALFLOW_MAIL_LOCALE})
 * @param relay          whether this node sends pending deliveries ({@code SEALFLOW_NOTIFY_RELAY}); with several nodes
 *                       any number may relay, each delivery is claimed by one
 * @param retryBase      the first retry waits this long, each later one twice as long (capped at six hours)
 * @param maxAttempts    after this many failed attempts a delivery is given up (FAILED; an admin may redeliver)
 * @param webhookTimeout how long one webhook request may take
 */
public record NotifySettings(String smtpHost, int smtpPort, String smtpUser, String smtpPassword, String smtpFrom,
                             String smtpTls, String mailLocale, boolean relay, Duration retryBase, int maxAttempts,
                             Duration webhookTimeout) {

    public static final String TLS_STARTTLS = "starttls";
    public static final String TLS_SSL = "ssl";
    public static final String TLS_NONE = "none";

    static NotifySettings load(ConfigSource src) {
        String tls = src.get("smtp.tls").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "starttls", "true", "required" -> TLS_STARTTLS;
            case "ssl", "tls", "smtps" -> TLS_SSL;
            case "none", "false", "off" -> TLS_NONE;
            default -> throw new IllegalArgumentException(ConfigSource.envName("smtp.tls")
                + " must be starttls, ssl or none, not '" + v + "'");
        }).orElse(TLS_STARTTLS);
        int maxAttempts = src.integer("notify.max.attempts", 8);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(ConfigSource.envName("notify.max.attempts") + " must be at least 1");
        }
        String locale = src.string("mail.locale", "zh-CN");
        return new NotifySettings(src.get("smtp.host").orElse(null), src.integer("smtp.port", TLS_SSL.equals(tls) ? 465 : 587),
            src.get("smtp.user").orElse(null), src.get("smtp.password").orElse(null),
            src.string("smtp.from", "SealFlow <noreply@sealflow.local>"), tls,
            locale.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "zh-CN", src.flag("notify.relay", true),
            Duration.ofSeconds(src.integer("notify.retry.base.seconds", 30)), maxAttempts,
            Duration.ofSeconds(src.integer("webhook.timeout.seconds", 10)));
    }

    public boolean mailEnabled() {
        return smtpHost != null;
    }

    @Override
    public String toString() {
        // never print the password
        return "NotifySettings[smtp=" + (smtpHost == null ? "off" : smtpHost + ":" + smtpPort + "/" + smtpTls) + ", relay=" + relay + "]";
    }
}
