package com.sealflow.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.MutableClock;
import com.sealflow.server.VertxPerClass;
import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.audit.AuditVerifier;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On SQLite, transactions begun on several event loops at once (HTTP event loops, should there be more than one, timers,
 * the device link's) still run one after another on the one writer (no lost update of a row read and written back, an
 * unbroken audit chain), and a read on a reader, made on the event loop whose transaction just committed, sees it.
 */
class SqliteEventLoopsTest extends VertxPerClass {

    private static final int LOOPS = 4;
    private static final int ROUNDS = 25;

    @Test
    void transactionsFromSeveralEventLoopsAreSerialisedOnTheOneWriter() throws Exception {
        Database db = TestDatabases.open(vertx, Dialect.SQLITE);
        try {
            db.execute("CREATE TABLE hot (id TEXT PRIMARY KEY, n BIGINT NOT NULL)").await(10, TimeUnit.SECONDS);
            db.execute("INSERT INTO hot (id, n) VALUES ($1, $2)", "h", 0L).await(10, TimeUnit.SECONDS);
            AuditLog log = new AuditLog(db, new MutableClock());
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<String> stale = new ArrayList<>();
            vertx.deployVerticle(() -> new Rounds(db, log, threads, stale), new DeploymentOptions().setInstances(LOOPS))
                .await(60, TimeUnit.SECONDS);

            assertThat(threads).as("event loops that ran transactions").hasSizeGreaterThan(1);
            long n = db.execute("SELECT n FROM hot WHERE id = $1", "h").await(10, TimeUnit.SECONDS).iterator().next().getLong("n");
            assertThat(n).as("every read-then-write increment kept").isEqualTo(LOOPS * ROUNDS);
            synchronized (stale) {
                assertThat(stale).as("reads after a commit that missed it").isEmpty();
            }
            AuditVerifier.Result chain = log.verify().await(30, TimeUnit.SECONDS);
            assertThat(chain.ok()).isTrue();
            assertThat(chain.checked()).isEqualTo(LOOPS * ROUNDS);
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** On its own event loop: ROUNDS transactions at once, each reads the counter, writes it back one higher and audits. */
    private static final class Rounds extends VerticleBase {
        private final Database db;
        private final AuditLog log;
        private final Set<String> threads;
        private final List<String> stale;

        Rounds(Database db, AuditLog log, Set<String> threads, List<String> stale) {
            this.db = db;
            this.log = log;
            this.threads = threads;
            this.stale = stale;
        }

        @Override
        public Future<?> start() {
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                Future<Long> written = db.inTransaction(tx -> db.execute(tx, "SELECT n FROM hot WHERE id = $1", "h")
                    .compose(rs -> {
                        threads.add(Thread.currentThread().getName());
                        long next = rs.iterator().next().getLong("n") + 1;
                        return db.execute(tx, "UPDATE hot SET n = $1 WHERE id = $2", next, "h")
                            .compose(x -> log.append(tx, "u", "count", "hot", "h", new JsonObject().put("n", next)))
                            .map(next);
                    }));
                all.add(written.compose(mine -> db.execute(db.pool(), "SELECT n FROM hot WHERE id = $1", "h")
                    .map(rs -> {
                        long seen = rs.iterator().next().getLong("n");
                        if (seen < mine) {
                            synchronized (stale) {
                                stale.add("wrote " + mine + ", then read " + seen);
                            }
                        }
                        return null;
                    })));
            }
            return Future.all(all);
        }
    }
}
