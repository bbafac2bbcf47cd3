package com.sealflow.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The build's index of migration scripts names every script, and migrating by it is migrating by Flyway's scan. */
class MigrationIndexTest {

    @Test
    void theIndexNamesEveryScriptInTheSourceTree() throws IOException {
        Path root = Path.of("src/main/resources");
        List<String> inSources;
        try (Stream<Path> files = Files.walk(root.resolve("db/migration"))) {
            inSources = files.filter(f -> f.toString().endsWith(".sql")).map(f -> root.relativize(f).toString().replace('\\', '/'))
                .sorted().toList();
        }
        List<String> indexed;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MigrationIndex.INDEX)) {
            assertThat(in).as("the build writes " + MigrationIndex.INDEX).isNotNull();
            indexed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).sorted().toList();
        }
        assertThat(inSources).hasSizeGreaterThan(20);
        assertThat(indexed).isEqualTo(inSources);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void migratingByTheIndexRecordsWhatTheScanRecords(Dialect dialect) throws SQLException {
        DataSource scanned = Databases.dataSource(TestDatabases.config(dialect));
        DataSource indexed = Databases.dataSource(TestDatabases.config(dialect));
        Databases.migrate(scanned, dialect, false);
        Databases.migrate(indexed, dialect, true);

        List<String> byScan = history(scanned);
        assertThat(byScan).hasSizeGreaterThan(20);
        assertThat(history(indexed)).isEqualTo(byScan);

        // each validates the other's history on the next start (checksums, names, descriptions)
        Databases.migrate(scanned, dialect, true);
        Databases.migrate(indexed, dialect, false);
        assertThat(history(scanned)).isEqualTo(byScan);
        assertThat(history(indexed)).isEqualTo(byScan);
    }

    private static List<String> history(DataSource ds) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
            "SELECT version, description, type, script, checksum, success FROM flyway_schema_history ORDER BY version")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3) + " | " + rs.getString(4) + " | "
                    + rs.getInt(5) + " | " + rs.getBoolean(6));
            }
        }
        return rows;
    }
}
