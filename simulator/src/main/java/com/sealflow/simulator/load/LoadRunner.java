package com.sealflow.simulator.load;

import com.sealflow.agent.session.CustodianAuth;
import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.token.UnlockToken;
import com.sealflow.protocol.token.UnlockTokenCodec;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Fleet mode: N virtual devices, each a real edge agent and simulated MCU, run stamping sessions
 * back to back (token → PIN → presses) at a target press rate. Prints latency percentiles and
 * throughput; the result says whether the expectations held. The cloud side is local (no broker),
 * so the figures are the device side's: token check, PIN check + UNLOCK, press journaled with photo.
 */
public final class LoadRunner {

    /** What to run and what to expect (null = no expectation). */
    public record Options(int devices, double pressesPerSecond, Duration duration, int pressesPerSession, Path dataDir,
                          Double expectP99Millis, Double expectMinRate) {
    }

    private final Options options;
    private final Latencies tokenAccept = new Latencies();
    private final Latencies authUnlock = new Latencies();
    private final Latencies pressAck = new Latencies();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong pressed = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong nextPressSlot = new AtomicLong();
    private volatile boolean running = true;

    public LoadRunner(Options options) {
        this.options = options;
    }

    /** Runs and prints; true when every expectation held and no press was lost. */
    public boolean run(PrintStream out) throws Exception {
        KeyPair tokenKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<DeviceConfig> devices = new ArrayList<>();
        for (int i = 1; i <= options.devices(); i++) {
            devices.add(DeviceConfig.sealDevice(String.format("LOAD-%04d", i)));
        }
        SimulatorConfig config = new SimulatorConfig("127.0.0.1", 0, null, options.dataDir(), false, true, devices);
        out.printf("SealFlow simulator load: %d devices, target %.0f presses/s, %d s, %d presses per session%n", options.devices(),
                options.pressesPerSecond(), options.duration().toSeconds(), options.pressesPerSession());
        long started;
        long elapsed;
        try (LocalAgents agents = new LocalAgents(options.dataDir(), tokenKey, CustodianAuth.hash("1234"));
             Simulator sim = Simulator.start(config, agents)) {
            out.println("  panels at " + sim.baseUrl() + "/sim/");
            for (VirtualDevice d : sim.fleet().all()) {
                d.mcu().onAck((message, nanos) -> {
                    if (message instanceof Message.Press) {
                        pressAck.add(nanos);
                        acked.incrementAndGet();
                    }
                });
                await(() -> d.mcu().state().connected() && d.mcu().state().pending() == 0, 30_000);
            }
            ExecutorService workers = Executors.newFixedThreadPool(options.devices());
            started = System.nanoTime();
            nextPressSlot.set(started);
            for (VirtualDevice d : sim.fleet().all()) {
                workers.execute(() -> drive(d, agents.clouds.get(d.id()), tokenKey));
            }
            Thread.sleep(options.duration().toMillis());
            running = false;
            elapsed = System.nanoTime() - started;
            workers.shutdown();
            workers.awaitTermination(30, TimeUnit.SECONDS);
            for (VirtualDevice d : sim.fleet().all()) {
                await(() -> d.mcu().state().pending() == 0, 10_000);
            }
        }
        return report(out, elapsed);
    }

    private void drive(VirtualDevice device, LocalCloud cloud, KeyPair tokenKey) {
        long counter = 0;
        while (running) {
            try {
                long now = System.currentTimeMillis();
                UnlockToken token = new UnlockToken(UUID.randomUUID().toString(), device.id(), null, null, "LOAD-REQ",
                        "custodian", options.pressesPerSession(), now, now + 600_000, ++counter);
                String commandId = UUID.randomUUID().toString();
                byte[] payload = new JsonObject().put("commandId", commandId)
                        .put("token", UnlockTokenCodec.sign(token, tokenKey.getPrivate(), "load")).encode()
                        .getBytes(StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                String answer = cloud.command("unlock", commandId, payload).get(30, TimeUnit.SECONDS);
                if (!"ACCEPTED".equals(answer)) {
                    refused.incrementAndGet();
                    continue;
                }
                tokenAccept.add(System.nanoTime() - t0);
                long t1 = System.nanoTime();
                device.auth(AuthMethod.PIN, "1234");
                if (!await(() -> device.mcu().state().session() != null, 30_000)) {
                    refused.incrementAndGet();
                    continue;
                }
                authUnlock.add(System.nanoTime() - t1);
                sessions.incrementAndGet();
                for (int i = 0; i < options.pressesPerSession() && device.mcu().state().session() != null; i++) {
                    waitForPressSlot();
                    device.press();
                    pressed.incrementAndGet();
                }
                await(() -> device.mcu().state().session() == null && device.mcu().state().pending() == 0, 30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                refused.incrementAndGet();
            }
        }
    }

    /** Spreads presses over the whole fleet at the target rate. */
    private void waitForPressSlot() throws InterruptedException {
        long interval = (long) (1e9 / options.pressesPerSecond());
        long slot = nextPressSlot.getAndUpdate(next -> Math.max(next, System.nanoTime()) + interval);
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    private boolean report(PrintStream out, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = acked.get() / seconds;
        long lost = pressed.get() - acked.get();
        out.printf("  sessions %d, refused or failed %d%n", sessions.get(), refused.get());
        out.printf("  presses %d, acked %d, lost %d, throughput %.1f presses/s%n", pressed.get(), acked.get(), lost, rate);
        out.println("  token -> ACCEPTED            " + tokenAccept.summary());
        out.println("  PIN -> UNLOCK at MCU          " + authUnlock.summary());
        out.println("  press -> ACK (journaled+photo) " + pressAck.summary());
        boolean ok = true;
        ok &= expect(out, "no press lost", lost == 0);
        if (options.expectP99Millis() != null) {
            ok &= expect(out, "p99 press->ACK <= " + options.expectP99Millis() + " ms",
                    pressAck.percentileMillis(0.99) <= options.expectP99Millis());
        }
        if (options.expectMinRate() != null) {
            ok &= expect(out, "throughput >= " + options.expectMinRate() + " presses/s", rate >= options.expectMinRate());
        }
        out.println(ok ? "PASSED" : "FAILED");
        return ok;
    }

    private static boolean expect(PrintStream out, String what, boolean held) {
        out.println("  expect " + what + ": " + (held ? "ok" : "FAILED"));
        return held;
    }
}
