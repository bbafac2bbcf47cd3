package com.sealflow.server.device;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** A fresh one-time enrolment code as shown once to the admin: the code, its expiry and a QR code of both. */
public record EnrolmentCode(String deviceId, String code, long expiresAt, String qrPngDataUrl) {

    static EnrolmentCode of(String deviceId, String code, long expiresAt, String httpBaseUrl) {
        String content = new JsonObject().put("server", httpBaseUrl).put("deviceId", deviceId).put("code", code).encode();
        return new EnrolmentCode(deviceId, code, expiresAt, qr(content));
    }

    static String qr(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 256, 256);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode QR content", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonObject toJson() {
        return new JsonObject().put("deviceId", deviceId).put("code", code).put("expiresAt", expiresAt)
            .put("qrCode", qrPngDataUrl);
    }
}
