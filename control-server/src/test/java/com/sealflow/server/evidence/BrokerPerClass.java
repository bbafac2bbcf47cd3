package com.sealflow.server.evidence;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.device.DeviceRegistry;
import com.sealflow.server.device.broker.EmbeddedBroker;
import com.sealflow.server.device.broker.FreePort;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Besides Vert.x, one embedded broker for a test class, in a data directory of its own. It lets a device in when the
 * {@link #registry} the running test set (that of its {@link DeviceStack}) accepts its password; none while it is null.
 */
abstract class BrokerPerClass extends VertxPerClass {

    static EmbeddedBroker broker;
    static volatile DeviceRegistry registry;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start("127.0.0.1", FreePort.find(), Files.createTempDirectory("sealflow-broker-"), true,
            (id, pass) -> registry == null ? CompletableFuture.completedFuture(false) : registry.verify(id, pass));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }
}
