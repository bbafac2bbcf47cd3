package com.sealflow.agent.camera;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the configured camera: {@code synthetic}, {@code opencv:<index|url>}; falls back when it cannot open. */
public final class Cameras {

    private static final Logger LOG = LoggerFactory.getLogger(Cameras.class);

    private Cameras() {
    }

    public static Camera open(String spec, String fallback) {
        try {
            return openExactly(spec);
        } catch (IOException | RuntimeException e) {
            LOG.warn("camera '{}' unavailable ({}); using '{}'", spec, e.getMessage(), fallback);
            if (fallback == null || fallback.isBlank() || "none".equals(fallback)) {
                throw new IllegalStateException("camera " + spec + " unavailable and no fallback configured", e);
            }
            try {
                return openExactly(fallback);
            } catch (IOException e2) {
                throw new IllegalStateException("fallback camera " + fallback + " unavailable", e2);
            }
        }
    }

    public static Camera openExactly(String spec) throws IOException {
        if ("synthetic".equals(spec)) {
            return new SyntheticCamera();
        }
        if (spec.startsWith("opencv:")) {
            return OpenCvCamera.open(spec.substring("opencv:".length()));
        }
        throw new IllegalArgumentException("unknown camera spec '" + spec + "' (synthetic | opencv:<index|url>)");
    }
}
