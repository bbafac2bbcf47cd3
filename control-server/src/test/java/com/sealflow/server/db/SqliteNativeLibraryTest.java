package com.sealflow.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** SQLite's native library copied once into the data directory, checked at each start, and really loaded from there. */
class SqliteNativeLibraryTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartCopiesTheLibraryAndLaterStartsUseTheSameFile() throws IOException {
        Path lib = SqliteNativeLibrary.keptCopy(dir).orElseThrow();
        assertThat(lib.getParent()).isEqualTo(dir);
        assertThat(lib.getFileName().toString()).startsWith("sqlitejdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion() + "-");
        assertThat(crcOf(lib)).as("the name carries the library's CRC").isEqualTo(lib.getFileName().toString().split("-")[2]
            .substring(0, 8));
        FileTime old = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(lib, old);

        assertThat(SqliteNativeLibrary.keptCopy(dir)).contains(lib);
        assertThat(Files.getLastModifiedTime(lib)).as("not written again").isEqualTo(old);
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(lib);
        }
    }

    @Test
    void aDamagedCopyIsReplacedAndOlderCopiesRemoved() throws IOException {
        Path lib = SqliteNativeLibrary.keptCopy(dir).orElseThrow();
        String good = crcOf(lib);
        byte[] bytes = Files.readAllBytes(lib);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(lib, bytes);
        Path older = Files.writeString(dir.resolve("sqlitejdbc-3.0.0.0-0badc0de.so"), "an older driver's library");

        assertThat(SqliteNativeLibrary.keptCopy(dir)).contains(lib);
        assertThat(crcOf(lib)).isEqualTo(good);
        assertThat(older).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no partial copy left behind").containsExactly(lib);
        }
    }

    @Test
    void theDriverLoadsTheKeptCopy() throws Exception {
        Path log = dir.resolve("child.out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), LoadInChild.class.getName(), dir.resolve("data").toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> out = Files.readAllLines(log);
        assertThat(child.exitValue()).as(String.join("\n", out)).isZero();
        assertThat(out).as("the library mapped into the child is the kept copy")
            .anyMatch(line -> line.startsWith("mapped ") && line.contains(dir.resolve("data").resolve("native").toString()));
    }

    private static String crcOf(Path file) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return String.format("%08x", crc.getValue());
    }

    /** Run in a JVM of its own: the driver loads its library once per JVM. */
    public static final class LoadInChild {
        public static void main(String[] args) throws Exception {
            SqliteNativeLibrary.useKeptCopy(Path.of(args[0]));
            SQLiteDataSource ds = new SQLiteDataSource();
            ds.setUrl("jdbc:sqlite::memory:");
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("SELECT 1");
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("sqlitejdbc")) {
                    System.out.println("mapped " + line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
    }
}
