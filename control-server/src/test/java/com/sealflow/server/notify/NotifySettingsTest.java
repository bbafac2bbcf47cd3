package com.sealflow.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.NotifySettings;
import com.sealflow.server.config.ServerConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SMTP and delivery settings from SEALFLOW_SMTP_* and friends; the signature and the templates, on their own. */
class NotifySettingsTest {

    /** {@code printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test_secret_0123'}. */
    static final String OPENSSL_VECTOR = "b1e06771f9a20c020fc4b9be257996790d615bbe4d030159b6a5669fdada024c";

    private static NotifySettings load(Map<String, String> env) {
        return ServerConfig.load(ConfigSource.ofValues(env)).notifications();
    }

    @Test
    void mailIsOffWithoutAHostAndTypedWithOne() {
        NotifySettings off = load(Map.of());
        assertThat(off.mailEnabled()).isFalse();
        assertThat(off.relay()).isTrue();
        assertThat(off.mailLocale()).isEqualTo("zh-CN");
        assertThat(off.retryBase()).isEqualTo(Duration.ofSeconds(30));
        assertThat(off.maxAttempts()).isEqualTo(8);

        NotifySettings on = load(Map.of("SEALFLOW_SMTP_HOST", "smtp.example.com", "SEALFLOW_SMTP_USER", "robot",
            "SEALFLOW_SMTP_PASSWORD", "pa55word-never-printed", "SEALFLOW_SMTP_FROM", "印流 <seal@example.com>",
            "SEALFLOW_SMTP_TLS", "ssl", "SEALFLOW_MAIL_LOCALE", "en-US"));
        assertThat(on.mailEnabled()).isTrue();
        assertThat(on.smtpPort()).isEqualTo(465);
        assertThat(on.smtpTls()).isEqualTo(NotifySettings.TLS_SSL);
        assertThat(on.smtpUser()).isEqualTo("robot");
        assertThat(on.smtpFrom()).isEqualTo("印流 <seal@example.com>");
        assertThat(on.mailLocale()).isEqualTo("en");
        assertThat(on.toString()).doesNotContain("pa55word");
        assertThat(load(Map.of("SEALFLOW_SMTP_HOST", "h", "SEALFLOW_SMTP_PORT", "2525")).smtpPort()).isEqualTo(2525);
        assertThat(load(Map.of("SEALFLOW_SMTP_HOST", "h")).smtpTls()).isEqualTo(NotifySettings.TLS_STARTTLS);
        assertThat(load(Map.of("SEALFLOW_SMTP_TLS", "false")).smtpTls()).isEqualTo(NotifySettings.TLS_NONE);
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> load(Map.of("SEALFLOW_SMTP_TLS", "maybe"))).hasMessageContaining("SEALFLOW_SMTP_TLS");
        assertThatThrownBy(() -> load(Map.of("SEALFLOW_SMTP_PORT", "twenty-five"))).hasMessageContaining("SEALFLOW_SMTP_PORT");
        assertThatThrownBy(() -> load(Map.of("SEALFLOW_NOTIFY_MAX_ATTEMPTS", "0"))).hasMessageContaining("SEALFLOW_NOTIFY_MAX_ATTEMPTS");
    }

    @Test
    void signatureIsHmacSha256OfTimestampDotBody() {
        String sig = WebhookSignature.sign("whsec_test_secret_0123", 1_700_000_000L, "{\"a\":1}");
        assertThat(sig).isEqualTo("v1=" + OPENSSL_VECTOR);
        assertThat(WebhookSignature.verify("whsec_test_secret_0123", "1700000000", "{\"a\":1}", sig)).isTrue();
        assertThat(WebhookSignature.verify("whsec_test_secret_0123", "1700000001", "{\"a\":1}", sig)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test_secret_0123", "soon", "{\"a\":1}", sig)).isFalse();
    }

    @Test
    void templatesInChineseByDefaultAndEnglishOnRequest() {
        MailTemplates.Mail zh = MailTemplates.render("zh-CN", "task.handle", "吴十", "待用印：YY-1 合同", "印章管理员用印", "http://h/requests/1");
        assertThat(zh.subject()).isEqualTo("【印流】待用印：YY-1 合同");
        assertThat(zh.text()).startsWith("吴十，您好：").contains("办理用印").contains("http://h/requests/1");
        MailTemplates.Mail en = MailTemplates.render("en", "request.rejected", "Zhang San", "已驳回：YY-1 合同", null, null);
        assertThat(en.subject()).isEqualTo("[SealFlow] 已驳回：YY-1 合同");
        assertThat(en.text()).startsWith("Hello Zhang San,").contains("has been rejected").doesNotContain("Open in SealFlow");
        assertThat(MailTemplates.mailed("request.cc")).isFalse();
        assertThat(MailTemplates.mailed("task.reminder")).isTrue();
    }
}
