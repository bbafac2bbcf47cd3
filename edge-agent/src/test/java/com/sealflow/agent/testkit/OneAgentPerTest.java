package com.sealflow.agent.testkit;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh agent for every test, on TCP to its fake MCU and linked to the {@link AgentTestBed}: {@link #h} and
 * {@link #dev} (named after the test method), with commands numbered per test.
 */
public abstract class OneAgentPerTest extends AgentTestBed {

    @TempDir
    protected Path dir;
    protected AgentHarness h;
    protected String dev;
    private final String prefix;
    private final int nameChars;
    private int commands;

    /** Device ids are {@code prefix}, the first {@code nameChars} letters of the test method's name, and a number. */
    protected OneAgentPerTest(String prefix, int nameChars) {
        this.prefix = prefix;
        this.nameChars = nameChars;
    }

    @BeforeEach
    protected void startAgent(TestInfo info) throws Exception {
        String method = info.getTestMethod().orElseThrow().getName().toLowerCase();
        dev = prefix + method.substring(0, nameChars) + "-" + System.nanoTime() % 100000;
        h = new AgentHarness(dir, dev, AgentHarness.Wire.TCP, broker.url(), server.baseUrl(), tokens, new Properties()).awaitReady();
    }

    @AfterEach
    protected void stopAgent() throws Exception {
        h.close();
    }

    /** Sends a signed token to this test's agent under the next command id, and returns that id. */
    protected String unlock(String wireToken) throws Exception {
        String cmd = dev + "-c" + (++commands);
        sendUnlock(dev, cmd, wireToken);
        return cmd;
    }

    /** The reason the agent gives for rejecting a command. */
    protected String rejection(String cmd) throws Exception {
        return cloud.awaitResult(cmd, "REJECTED").path("reason").asText();
    }
}
