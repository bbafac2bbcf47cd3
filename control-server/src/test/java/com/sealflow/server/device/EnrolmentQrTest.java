package com.sealflow.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The enrolment QR code shown to the admin reads back, with the common open-source decoder, as server, device and code. */
class EnrolmentQrTest {

    @Test
    void everyEnrolmentQrCodeReadsBackAsItsServerDeviceAndCode() throws Exception {
        for (int i = 0; i < 60; i++) {
            String deviceId = (i % 3 == 0 ? "CAB-" : "SD-") + String.format("%02d", i);
            String code = Secrets.enrolmentCode();
            String server = "http://192.168.1." + (10 + i) + ":" + (8080 + i * 7);
            EnrolmentCode enrolment = EnrolmentCode.of(deviceId, code, 1_767_225_600_000L + i, server);

            assertThat(enrolment.qrPngDataUrl()).startsWith("data:image/png;base64,");
            JsonObject read = new JsonObject(decode(enrolment.qrPngDataUrl()));
            assertThat(read).isEqualTo(new JsonObject().put("server", server).put("deviceId", deviceId).put("code", code));
            assertThat(enrolment.toJson().getString("qrCode")).isEqualTo(enrolment.qrPngDataUrl());
        }
    }

    private static String decode(String dataUrl) throws Exception {
        byte[] png = Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(256);
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
            Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE)))
            .getText();
    }
}
