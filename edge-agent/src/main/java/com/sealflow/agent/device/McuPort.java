package com.sealflow.agent.device;

import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.Message;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What the session logic needs of the MCU link: send a message, know who answered HELLO. */
public interface McuPort {

    /** Completes with the MCU's answer for reliable messages (null for unreliable ones). Never blocks. */
    CompletableFuture<LinkEvent> send(Message message);

    Optional<Message.Hello> deviceHello();
}
