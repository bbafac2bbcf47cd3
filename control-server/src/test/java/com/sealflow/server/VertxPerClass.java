package com.sealflow.server;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Vert.x instance for a test class, closed after its last test: extend it and use {@link #vertx}. */
public abstract class VertxPerClass {

    protected static Vertx vertx;

    @BeforeAll
    protected static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    protected static void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
