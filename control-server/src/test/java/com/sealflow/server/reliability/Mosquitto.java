package com.sealflow.server.reliability;

import com.sealflow.server.device.broker.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Mosquitto configured as docs/mqtt-brokers.md (option A) describes — password file, ACL patterns,
 * client id forced to the username, one account per server node ({@code sealflow-server*}) — on a fixed loopback
 * port, so that it can be stopped and started again.
 */
final class Mosquitto implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    final int port = FreePort.find();
    final Path dir;
    private Process process;

    Mosquitto(Map<String, String> users) throws Exception {
        for (Path tool : List.of(BINARY, PASSWD)) {
            if (!Files.isExecutable(tool)) {
                throw new AssertionError(tool + " is missing: apt-get install -y mosquitto (CI installs it)");
            }
        }
        dir = Files.createTempDirectory("sealflow-mosquitto-");
        // with use_username_as_clientid every server node needs its own account (docs/mqtt-brokers.md)
        StringBuilder acl = new StringBuilder();
        users.keySet().stream().filter(u -> u.startsWith("sealflow-server")).sorted().forEach(u -> acl.append("user ").append(u)
            .append("\ntopic readwrite sealflow/#\ntopic read $share/sealflow/#\n\n"));
        Files.writeString(dir.resolve("acl"), acl + String.join("\n", "pattern write sealflow/v1/dev/%u/evt",
            "pattern write sealflow/v1/dev/%u/status", "pattern write sealflow/v1/dev/%u/cmd-res/+",
            "pattern read sealflow/v1/dev/%u/cmd/#", ""));
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n", "listener " + port + " 127.0.0.1",
            // the agents' MQTT client reuses stale topic aliases after a reconnect (eclipse-paho/paho.mqtt.java#1104)
            "max_topic_alias 0", "allow_anonymous false", "password_file " + dir.resolve("passwd"), "acl_file " + dir.resolve("acl"),
            "use_username_as_clientid true", "persistence false", "log_dest stderr", "max_inflight_messages 1000",
            "root".equals(System.getProperty("user.name")) ? "user root" : "", ""));
        passwords(users);
        start();
    }

    /** Rewrites the password file and, when running, makes the broker reload it. */
    void passwords(Map<String, String> users) throws Exception {
        Path file = dir.resolve("passwd");
        Files.deleteIfExists(file);
        Files.createFile(file);
        for (Map.Entry<String, String> u : users.entrySet()) {
            run(PASSWD.toString(), "-b", file.toString(), u.getKey(), u.getValue());
        }
        if (process != null && process.isAlive()) {
            run("kill", "-HUP", Long.toString(process.pid()));
            Thread.sleep(300);
        }
    }

    void start() throws Exception {
        process = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    /** SIGKILL: the broker dies with whatever it held in memory. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
