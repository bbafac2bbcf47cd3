package com.sealflow.server.device.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Mosquitto started by a test on a free loopback port, configured as docs/mqtt-brokers.md (option A)
 * describes: password file, ACL {@code pattern} lines giving each device only {@code sealflow/v1/dev/%u/...}, client
 * id forced to the username, one account per server node ({@code sealflow-server*}), no topic aliases and a queue
 * deep enough for the server's shared subscription.
 */
public final class MosquittoBroker implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    public static final Path PASSWD_TOOL = Path.of("/usr/bin/mosquitto_passwd");
    public static final Path SOCAT = Path.of("/usr/bin/socat");

    public final int port = FreePort.find();
    public final Path dir;
    private Process process;

    /** These tests are never skipped: without the tools they fail, saying what to install (CI installs both). */
    public static void requireInstalled(Path... tools) {
        for (Path tool : tools) {
            if (!Files.isExecutable(tool)) {
                throw new AssertionError(tool + " is missing: install Debian's mosquitto and socat "
                    + "(apt-get install -y mosquitto socat); CI installs both");
            }
        }
    }

    /** Starts Mosquitto with these accounts; those named {@code sealflow-server*} are server nodes, the others devices. */
    public MosquittoBroker(Map<String, String> users) throws Exception {
        requireInstalled(BINARY, PASSWD_TOOL);
        dir = Files.createTempDirectory("sealflow-mosquitto-");
        // with use_username_as_clientid every server node needs its own account (docs/mqtt-brokers.md)
        StringBuilder acl = new StringBuilder();
        users.keySet().stream().filter(u -> u.startsWith("sealflow-server")).sorted().forEach(u -> acl.append("user ").append(u)
            .append("\ntopic readwrite sealflow/#\ntopic read $share/sealflow/#\n\n"));
        Files.writeString(dir.resolve("acl"), acl + String.join("\n", "pattern write sealflow/v1/dev/%u/evt",
            "pattern write sealflow/v1/dev/%u/status", "pattern write sealflow/v1/dev/%u/cmd-res/+",
            "pattern read sealflow/v1/dev/%u/cmd/#", ""));
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n", List.of(
            "listener " + port + " 127.0.0.1",
            // the agents' MQTT client reuses stale topic aliases after a reconnect (eclipse-paho/paho.mqtt.java#1104)
            "max_topic_alias 0",
            "allow_anonymous false",
            "password_file " + dir.resolve("passwd"),
            "acl_file " + dir.resolve("acl"),
            "use_username_as_clientid true",
            "persistence false",
            "log_dest stderr",
            "max_inflight_messages 1000",
            "max_queued_messages 1000000",
            // as root mosquitto would drop to user 'mosquitto', who cannot read this private temp dir
            "root".equals(System.getProperty("user.name")) ? "user root" : "", "")));
        writePasswords(users, null);
        start();
    }

    /** Starts (or, after {@link #kill}, restarts) the broker on the same port with the same configuration. */
    public void start() throws Exception {
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

    /** SIGKILL: the broker dies with whatever it held in memory (persistence is off). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Rewrites the password file (hashed by mosquitto_passwd) and makes the running broker reload it. */
    public void writePasswords(Map<String, String> users) throws Exception {
        writePasswords(users, process);
    }

    private void writePasswords(Map<String, String> users, Process running) throws Exception {
        Path file = dir.resolve("passwd");
        Files.deleteIfExists(file);
        Files.createFile(file);
        for (Map.Entry<String, String> u : users.entrySet()) {
            run(PASSWD_TOOL.toString(), "-b", file.toString(), u.getKey(), u.getValue());
        }
        if (running != null && running.isAlive()) {
            run("kill", "-HUP", Long.toString(running.pid()));
            Thread.sleep(300);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
