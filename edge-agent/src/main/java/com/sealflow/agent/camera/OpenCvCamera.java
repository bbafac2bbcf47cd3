package com.sealflow.agent.camera;

import java.io.IOException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * A real camera through OpenCV {@link VideoCapture}: a device index ({@code opencv:0}) or a stream URL
 * ({@code opencv:rtsp://...}). Opening without a camera fails with {@link IOException} rather than hanging.
 */
public final class OpenCvCamera implements Camera {

    private final String source;
    private final VideoCapture capture;

    private OpenCvCamera(String source, VideoCapture capture) {
        this.source = source;
        this.capture = capture;
    }

    public static OpenCvCamera open(String source) throws IOException {
        NativeCache.configure();
        VideoCapture cap;
        try {
            cap = source.matches("\\d+") ? new VideoCapture(Integer.parseInt(source)) : new VideoCapture(source);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IOException("OpenCV natives unavailable: " + e.getMessage(), e);
        }
        if (!cap.isOpened()) {
            cap.close();
            throw new IOException("camera " + source + " did not open");
        }
        return new OpenCvCamera(source, cap);
    }

    @Override
    public synchronized byte[] snapshot(Shot shot) throws IOException {
        try (Mat frame = new Mat()) {
            // Drop one buffered frame so the picture is of now, not of when the last press happened.
            capture.grab();
            if (!capture.read(frame) || frame.empty()) {
                throw new IOException("camera " + source + " returned no frame");
            }
            try (BytePointer buf = new BytePointer()) {
                if (!opencv_imgcodecs.imencode(".jpg", frame, buf)) {
                    throw new IOException("JPEG encoding failed");
                }
                byte[] out = new byte[(int) buf.limit()];
                buf.get(out);
                return out;
            }
        }
    }

    @Override
    public String describe() {
        return "opencv " + source;
    }

    @Override
    public synchronized void close() {
        capture.release();
        capture.close();
    }
}
