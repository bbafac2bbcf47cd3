package com.sealflow.simulator.mcu;

import com.sealflow.protocol.link.LinkConfig;
import com.sealflow.protocol.link.LinkEndpoint;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A stand-in agent over real TCP: answers the MCU and can send it frames. */
public final class TcpHost implements AutoCloseable {

    public final List<Message> received = new CopyOnWriteArrayList<>();
    private final Socket socket;
    private final LinkEndpoint link;
    private final Thread reader;
    private volatile boolean closed;

    public TcpHost(int port, Function<Message, ErrorCode> answer) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20);
        link = new LinkEndpoint(LinkConfig.DEFAULT, () -> System.nanoTime() / 1_000_000, m -> {
            received.add(m);
            return answer.apply(m);
        });
        reader = new Thread(this::run, "tcp-host");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends a frame from the reader's context (the link is not thread-safe). */
    public synchronized void send(Message message) {
        link.send(message);
        flush();
    }

    private void run() {
        byte[] buf = new byte[512];
        try {
            InputStream in = socket.getInputStream();
            while (!closed) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    n = 0;
                }
                if (n < 0) {
                    return;
                }
                synchronized (this) {
                    if (n > 0) {
                        link.receive(buf, 0, n);
                    }
                    link.tick();
                    flush();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void flush() {
        try {
            OutputStream out = socket.getOutputStream();
            for (byte[] b : link.takeOutgoing()) {
                out.write(b);
            }
            out.flush();
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }
}
