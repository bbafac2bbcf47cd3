package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.device.DeviceFixture;
import com.sealflow.server.device.DeviceInbound;
import com.sealflow.server.device.DeviceKind;
import com.sealflow.server.device.DeviceRoutes;
import com.sealflow.server.device.SealBinding;
import com.sealflow.server.device.broker.BrokerSessions;
import com.sealflow.server.device.broker.MqttLink;
import com.sealflow.server.web.ApiRouter;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.Health;
import com.sealflow.server.web.HttpVerticle;
import com.sealflow.server.web.Idempotency;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The device and evidence modules as the server runs them: real database, real HTTP (the platform's router, with a
 * test authenticator reading {@code X-Test-Roles}), and, when given a broker, the server's real MQTT link.
 */
final class DeviceStack implements AutoCloseable {

    final DeviceFixture f;
    final EvidenceIntake intake;
    final EvidenceQueries queries;
    final PhotoStore photos;
    final MqttLink link;
    final String base;
    private final Vertx vertx;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String deploymentId;

    /** No MQTT: the relay publishes into {@code f.sent}. */
    DeviceStack(Vertx vertx, Dialect dialect) throws Exception {
        this(vertx, dialect, null, null, null, BrokerSessions.NONE);
    }

    /** {@code brokerUrl} null: no MQTT, relay publishes into {@code f.sent}. */
    DeviceStack(Vertx vertx, Dialect dialect, String brokerUrl, String user, String pass, BrokerSessions sessions) throws Exception {
        this.vertx = vertx;
        Database db = TestDatabases.open(vertx, dialect);
        this.f = new DeviceFixture(db, sessions, null, brokerUrl != null);
        EvidenceSettings settings = new EvidenceSettings(f.dataDir, Duration.ofMinutes(10), Duration.ofMinutes(2), 256 * 1024);
        this.intake = new EvidenceIntake(db, f.clock, settings, f.registry, f.commands);
        this.queries = new EvidenceQueries(db, f.clock);
        this.photos = new PhotoStore(vertx, db, f.clock, settings);
        if (brokerUrl != null) {
            link = new MqttLink(brokerUrl, "server-" + System.nanoTime(), user, pass);
            f.publisher = (topic, payload) -> link.publish(topic, payload, 1, false);
            new DeviceInbound(f.registry, f.commands, f.relay, () -> intake).subscribe(link, true);
            link.connect().await(20, TimeUnit.SECONDS);
        } else {
            link = null;
        }
        Router router = ApiRouter.create(vertx, new ApiRouter.Settings(1024 * 1024, f.dataDir.resolve("uploads"), false, false),
            ctx -> {
                String roles = ctx.request().getHeader("X-Test-Roles");
                if (roles == null) {
                    return Future.succeededFuture(null);
                }
                Set<Role> set = Arrays.stream(roles.split(",")).map(Role::valueOf).collect(Collectors.toSet());
                return Future.succeededFuture(new CurrentUser("user-" + roles, "tester", "Tester", null, set,
                    CurrentUser.AuthMethod.TOKEN));
            }, new Idempotency(db, f.clock), new Health(),
            List.of(new DeviceRoutes(f.registry, f.commands), new EvidenceRoutes(queries, photos, f.registry, 256 * 1024)));
        HttpVerticle verticle = new HttpVerticle(router, "127.0.0.1", 0, Duration.ofSeconds(1));
        deploymentId = vertx.deployVerticle(verticle).await(20, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + verticle.actualPort();
    }

    /** Waits until every stored photo has been through the impression check (it runs after the upload's answer). */
    void awaitPhotoChecks() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (photos.uncheckedPhotos().await(10, TimeUnit.SECONDS) > 0) {
            if (System.nanoTime() > end) {
                throw new AssertionError("impression checks did not finish");
            }
            Thread.sleep(20);
        }
    }

    HttpResponse<String> send(String method, String path, String roles, String contentType, byte[] body, String... headers)
        throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (roles != null) {
            b.header("X-Test-Roles", roles);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A seal device holding one seal, enrolled. */
    DeviceFixture.Enrolled enrollSealDevice(String deviceId, String sealId) throws Exception {
        return f.createAndEnroll(deviceId, DeviceKind.SEAL_DEVICE, List.of(new SealBinding(sealId, null)));
    }

    /** An unlock command and the token it carries. */
    record Armed(String commandId, String tokenId) {
    }

    /** Issues the unlock for a stamping of the request and has the device answer ACCEPTED. */
    Armed armed(String requestId, String deviceId, String sealId, int copies) {
        String cmd = f.issue(f.stamp(requestId, deviceId, sealId, copies)).get(0);
        await(f.commands.onResult(deviceId, cmd, new JsonObject().put("state", "ACCEPTED")));
        String token = await(f.db.execute("SELECT token_id FROM device_command WHERE id = $1", cmd)).iterator().next()
            .getString("token_id");
        return new Armed(cmd, token);
    }

    /** A snapshot upload as a device sends it; {@code bearer} or {@code sha} null: that header left out. */
    HttpResponse<String> putPhoto(String path, String bearer, byte[] body, String sha) throws Exception {
        return bearer == null
            ? send("PUT", path, null, "image/jpeg", body, "X-Photo-Sha256", sha == null ? "" : sha)
            : sha == null ? send("PUT", path, null, "image/jpeg", body, "Authorization", bearer)
            : send("PUT", path, null, "image/jpeg", body, "Authorization", bearer, "X-Photo-Sha256", sha);
    }

    HttpResponse<String> json(String method, String path, String roles, String json) throws Exception {
        return send(method, path, roles, "application/json", json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (link != null) {
            link.close();
        }
        try {
            vertx.undeploy(deploymentId).await(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // test teardown
        }
        f.close();
    }
}
