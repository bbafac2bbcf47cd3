package com.sealflow.agent.testkit;

import com.sealflow.agent.device.DeviceTransport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** The device end of a TCP link: accepts one connection (the agent's) on a loopback port. */
public final class AcceptedSocketTransport implements DeviceTransport {

    private final ServerSocket server;
    private volatile Socket socket;

    public AcceptedSocketTransport() throws IOException {
        server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void open() throws IOException {
        server.setSoTimeout(60_000); // a child JVM on a loaded machine can take long to start
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        s.setSoTimeout(100);
        socket = s;
    }

    @Override
    public int read(byte[] buf) throws IOException {
        Socket s = socket;
        if (s == null) {
            return -1;
        }
        try {
            return s.getInputStream().read(buf);
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            return socket == null ? -1 : rethrow(e);
        }
    }

    private static int rethrow(IOException e) throws IOException {
        throw e;
    }

    @Override
    public void write(byte[] data) throws IOException {
        Socket s = socket;
        if (s == null) {
            throw new IOException("closed");
        }
        s.getOutputStream().write(data);
        s.getOutputStream().flush();
    }

    @Override
    public boolean isOpen() {
        return socket != null;
    }

    @Override
    public String describe() {
        return "tcp-server:" + port();
    }

    @Override
    public void close() {
        try {
            Socket s = socket;
            socket = null;
            if (s != null) {
                s.close();
            }
            server.close();
        } catch (IOException ignored) {
            // test teardown
        }
    }
}
