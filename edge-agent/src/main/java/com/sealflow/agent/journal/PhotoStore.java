package com.sealflow.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stores press photos as {@code <data>/photos/<eventId>.jpg}. The file is written to a temp name, forced to
 * the device ({@link FileChannel#force}), renamed and the directory forced, so a photo the journal names is
 * on stable storage before the press is acknowledged to the MCU.
 */
public final class PhotoStore {

    private final Path dir;

    public PhotoStore(Path dataDir) throws IOException {
        this.dir = dataDir.resolve("photos");
        Files.createDirectories(dir);
    }

    public StoredPhoto store(String eventId, byte[] jpeg) throws IOException {
        Path target = dir.resolve(eventId + ".jpg");
        Path tmp = dir.resolve(eventId + ".jpg.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(jpeg);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        return new StoredPhoto(target, sha256Hex(jpeg), jpeg.length);
    }

    public Path directory() {
        return dir;
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the rename durable. Not every platform can open a directory; those have no such need. */
    private static void forceDirectory(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Windows cannot open directories as channels; its renames are metadata-journaled anyway.
        }
    }
}
