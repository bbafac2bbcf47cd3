package com.sealflow.server.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A real SMTP server (GreenMail), a real webhook receiver and a database that outlives the control servers started
 * on it: what the outbox tests need to stop a server and start another on the same data.
 */
final class NotifyStack implements AutoCloseable {

    static final String FROM = "印流 <sealflow@example.com>";
    final GreenMail mail;
    final WebhookReceiver receiver = new WebhookReceiver();
    final Dialect dialect;
    final Path dataDir;
    final Map<String, String> dbSettings = new HashMap<>();

    NotifyStack(Dialect dialect) {
        this.dialect = dialect;
        mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            dataDir = Files.createTempDirectory("sealflow-notify-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (dialect == Dialect.POSTGRES) {
            DatabaseConfig pg = TestDatabases.postgresConfig();
            dbSettings.put("db.url", pg.url());
            dbSettings.put("db.user", pg.user());
            dbSettings.put("db.password", pg.password());
        }
    }

    /** A demo-mode server on this stack's database, sending mail to GreenMail; {@code relay} false = it never sends. */
    TestServer start(boolean relay) {
        Map<String, String> s = new HashMap<>(dbSettings);
        s.put("demo", "true");
        s.put("smtp.host", "127.0.0.1");
        s.put("smtp.port", Integer.toString(mail.getSmtp().getPort()));
        s.put("smtp.tls", "none");
        s.put("smtp.from", FROM);
        s.put("notify.relay", Boolean.toString(relay));
        // the database decides the dialect; SQLITE here only stops TestServer from creating another PostgreSQL database
        return TestServer.start(Dialect.SQLITE, s, dataDir);
    }

    static TestHttp login(TestServer server, String username) {
        return Servers.login(server, username, "sealflow");
    }

    static JsonObject contract(TestHttp applicant, int amount) {
        String seal = applicant.get("/api/seals").array().stream().map(JsonObject.class::cast)
            .filter(s -> "HT-001".equals(s.getString("code"))).findFirst().orElseThrow().getString("id");
        return new JsonObject().put("type", "SEAL_USE").put("sealIds", new JsonArray().add(seal)).put("documentType", "CONTRACT")
            .put("documentName", "华东区年度采购合同").put("copies", 2).put("reason", "与客户签订年度采购合同").put("amount", amount)
            .put("counterparty", "某某贸易有限公司").put("form", new JsonObject().put("project", "华东扩张")).put("submit", true);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        mail.stop();
        receiver.close();
    }
}
