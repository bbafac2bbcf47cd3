package com.sealflow.agent.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code <data>/status.json}: the running agent's last status, for the {@code status} command. */
public final class StatusFile {

    public static final String FILE = "status.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusFile() {
    }

    public static void write(Path dataDir, AgentStatus s) throws IOException {
        Path tmp = dataDir.resolve(FILE + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
        Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static AgentStatus read(Path dataDir) throws IOException {
        return JSON.readValue(dataDir.resolve(FILE).toFile(), AgentStatus.class);
    }
}
