package com.sealflow.agent.journal;

import java.nio.file.Path;

/** A JPEG that is on stable storage (fsynced) with its SHA-256 (lower-case hex). */
public record StoredPhoto(Path path, String sha256, long size) {
}
