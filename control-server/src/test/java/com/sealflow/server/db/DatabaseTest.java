package com.sealflow.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.VertxPerClass;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest extends VertxPerClass {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void migratesAndRunsTheSameSqlOnBothDatabases(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        try {
            Row row = db.execute("SELECT value FROM schema_info WHERE name = $1", "product")
                .await(10, TimeUnit.SECONDS).iterator().next();
            assertThat(row.getString("value")).isEqualTo("SealFlow");
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void concurrentTransactionsAllCommitWithoutLockErrors(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        try {
            db.execute("CREATE TABLE counter (id TEXT PRIMARY KEY, n BIGINT NOT NULL)").await(10, TimeUnit.SECONDS);
            db.execute("INSERT INTO counter (id, n) VALUES ($1, $2)", "c", 0L).await(10, TimeUnit.SECONDS);
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // lock, read, then write in one transaction: lost updates or SQLITE_BUSY would show as n < 40
                all.add(db.inTransaction(conn -> db.execute(conn, "SELECT n FROM counter WHERE id = $1" + db.forUpdate(), "c")
                    .compose(rs -> db.execute(conn, "UPDATE counter SET n = $1 WHERE id = $2",
                        rs.iterator().next().getLong("n") + 1, "c"))
                    .mapEmpty()));
            }
            Future.all(all).await(60, TimeUnit.SECONDS);
            long n = db.execute("SELECT n FROM counter WHERE id = $1", "c").await(10, TimeUnit.SECONDS)
                .iterator().next().getLong("n");
            assertThat(n).isEqualTo(40L);
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void placeholdersAreRewrittenInOrderOnly() {
        assertThat(Database.toQuestionMarks("a = $1 AND b = $2")).isEqualTo("a = ? AND b = ?");
        assertThatThrownBy(() -> Database.toQuestionMarks("a = $2 AND b = $1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsAreTimeOrderedAndUnique() {
        String a = Ids.newId();
        String b = Ids.newId();
        assertThat(a).isNotEqualTo(b).hasSize(36);
        assertThat(a.charAt(14)).isEqualTo('7');
    }
}
