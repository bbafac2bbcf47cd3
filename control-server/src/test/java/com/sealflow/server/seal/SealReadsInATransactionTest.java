package com.sealflow.server.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import com.sealflow.server.request.Apps;
import com.sealflow.server.request.RequestApp;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An approval that reaches a handling node reads its request's seals twice in one transaction (the custodians, then the
 * announcement): the repository reads them once per transaction and set of ids, reads again after a write of a seal,
 * and keeps nothing outside a transaction or past its end.
 */
class SealReadsInATransactionTest {

    static final Apps APPS = new Apps();

    @AfterAll
    static void close() throws Exception {
        APPS.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theSealsAreReadOncePerTransactionAndAgainAfterAWrite(Dialect dialect) throws Exception {
        RequestApp app = APPS.get(dialect);
        String contract = app.seal("HT-001");
        String finance = app.seal("CW-001");
        SealRepository repo = new SealRepository(app.db);
        Object[] seen = new Object[3];
        await(app.db.inTransaction(tx -> repo.byIds(tx, List.of(contract, finance)).compose(first -> {
            seen[0] = first;
            // the same ids in another order are the same question
            return Future.all(repo.byIds(tx, List.of(finance, contract)), repo.byIds(tx, List.of(contract)));
        }).compose(again -> {
            assertThat(again.<List<Seal>>resultAt(0)).isSameAs(seen[0]);
            // other ids are read
            assertThat(again.<List<Seal>>resultAt(1)).isNotSameAs(seen[0]).hasSize(1);
            Seal suspended = again.<List<Seal>>resultAt(1).get(0).suspend(app.clock.millis());
            return repo.update(tx, suspended).compose(v -> repo.byIds(tx, List.of(contract, finance)));
        }).map(afterWrite -> {
            seen[1] = afterWrite;
            return null;
        })));
        @SuppressWarnings("unchecked")
        List<Seal> before = (List<Seal>) seen[0];
        @SuppressWarnings("unchecked")
        List<Seal> after = (List<Seal>) seen[1];
        assertThat(before).extracting(Seal::id).containsExactlyInAnyOrder(contract, finance);
        assertThat(after).isNotSameAs(before);
        assertThat(after.stream().filter(s -> s.id().equals(contract)).findFirst().orElseThrow().status()).isEqualTo(SealStatus.SUSPENDED);
        assertThat(after.stream().filter(s -> s.id().equals(finance)).findFirst().orElseThrow().status())
            .isEqualTo(before.stream().filter(s -> s.id().equals(finance)).findFirst().orElseThrow().status());

        // the next transaction reads again and finds the write; outside a transaction nothing is kept
        List<Seal> next = await(app.db.inTransaction(tx -> repo.byIds(tx, List.of(contract, finance))));
        assertThat(next).isNotSameAs(after).isEqualTo(after);
        assertThat(await(repo.byIds(app.db.pool(), List.of(contract)))).isNotSameAs(await(repo.byIds(app.db.pool(), List.of(contract))));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRolledBackWriteIsNotSeenByTheNextTransaction(Dialect dialect) throws Exception {
        RequestApp app = APPS.get(dialect);
        String seal = app.seal("GZ-001");
        SealRepository repo = new SealRepository(app.db);
        Seal before = await(repo.find(app.db.pool(), seal)).orElseThrow();
        try {
            await(app.db.inTransaction(tx -> repo.byIds(tx, List.of(seal))
                .compose(list -> repo.update(tx, list.get(0).suspend(app.clock.millis())))
                .compose(v -> repo.byIds(tx, List.of(seal)))
                .compose(list -> {
                    assertThat(list.get(0).status()).isEqualTo(SealStatus.SUSPENDED);
                    return Future.failedFuture(new IllegalStateException("roll back"));
                })));
        } catch (ExecutionException expected) {
            assertThat(expected.getCause()).hasMessageContaining("roll back");
        }
        List<Seal> next = await(app.db.inTransaction(tx -> repo.byIds(tx, List.of(seal))));
        assertThat(next).containsExactly(before);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
