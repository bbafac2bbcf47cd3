package com.sealflow.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, kept as a file in the data directory between starts. On its own the SQLite driver copies
 * the library out of its jar into a new temporary file at every start and reads both again to compare them: about a
 * third of the migrations' time at start-up (docs/benchmarks.md). Here the copy is made once, named after the driver's
 * version and the library's CRC, and used while its size and CRC still match the jar's entry (read from the jar's
 * directory, nothing is inflated). Anything unusual (not in a jar, an unwritable directory, a library that will not
 * load from there) leaves the driver to do what it always did.
 */
public final class SqliteNativeLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static volatile boolean pointed;

    private SqliteNativeLibrary() {
    }

    /** Points the driver at the kept library under {@code dataDir}, copying it there first if needed. Idempotent. */
    public static void useKeptCopy(Path dataDir) {
        if (pointed || System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        synchronized (SqliteNativeLibrary.class) {
            if (pointed) {
                return;
            }
            pointed = true;
            try {
                keptCopy(dataDir.resolve("native")).ifPresent(lib -> {
                    System.setProperty(PATH_PROPERTY, lib.getParent().toString());
                    System.setProperty(NAME_PROPERTY, lib.getFileName().toString());
                });
            } catch (IOException | UncheckedIOException | SecurityException e) {
                LOG.debug("SQLite's native library stays with the driver's own copy: {}", e.toString());
            }
        }
    }

    /**
     * The kept copy of this platform's library in {@code dir}, written (and older copies removed) when missing or not
     * the jar's; empty when the driver's library is not an entry of a jar.
     */
    static Optional<Path> keptCopy(Path dir) throws IOException {
        URL url = SQLiteJDBCLoader.class.getResource(LibraryLoaderUtil.getNativeLibResourcePath() + "/"
            + LibraryLoaderUtil.getNativeLibName());
        if (url == null || !"jar".equals(url.getProtocol())) {
            return Optional.empty();
        }
        URLConnection connection = url.openConnection();
        connection.setUseCaches(true);
        JarEntry entry = ((JarURLConnection) connection).getJarEntry();
        if (entry.getCrc() < 0 || entry.getSize() < 0) {
            return Optional.empty();
        }
        String name = String.format("sqlitejdbc-%s-%08x.%s", SQLiteJDBCLoader.getVersion(), entry.getCrc(),
            extensionOf(LibraryLoaderUtil.getNativeLibName()));
        Path lib = dir.resolve(name);
        if (matches(lib, entry)) {
            return Optional.of(lib);
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "sqlitejdbc-", ".partial");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            if (!matches(partial, entry)) {
                throw new IOException("copied library does not match the jar's entry " + entry.getName());
            }
            Files.move(partial, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        removeOthers(dir, lib);
        return Optional.of(lib);
    }

    private static boolean matches(Path file, JarEntry entry) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != entry.getSize()) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue() == entry.getCrc();
    }

    private static void removeOthers(Path dir, Path keep) throws IOException {
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, "sqlitejdbc-*")) {
            for (Path copy : copies) {
                if (!copy.equals(keep)) {
                    Files.deleteIfExists(copy);
                }
            }
        }
    }

    private static String extensionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "lib" : fileName.substring(dot + 1);
    }
}
