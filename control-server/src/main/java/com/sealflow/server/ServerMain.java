package com.sealflow.server;

import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.ServerConfig;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar control-server.jar}: configuration from the environment and config file, then run until SIGTERM. */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Logger log = LoggerFactory.getLogger(ServerMain.class);
        ServerConfig config;
        try {
            config = ServerConfig.load(ConfigSource.fromEnvironment());
        } catch (IllegalArgumentException e) {
            log.error("configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        SealFlowServer server;
        try {
            server = SealFlowServer.start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            log.error("start-up failed", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndWait, "sealflow-shutdown"));
        log.info("ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }
}
