package com.sealflow.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One action's listeners read the same request several times in one transaction: the repository reads it once and
 * hands the same request back for the rest of that transaction, the written state after a write, and reads afresh in
 * the next transaction.
 */
class RequestReadsInATransactionTest {

    static final Apps APPS = new Apps();

    @AfterAll
    static void close() throws Exception {
        APPS.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRequestIsReadOncePerTransactionAndWritesAreWhatItSeesNext(Dialect dialect) throws Exception {
        RequestApp app = APPS.get(dialect);
        String id = ApplicantActionsTest.apply(app, true);
        RequestRepository repo = new RequestRepository(app.db);
        SealRequest[] seen = new SealRequest[4];
        await(app.db.inTransaction(tx -> repo.find(tx, id).compose(found -> {
            seen[0] = found.orElseThrow();
            return repo.lock(tx, id);
        }).compose(locked -> {
            // found without the row lock: locking reads it (on PostgreSQL, FOR UPDATE)
            seen[1] = locked.orElseThrow();
            return Future.all(repo.lock(tx, id), repo.find(tx, id));
        }).compose(both -> {
            SealRequest again = both.<Optional<SealRequest>>resultAt(0).orElseThrow();
            assertThat(again).isSameAs(seen[1]);
            assertThat(both.<Optional<SealRequest>>resultAt(1).orElseThrow()).isSameAs(seen[1]);
            SealRequest urged = again.urged(app.clock.millis());
            seen[2] = urged;
            return repo.update(tx, urged, false).compose(v -> repo.lock(tx, id));
        }).map(afterWrite -> {
            seen[3] = afterWrite.orElseThrow();
            return null;
        })));
        assertThat(seen[1]).isNotSameAs(seen[0]).isEqualTo(seen[0]);
        assertThat(seen[3]).isSameAs(seen[2]);
        assertThat(seen[3].version()).isEqualTo(seen[0].version() + 1);

        // the next transaction reads the row again, and finds what the first one wrote
        SealRequest next = await(app.db.inTransaction(tx -> repo.lock(tx, id))).orElseThrow();
        assertThat(next).isNotSameAs(seen[3]);
        assertThat(next.version()).isEqualTo(seen[3].version());
        assertThat(next.lastUrgedAt()).isEqualTo(seen[3].lastUrgedAt());
        assertThat(next.status()).isEqualTo(seen[3].status());
        // outside a transaction nothing is kept
        assertThat(await(repo.find(app.db.pool(), id)).orElseThrow()).isNotSameAs(await(repo.find(app.db.pool(), id)).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRolledBackWriteIsNotSeenByTheNextTransaction(Dialect dialect) throws Exception {
        RequestApp app = APPS.get(dialect);
        String id = ApplicantActionsTest.apply(app, true);
        RequestRepository repo = new RequestRepository(app.db);
        long before = await(repo.find(app.db.pool(), id)).orElseThrow().version();
        try {
            await(app.db.inTransaction(tx -> repo.lock(tx, id)
                .compose(r -> repo.update(tx, r.orElseThrow().urged(app.clock.millis()), false))
                .compose(v -> Future.failedFuture(new IllegalStateException("roll back")))));
        } catch (java.util.concurrent.ExecutionException expected) {
            assertThat(expected.getCause()).hasMessageContaining("roll back");
        }
        assertThat(await(app.db.inTransaction(tx -> repo.lock(tx, id))).orElseThrow().version()).isEqualTo(before);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
