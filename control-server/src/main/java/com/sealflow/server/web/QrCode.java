package com.sealflow.server.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Text (a verification link, an enrolment code) as a QR code image: error correction M, quiet zone of 2 modules, UTF-8.
 * About one code in four hundred that the encoder's own mask choice makes is not found by the common open-source
 * decoder (the one many phone apps use), so the image is read back and, if it does not decode to the text, made again
 * with another mask pattern.
 */
public final class QrCode {

    private static final int MASK_PATTERNS = 8;

    private QrCode() {
    }

    /** A square image {@code pixels} wide that reads back as the text. */
    public static BufferedImage of(String text, int pixels) {
        BufferedImage first = encode(text, pixels, null);
        if (text.equals(readBack(first))) {
            return first;
        }
        for (int mask = 0; mask < MASK_PATTERNS; mask++) {
            BufferedImage image = encode(text, pixels, mask);
            if (text.equals(readBack(image))) {
                return image;
            }
        }
        return first;
    }

    /** The same as a PNG {@code data:} URL, for a page to show as is. */
    public static String pngDataUrl(String text, int pixels) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(of(text, pixels), "PNG", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    private static BufferedImage encode(String text, int pixels, Integer mask) {
        Map<EncodeHintType, Object> hints = new HashMap<>(Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, 2, EncodeHintType.CHARACTER_SET, "UTF-8"));
        if (mask != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        try {
            return MatrixToImageWriter.toBufferedImage(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, pixels, pixels, hints));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for " + text, e);
        }
    }

    private static String readBack(BufferedImage image) {
        try {
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE)))
                .getText();
        } catch (ReaderException e) {
            return null;
        }
    }
}
