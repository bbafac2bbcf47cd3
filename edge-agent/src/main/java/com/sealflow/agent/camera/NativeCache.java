package com.sealflow.agent.camera;

import java.nio.file.Path;

/**
 * JavaCPP unpacks about 120 MB of natives on first use; by default into {@code ~/.javacpp/cache}. Point it at
 * {@code ~/.cache/sealflow-javacpp} unless the operator chose a directory (the systemd unit does).
 */
final class NativeCache {

    static final String PROPERTY = "org.bytedeco.javacpp.cachedir";

    private NativeCache() {
    }

    static void configure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Path.of(System.getProperty("user.home"), ".cache", "sealflow-javacpp").toString());
        }
    }
}
