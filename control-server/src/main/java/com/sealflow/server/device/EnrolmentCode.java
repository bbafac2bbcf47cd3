package com.sealflow.server.device;

import com.sealflow.server.web.QrCode;
import io.vertx.core.json.JsonObject;

/**
 * A fresh one-time enrolment code as shown once to the admin: the code, its expiry and a QR code of both (checked to
 * read back before it is shown).
 */
public record EnrolmentCode(String deviceId, String code, long expiresAt, String qrPngDataUrl) {

    static EnrolmentCode of(String deviceId, String code, long expiresAt, String httpBaseUrl) {
        String content = new JsonObject().put("server", httpBaseUrl).put("deviceId", deviceId).put("code", code).encode();
        return new EnrolmentCode(deviceId, code, expiresAt, QrCode.pngDataUrl(content, 256));
    }

    public JsonObject toJson() {
        return new JsonObject().put("deviceId", deviceId).put("code", code).put("expiresAt", expiresAt)
            .put("qrCode", qrPngDataUrl);
    }
}
