package com.sealflow.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A database is new until the migrations have run on it; one that cannot be reached is not taken for new. */
class NewDatabaseTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void newUntilMigrated(Dialect dialect) {
        DatabaseConfig config = TestDatabases.config(dialect);
        assertThat(NewDatabase.is(config)).isTrue();
        Databases.migrate(config);
        assertThat(NewDatabase.is(config)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void anUnreachablePostgresIsNotTakenForNew() {
        DatabaseConfig nowhere = new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "u", "p",
            Path.of("unused"), 1, 0);
        assertThat(NewDatabase.is(nowhere)).isFalse();
    }
}
