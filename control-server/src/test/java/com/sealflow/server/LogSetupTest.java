package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logging set up in code: found by logback on its own, one key=value line per event, levels as documented. */
class LogSetupTest {

    @Test
    void logbackFindsItWithoutAnyFile() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNotNull();
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.hivemq").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void oneKeyValueLinePerEvent() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            assertThat(new LogSetup().configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            var stdout = (OutputStreamAppender<ILoggingEvent>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
            stdout.setOutputStream(captured);
            context.getLogger("com.sealflow.server.device.Example").info("印章 {}", "HT-001");
            context.getLogger("io.netty.Chatter").info("not shown");
        } finally {
            context.stop();
        }
        String time = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)";
        assertThat(captured.toString(StandardCharsets.UTF_8))
            .matches(time + " level=INFO  logger=c\\.s\\.s\\.device\\.Example thread=\\S+ 印章 HT-001\\R");
    }

    @Test
    void rootLevelFromTheSettingAndAnOperatorsFileWins() {
        assertThat(LogSetup.rootLevel(null)).isEqualTo(Level.INFO);
        assertThat(LogSetup.rootLevel(" debug ")).isEqualTo(Level.DEBUG);
        assertThat(LogSetup.rootLevel("WARN")).isEqualTo(Level.WARN);
        assertThat(LogSetup.rootLevel("loud")).isEqualTo(Level.INFO);
        System.setProperty("logback.configurationFile", "/etc/sealflow/logback.xml");
        try {
            assertThat(new LogSetup().configure(new LoggerContext())).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }
}
