package com.sealflow.server.evidence;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param dataDir        photos go under {@code <dataDir>/photos}, content-addressed
 * @param photoGrace     how long after a press its photo may take to arrive before MISSING_PHOTO
 * @param clockTolerance allowed difference between device and server clocks (and wall vs monotonic drift)
 * @param maxPhotoBytes  the largest snapshot accepted
 */
public record EvidenceSettings(Path dataDir, Duration photoGrace, Duration clockTolerance, long maxPhotoBytes) {

    public static EvidenceSettings defaults(Path dataDir) {
        return new EvidenceSettings(dataDir, Duration.ofMinutes(10), Duration.ofMinutes(2), 5L * 1024 * 1024);
    }
}
