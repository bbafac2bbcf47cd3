package com.sealflow.agent.device;

/** Parses the {@code transport} setting: {@code serial:/dev/ttyAMA0} or {@code tcp:host:port}. */
public final class Transports {

    private Transports() {
    }

    public static DeviceTransport of(String spec, int baud) {
        if (spec.startsWith("serial:")) {
            return new SerialPortTransport(spec.substring("serial:".length()), baud);
        }
        if (spec.startsWith("tcp:")) {
            String rest = spec.substring("tcp:".length());
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("transport " + spec + ": expected tcp:host:port");
            }
            return new TcpTransport(rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)));
        }
        throw new IllegalArgumentException("unknown transport '" + spec + "' (serial:<path> | tcp:<host>:<port>)");
    }
}
