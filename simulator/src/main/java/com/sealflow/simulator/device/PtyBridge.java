package com.sealflow.simulator.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Puts the MCU's TCP line behind a pseudo-terminal with {@code socat}, so the agent talks to it as
 * to a real serial port ({@code serial:/path}). socat ends when the port is closed by the agent;
 * a watcher starts it again on the same path, as a USB-serial adapter that is plugged back in.
 */
public final class PtyBridge implements AutoCloseable {

    private final Path agentPath;
    private final int mcuPort;
    private final Thread watcher;
    private volatile Process process;
    private volatile boolean closed;

    private PtyBridge(Path agentPath, int mcuPort) {
        this.agentPath = agentPath;
        this.mcuPort = mcuPort;
        this.process = launch();
        this.watcher = new Thread(this::watch, "pty-" + agentPath.getFileName());
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Whether socat is installed (it is optional: TCP works everywhere). */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /** A pty at {@code agentPath} wired to the MCU listening on loopback {@code mcuPort}. */
    public static PtyBridge open(Path agentPath, int mcuPort) {
        return new PtyBridge(agentPath, mcuPort);
    }

    public Path agentPath() {
        return agentPath;
    }

    private Process launch() {
        try {
            Files.createDirectories(agentPath.toAbsolutePath().getParent());
            Files.deleteIfExists(agentPath);
            Process p = new ProcessBuilder(List.of("socat", "PTY,link=" + agentPath.toAbsolutePath() + ",raw,echo=0",
                    "TCP:127.0.0.1:" + mcuPort + ",nodelay"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            for (int i = 0; i < 100 && !Files.exists(agentPath) && p.isAlive(); i++) {
                Thread.sleep(20);
            }
            if (!Files.exists(agentPath)) {
                p.destroyForcibly();
                throw new IOException("socat did not create " + agentPath);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting socat", e);
        }
    }

    private void watch() {
        while (!closed) {
            try {
                process.waitFor();
                if (!closed) {
                    Thread.sleep(100);
                    process = launch();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        Process p = process;
        if (p != null) {
            p.destroy();
        }
    }
}
