package com.sealflow.agent.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A linked pty pair made by socat ({@code pty,raw,echo=0}); without socat its tests fail, saying what to install (CI has it). */
public final class PtyPair implements AutoCloseable {

    private final Process socat;
    private final Path a;
    private final Path b;

    private PtyPair(Process socat, Path a, Path b) {
        this.socat = socat;
        this.a = a;
        this.b = b;
    }

    public static PtyPair open(Path dir) throws IOException, InterruptedException {
        if (!onPath("socat")) {
            throw new AssertionError("socat is not installed: apt-get install -y socat (CI installs it); pty tests are never skipped");
        }
        Path a = dir.resolve("agent-tty");
        Path b = dir.resolve("mcu-tty");
        Process p = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > end || !p.isAlive()) {
                p.destroy();
                throw new IOException("socat did not create the pty pair: " + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(20);
        }
        return new PtyPair(p, a, b);
    }

    static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, cmd))) {
                return true;
            }
        }
        return false;
    }

    public String agentSide() {
        return a.toString();
    }

    public String mcuSide() {
        return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
    }
}
