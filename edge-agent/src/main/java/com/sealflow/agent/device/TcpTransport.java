package com.sealflow.agent.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** The serial protocol over TCP: a network-attached device or the simulator's MCU. */
public final class TcpTransport implements DeviceTransport {

    private final String host;
    private final int port;
    private volatile Socket socket;
    private volatile InputStream in;
    private volatile OutputStream out;

    public TcpTransport(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public synchronized void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        s.connect(new InetSocketAddress(host, port), 5000);
        s.setSoTimeout(100);
        in = s.getInputStream();
        out = s.getOutputStream();
        socket = s;
    }

    @Override
    public int read(byte[] buf) throws IOException {
        InputStream i = in;
        if (i == null || socket == null) {
            return -1;
        }
        try {
            return i.read(buf);
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            if (socket == null) {
                return -1;
            }
            throw e;
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        OutputStream o = out;
        if (o == null) {
            throw new IOException("tcp transport to " + host + ":" + port + " is closed");
        }
        synchronized (this) {
            o.write(data);
            o.flush();
        }
    }

    @Override
    public boolean isOpen() {
        Socket s = socket;
        return s != null && !s.isClosed();
    }

    @Override
    public String describe() {
        return "tcp:" + host + ":" + port;
    }

    @Override
    public synchronized void close() {
        Socket s = socket;
        socket = null;
        in = null;
        out = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
