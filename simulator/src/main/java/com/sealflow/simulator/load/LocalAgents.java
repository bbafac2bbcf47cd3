package com.sealflow.simulator.load;

import com.sealflow.agent.EdgeAgent;
import com.sealflow.agent.config.AgentConfig;
import com.sealflow.agent.device.Transports;
import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.simulator.device.AgentHandle;
import com.sealflow.simulator.device.AgentLauncher;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real edge agents for load runs, provisioned locally instead of enrolled: each trusts the load
 * driver's token key, talks to a {@link LocalCloud} and uploads photos to a local sink.
 */
final class LocalAgents implements AgentLauncher, AutoCloseable {

    final Map<String, LocalCloud> clouds = new ConcurrentHashMap<>();
    final Map<String, EdgeAgent> agents = new ConcurrentHashMap<>();
    final AtomicLong uploads = new AtomicLong();
    private final Path dataDir;
    private final KeyPair tokenKey;
    private final String pinHash;
    private final HttpServer sink;

    LocalAgents(Path dataDir, KeyPair tokenKey, String pinHash) throws IOException {
        this.dataDir = dataDir;
        this.tokenKey = tokenKey;
        this.pinHash = pinHash;
        sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        sink.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            uploads.incrementAndGet();
            ex.sendResponseHeaders(201, -1);
            ex.close();
        });
        sink.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        sink.start();
    }

    @Override
    public AgentHandle start(VirtualDevice device, DeviceConfig config, String linkKeyBase64) throws IOException {
        Path dir = dataDir.resolve(config.id());
        DeviceKeys keys = DeviceKeys.generate();
        keys.store(dir);
        String sinkUrl = "http://127.0.0.1:" + sink.getAddress().getPort();
        Enrolment enrolment = new Enrolment(config.id(), "SN-" + config.id(), config.kind().name(),
                new Enrolment.Mqtt("tcp://127.0.0.1:1", config.id(), config.id(), "local"), new Enrolment.Http(sinkUrl, "local"),
                List.of(new Enrolment.TokenKey("load", Base64.getEncoder().encodeToString(tokenKey.getPublic().getEncoded()))),
                List.of(), System.currentTimeMillis());
        Properties p = new Properties();
        p.setProperty("data.dir", dir.toString());
        p.setProperty("device.kind", config.kind().name());
        p.setProperty("gpio", "none");
        p.setProperty("camera", "synthetic");
        p.setProperty("custodian.*.pin", pinHash);
        LocalCloud cloud = new LocalCloud();
        EdgeAgent agent = EdgeAgent.builder(AgentConfig.fromProperties(p)).enrolment(enrolment).deviceKeys(keys)
                .transport(Transports.of(device.transportSpec(), 115200)).camera(device.camera()).gpio(device.gpio())
                .cloudLink(cloud).linkKey(Base64.getDecoder().decode(linkKeyBase64)).build().start();
        clouds.put(config.id(), cloud);
        agents.put(config.id(), agent);
        return new AgentHandle() {
            @Override
            public String mqttState() {
                return "LOCAL";
            }

            @Override
            public JsonArray armedTokens() {
                JsonArray tokens = new JsonArray();
                agent.status().armedTokens().forEach(tokens::add);
                return tokens;
            }

            @Override
            public void network(boolean up) {
                // a local cloud has no network to cut
            }

            @Override
            public boolean networkUp() {
                return true;
            }

            @Override
            public void close() {
                agent.close();
            }
        };
    }

    @Override
    public void close() {
        sink.stop(0);
    }
}
