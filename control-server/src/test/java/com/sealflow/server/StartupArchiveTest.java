package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The build's training run for the class-data archive starts a real production server and finds it ready. */
class StartupArchiveTest {

    @Test
    void trainingRunStartsAReadyServerAndStopsIt() throws Exception {
        assertThat(StartupArchive.run()).isEqualTo(200);
    }

    @Test
    void aPortTakenBeforeTheServerBindsItIsTriedAgainOnOtherPorts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger asked = new AtomicInteger();
            // the first start's HTTP port is held here, as another process could take it after it was found free
            int status = StartupArchive.run(() -> asked.getAndIncrement() == 0 ? taken.getLocalPort() : freePort());
            assertThat(status).isEqualTo(200);
            assertThat(asked.get()).as("ports asked: three per start, two starts").isEqualTo(6);
        }
        assertThat(StartupArchive.portTaken(new IllegalStateException("start-up failed", new BindException("in use")))).isTrue();
        assertThat(StartupArchive.portTaken(new IllegalStateException("start-up failed", new IOException("disk")))).isFalse();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aReadyRequestLeftUnansweredGivesUpInsteadOfWaitingForever() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test closed the socket
                }
            });
            acceptor.start();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> StartupArchive.askReady(silent.getLocalPort(), 200)).isInstanceOf(SocketTimeoutException.class);
            // three tries of 200 ms each, not a wait for an answer that never comes
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(500L, 10_000L);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
