package com.sealflow.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The server's logging, set up in code: one line per event on standard output, {@code key=value} fields so logs parse
 * without a JSON encoder, the root level from {@code SEALFLOW_LOG_LEVEL} (default INFO), the libraries' chatter
 * lowered. Reading the same settings from an XML file took logback 2–3× the CPU (about 0.1 s, on the main thread
 * before anything else starts). {@code -Dlogback.configurationFile=…} still replaces all of it with the operator's
 * own file.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} level=%-5level logger=%logger{24} thread=%thread %msg%n";
    static final Map<String, Level> LIBRARIES = Map.of("com.zaxxer", Level.WARN, "org.flywaydb", Level.WARN,
        "io.netty", Level.WARN, "io.vertx", Level.INFO, "com.hivemq", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(System.getProperty("SEALFLOW_LOG_LEVEL", System.getenv("SEALFLOW_LOG_LEVEL"))));
        root.addAppender(stdout);
        LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static Level rootLevel(String setting) {
        return setting == null || setting.isBlank() ? Level.INFO : Level.toLevel(setting.strip(), Level.INFO);
    }
}
