package com.sealflow.simulator;

import com.sealflow.simulator.device.AgentLauncher;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.DeviceFactory;
import com.sealflow.simulator.device.Fleet;
import com.sealflow.simulator.device.VirtualDevice;
import com.sealflow.simulator.http.ControlApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The embeddable simulator: virtual devices (MCU + edge agent + camera + GPIO) and their control
 * API and panels. Control-server demo mode calls {@link #start(SimulatorConfig)}; the CLI too.
 */
public final class Simulator implements AutoCloseable {

    private final SimulatorConfig config;
    private final Fleet fleet = new Fleet();
    private final ScheduledExecutorService scheduler;
    private final Vertx vertx;
    private final boolean ownVertx;
    private HttpServer http;

    private Simulator(SimulatorConfig config, Vertx vertx, boolean ownVertx) {
        this.config = config;
        this.vertx = vertx;
        this.ownVertx = ownVertx;
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "sim-ticker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the devices and the control API on a Vert.x instance of its own. */
    public static Simulator start(SimulatorConfig config) {
        return start(config, Vertx.vertx(), true);
    }

    /**
     * Starts on the caller's Vert.x (demo mode shares the server's); closing leaves it running.
     * Blocks (agents enrol over HTTP): never call it on an event loop, use {@link #startAsync}.
     */
    public static Simulator start(SimulatorConfig config, Vertx vertx) {
        return start(config, vertx, false);
    }

    /**
     * For Vert.x code (control-server demo mode): starts on a worker thread once the caller's
     * HTTP server is up (the agents enrol with it), completes with the running simulator.
     */
    public static Future<Simulator> startAsync(SimulatorConfig config, Vertx vertx) {
        return vertx.executeBlocking(() -> start(config, vertx, false), false);
    }

    /** With a custom agent launcher: tests and the load mode. */
    public static Simulator start(SimulatorConfig config, AgentLauncher launcher) {
        Simulator sim = new Simulator(config, Vertx.vertx(), true);
        return sim.boot(launcher);
    }

    private static Simulator start(SimulatorConfig config, Vertx vertx, boolean own) {
        AgentLauncher launcher = config.agents() ? new EmbeddedAgents(config) : AgentLauncher.none();
        return new Simulator(config, vertx, own).boot(launcher);
    }

    private Simulator boot(AgentLauncher launcher) {
        try {
            DeviceFactory factory = new DeviceFactory(scheduler, config.pty() ? config.dataDir().resolve("pty") : null);
            for (DeviceConfig device : config.devices()) {
                String key = device.agentProperties().getOrDefault("link.key", DeviceFactory.newLinkKey());
                VirtualDevice virtual = factory.create(device, key);
                fleet.add(virtual);
                virtual.attachAgent(launcher.start(virtual, device, key));
            }
            http = ControlApi.listen(vertx, fleet, config.host(), config.httpPort());
            return this;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("simulator did not start: " + e.getMessage(), e);
        }
    }

    public Fleet fleet() {
        return fleet;
    }

    public VirtualDevice device(String id) {
        return fleet.get(id).orElseThrow(() -> new IllegalArgumentException("no virtual device " + id));
    }

    /** The port the control API and panels listen on. */
    public int httpPort() {
        return http.actualPort();
    }

    public String baseUrl() {
        return "http://" + config.host() + ":" + httpPort();
    }

    public String panelUrl(String deviceId) {
        return baseUrl() + "/sim/panel/" + deviceId;
    }

    @Override
    public void close() {
        if (http != null) {
            waitFor(http.close());
        }
        fleet.close();
        scheduler.shutdownNow();
        if (ownVertx) {
            waitFor(vertx.close());
        }
    }

    private static void waitFor(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // closing anyway: nothing left to do with a server that failed to close
        }
    }
}
