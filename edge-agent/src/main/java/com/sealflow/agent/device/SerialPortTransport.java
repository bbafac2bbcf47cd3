package com.sealflow.agent.device;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * jSerialComm port opened by path (ptys and USB adapters are not always listed, so never by enumeration);
 * 8N1, no flow control, semi-blocking reads with a 100 ms timeout so the reader can notice shutdown.
 */
public final class SerialPortTransport implements DeviceTransport {

    private final String path;
    private final int baud;
    private volatile SerialPort port;

    public SerialPortTransport(String path, int baud) {
        this.path = path;
        this.baud = baud;
    }

    @Override
    public synchronized void open() throws IOException {
        SerialPort p = SerialPort.getCommPort(path);
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 1000);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + p.getLastErrorCode() + ")");
        }
        port = p;
    }

    @Override
    public int read(byte[] buf) throws IOException {
        SerialPort p = port;
        if (p == null) {
            return -1;
        }
        int n = p.readBytes(buf, buf.length);
        if (n < 0) {
            if (port == null) {
                return -1;
            }
            throw new IOException("serial read failed on " + path + " (error " + p.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] data) throws IOException {
        SerialPort p = port;
        if (p == null) {
            throw new IOException("serial port " + path + " is closed");
        }
        synchronized (this) {
            int off = 0;
            while (off < data.length) {
                int n = p.writeBytes(data, data.length - off, off);
                if (n <= 0) {
                    throw new IOException("serial write failed on " + path + " (error " + p.getLastErrorCode() + ")");
                }
                off += n;
            }
        }
    }

    @Override
    public boolean isOpen() {
        return port != null;
    }

    @Override
    public String describe() {
        return "serial:" + path + "@" + baud;
    }

    @Override
    public synchronized void close() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            p.closePort();
        }
    }
}
