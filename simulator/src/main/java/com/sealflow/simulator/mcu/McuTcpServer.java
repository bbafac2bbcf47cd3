package com.sealflow.simulator.mcu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The MCU's serial line as a TCP server socket on loopback (the agent's {@code tcp:host:port}
 * transport). One host at a time; a new connection replaces the old one. Without power the MCU
 * drops the connection and refuses new ones, as a network-attached device would.
 */
public final class McuTcpServer implements AutoCloseable {

    private final SimulatedMcu mcu;
    private final boolean dropOnPowerLoss;
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile Socket current;
    private volatile boolean closed;

    /**
     * @param dropOnPowerLoss true for a network-attached device (the socket dies with the power);
     *                        false behind a pty, where a dead MCU just leaves the line silent
     */
    public McuTcpServer(SimulatedMcu mcu, int port, boolean dropOnPowerLoss) {
        this.mcu = mcu;
        this.dropOnPowerLoss = dropOnPowerLoss;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + mcu.spec().deviceId() + " on port " + port, e);
        }
        acceptor = new Thread(this::acceptLoop, "mcu-accept-" + mcu.spec().deviceId());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The agent's transport setting for this MCU. */
    public String transportSpec() {
        return "tcp:127.0.0.1:" + port();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                if (dropOnPowerLoss && !mcu.powered()) {
                    socket.close();
                    continue;
                }
                Socket previous = current;
                current = socket;
                if (previous != null) {
                    previous.close();
                }
                Thread reader = new Thread(() -> serve(socket), "mcu-line-" + mcu.spec().deviceId());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!closed) {
                    sleepQuietly();
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            mcu.attach(bytes -> write(socket, out, bytes));
            byte[] buf = new byte[512];
            while (!closed && current == socket && (mcu.powered() || !dropOnPowerLoss)) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    break;
                }
                mcu.receive(buf, 0, n);
            }
        } catch (IOException e) {
            // the host went away; it will reconnect
        } finally {
            if (current == socket) {
                current = null;
                mcu.detach();
            }
        }
    }

    private static void write(Socket socket, OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            Socket s = current;
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
