package com.sealflow.agent.device;

import java.io.IOException;

/**
 * A byte stream to the device MCU: a serial port ({@link SerialPortTransport}) or TCP ({@link TcpTransport}, for
 * network-attached devices and the simulator). Framing and reliability live above, in the protocol's link.
 */
public interface DeviceTransport extends AutoCloseable {

    void open() throws IOException;

    /** Reads what is available, waiting at most a short poll interval: bytes read, 0 on timeout, -1 when closed. */
    int read(byte[] buf) throws IOException;

    void write(byte[] data) throws IOException;

    boolean isOpen();

    String describe();

    @Override
    void close();
}
