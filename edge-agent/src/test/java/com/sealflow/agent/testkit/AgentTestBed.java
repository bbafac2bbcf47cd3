package com.sealflow.agent.testkit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent's end-to-end tests run against, started once per test class: the embedded broker, the fake server, a
 * subscriber standing for the cloud side, and the token issuer. A test class extends it and uses the fields.
 */
public abstract class AgentTestBed {

    @TempDir
    protected static Path shared;
    protected static EmbeddedBroker broker;
    protected static FakeServer server;
    protected static TestSubscriber cloud;
    protected static TokenFactory tokens;

    @BeforeAll
    protected static void startInfrastructure() throws Exception {
        broker = EmbeddedBroker.start(shared.resolve("broker"));
        server = new FakeServer();
        cloud = new TestSubscriber(broker.url());
        tokens = new TokenFactory();
    }

    @AfterAll
    protected static void stopInfrastructure() throws Exception {
        cloud.close();
        server.close();
        broker.close();
    }

    /** Sends {@code cmd/unlock} carrying a signed token to a device, as the server does. */
    protected static void sendUnlock(String dev, String commandId, String wireToken) throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("commandId", commandId);
        payload.put("token", wireToken);
        cloud.command(dev, "unlock", payload);
    }
}
