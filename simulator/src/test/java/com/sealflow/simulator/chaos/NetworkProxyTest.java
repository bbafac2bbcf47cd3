package com.sealflow.simulator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** The proxy's faults over real loopback sockets, against an echo server. */
class NetworkProxyTest {

    @Test
    void relaysThenResetsStallsThrottlesAndRetargets() throws Exception {
        try (Echo echo = new Echo(); Echo other = new Echo(); NetworkProxy proxy = new NetworkProxy("127.0.0.1", echo.port())) {
            try (Socket s = connect(proxy)) {
                assertThat(roundTrip(s, 10)).isTrue();
                proxy.reset();
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 5; i++) {
                        roundTrip(s, 10);
                    }
                }).isInstanceOf(IOException.class);
            }
            try (Socket s = connect(proxy)) {
                proxy.stall(true);
                s.setSoTimeout(300);
                s.getOutputStream().write(new byte[] {1, 2, 3});
                assertThatThrownBy(() -> s.getInputStream().read()).as("nothing flows while stalled")
                    .isInstanceOf(java.net.SocketTimeoutException.class);
                proxy.stall(false);
                s.setSoTimeout(5000);
                byte[] back = new byte[3];
                new DataInputStream(s.getInputStream()).readFully(back);
                assertThat(back).as("held bytes flow after the stall").containsExactly(1, 2, 3);
            }
            proxy.bytesPerSecond(20_000);
            try (Socket s = connect(proxy)) {
                long start = System.nanoTime();
                assertThat(roundTrip(s, 10_000)).isTrue();
                assertThat((System.nanoTime() - start) / 1_000_000).as("10 kB each way at 20 kB/s").isGreaterThanOrEqualTo(400);
            }
            proxy.calm();
            proxy.cut();
            try (Socket s = connect(proxy)) {
                s.setSoTimeout(2000);
                assertThat(s.getInputStream().read()).as("refused while cut").isEqualTo(-1);
            } catch (SocketException refused) {
                assertThat(refused).hasMessageContaining("reset");
            }
            proxy.restore();
            proxy.target("127.0.0.1", other.port());
            try (Socket s = connect(proxy)) {
                assertThat(roundTrip(s, 10)).isTrue();
            }
            assertThat(other.connections).isEqualTo(1);
            NetworkProxy.Stats stats = proxy.stats();
            assertThat(stats.accepted()).isEqualTo(4);
            assertThat(stats.refused()).isEqualTo(1);
            assertThat(stats.resets()).isEqualTo(1);
        }
    }

    private static Socket connect(NetworkProxy proxy) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static boolean roundTrip(Socket s, int size) throws IOException {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) i;
        }
        s.getOutputStream().write(out);
        byte[] in = new byte[size];
        new DataInputStream(s.getInputStream()).readFully(in);
        return java.util.Arrays.equals(in, out);
    }

    /** Echoes every byte back, one thread per connection. */
    private static final class Echo implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        volatile int connections;

        Echo() throws IOException {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        connections++;
                        Thread c = new Thread(() -> echo(s));
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void echo(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // closed by the proxy
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
