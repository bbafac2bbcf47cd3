package com.sealflow.agent.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free bytes where evidence is stored; injectable so tests can fill the store without filling the disk. */
@FunctionalInterface
public interface StoreSpace {

    long freeBytes();

    static StoreSpace of(Path dataDir) {
        return () -> {
            try {
                return Files.getFileStore(dataDir).getUsableSpace();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
