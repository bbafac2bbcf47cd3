package com.sealflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database cannot be reached just now" (503 with Retry-After) rather than a defect (500). */
class DatabaseUnavailableTest {

    @Test
    void aRefusedOrLostConnectionOrAServerStartingOrStoppingIsUnavailable() {
        assertThat(Problems.databaseUnavailable(new ConnectException("Connection refused"))).isTrue();
        assertThat(Problems.databaseUnavailable(new VertxException("pool", new ConnectException("Connection refused")))).isTrue();
        assertThat(Problems.databaseUnavailable(new PgException("the database system is starting up", "FATAL", "57P03", null)))
            .isTrue();
        assertThat(Problems.databaseUnavailable(new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
        assertThat(Problems.databaseUnavailable(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAndBugsAreNot() {
        assertThat(Problems.databaseUnavailable(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(Problems.databaseUnavailable(new PgException("syntax error", "ERROR", "42601", null))).isFalse();
        assertThat(Problems.databaseUnavailable(new SQLException("no such table"))).isFalse();
        assertThat(Problems.databaseUnavailable(new NullPointerException())).isFalse();
        assertThat(Problems.databaseUnavailable(null)).isFalse();
    }
}
