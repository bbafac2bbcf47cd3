package com.sealflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Links whose QR code, with the encoder's own mask choice, the common decoder does not find: ours still read back. */
class QrCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:40996/verify/RB4EY2QQCWH5U528", "http://localhost:54128/verify/P74QVKXCW8NR3JUP",
        "http://localhost:43180/verify/E46YTER7JEUN97RH", "http://localhost:8080/verify/SKXJVCSW89FT4HDS"})
    void everyVerificationCodeReadsBack(String url) throws Exception {
        var image = QrCode.of(url, 300);
        String read = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
            Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        assertThat(read).isEqualTo(url);
    }
}
