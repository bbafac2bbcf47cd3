package com.sealflow.agent.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_videoio;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraTest {

    @TempDir
    Path dir;

    /** Share of pixels OpenCV classifies as seal red (two hue bands around 0/180 in HSV). */
    static double redShare(byte[] jpeg) {
        try (Mat img = opencv_imgcodecs.imdecode(new Mat(new BytePointer(jpeg)), opencv_imgcodecs.IMREAD_COLOR);
             Mat hsv = new Mat(); Mat low = new Mat(); Mat high = new Mat()) {
            opencv_imgproc.cvtColor(img, hsv, opencv_imgproc.COLOR_BGR2HSV);
            opencv_core.inRange(hsv, new Mat(new double[] {0, 120, 80}), new Mat(new double[] {10, 255, 255}), low);
            opencv_core.inRange(hsv, new Mat(new double[] {170, 120, 80}), new Mat(new double[] {180, 255, 255}), high);
            return (opencv_core.countNonZero(low) + opencv_core.countNonZero(high)) / (double) (img.rows() * img.cols());
        }
    }

    @Test
    void syntheticCameraDrawsARedSealImpressionOnlyWhenPressed() throws Exception {
        try (SyntheticCamera cam = new SyntheticCamera()) {
            byte[] stamped = cam.snapshot(new Camera.Shot("dev-1", "公章", 7, true));
            byte[] blank = cam.snapshot(new Camera.Shot("dev-1", "公章", 8, false));
            assertThat(stamped[0] & 0xff).isEqualTo(0xFF);
            assertThat(redShare(stamped)).isGreaterThan(0.005);
            assertThat(redShare(blank)).isLessThan(0.0005);
        }
    }

    @Test
    void openCvCameraReadsAStreamAndAMissingDeviceFallsBackToSynthetic() throws Exception {
        NativeCache.configure();
        Path video = dir.resolve("feed.avi");
        try (VideoWriter w = new VideoWriter(video.toString(), VideoWriter.fourcc((byte) 'M', (byte) 'J', (byte) 'P', (byte) 'G'),
                10, new Size(320, 240), true)) {
            assertThat(w.isOpened()).isTrue();
            byte[] frame = new SyntheticCamera(320, 240).snapshot(new Camera.Shot("d", "S", 1, true));
            try (Mat m = opencv_imgcodecs.imdecode(new Mat(new BytePointer(frame)), opencv_imgcodecs.IMREAD_COLOR)) {
                for (int i = 0; i < 5; i++) {
                    w.write(m);
                }
            }
            w.release();
        }
        try (Camera cam = OpenCvCamera.open(video.toString())) {
            byte[] jpeg = cam.snapshot(new Camera.Shot("d", "S", 1, true));
            assertThat(redShare(jpeg)).isGreaterThan(0.005);
            assertThat(cam.describe()).startsWith("opencv ");
        }
        assertThatThrownBy(() -> OpenCvCamera.open(dir.resolve("no-such-feed.avi").toString())).isInstanceOf(IOException.class);
        assertThat(opencv_videoio.CAP_ANY).isZero();
        try (Camera cam = Cameras.open("opencv:" + dir.resolve("missing.avi"), "synthetic")) {
            assertThat(cam).isInstanceOf(SyntheticCamera.class);
        }
    }
}
