package com.sealflow.server.device;

import com.sealflow.server.SealFlowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Command written -> token accepted, on the agent's own time: when the agent's token check passed, as its journal
 * records it ({@code tokens.at}, taken right before the ledger's durable write and the ACCEPTED answer). The
 * server's figure ends later, when the answer has come back through the broker and been written; the agents run in
 * the bench's JVM, so both times come from the same clock.
 */
final class UnlockBenchAgentSide {

    private UnlockBenchAgentSide() {
    }

    /** Milliseconds from each unlock written since {@code since} to its acceptance in an agent's journal under {@code simDir}. */
    static List<Double> writtenToAccepted(SealFlowServer server, Path simDir, long since) throws Exception {
        Map<String, Long> acceptedAt = new HashMap<>();
        try (var devices = Files.list(simDir)) {
            for (Path device : devices.toList()) {
                Path journal = device.resolve("agent").resolve("journal.db");
                if (Files.exists(journal)) {
                    acceptedAt.putAll(accepted(journal));
                }
            }
        }
        var rows = server.platform().db().execute("SELECT token_id, created_at FROM device_command WHERE kind = 'UNLOCK' "
                + "AND token_id IS NOT NULL AND created_at >= $1", since)
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<Double> out = new ArrayList<>();
        rows.forEach(r -> {
            Long at = acceptedAt.get(r.getString("token_id"));
            if (at != null) {
                out.add((double) (at - r.getLong("created_at")));
            }
        });
        return out;
    }

    private static Map<String, Long> accepted(Path journal) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + journal + "?mode=ro");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT token_id, at FROM tokens WHERE counter IS NOT NULL")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
