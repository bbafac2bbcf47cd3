package com.sealflow.agent.camera;

import java.io.IOException;

/** Takes one JPEG snapshot per press. Implementations: {@link OpenCvCamera}, {@link SyntheticCamera}. */
public interface Camera extends AutoCloseable {

    /** A JPEG of the stamping area now. {@code shot} tells synthetic sources what to draw. */
    byte[] snapshot(Shot shot) throws IOException;

    /** Human-readable source, for status and logs. */
    String describe();

    @Override
    void close();

    /** What the press was: a synthetic camera draws an impression where it landed; a real one ignores it. */
    record Shot(String deviceId, String sealId, long pressCounter, boolean sealImpression) {
    }
}
