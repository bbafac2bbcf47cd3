package com.sealflow.server.device.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.device.Topics;
import io.vertx.core.Future;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real HiveMQ CE on a free loopback port, real Paho clients playing devices and the server. */
class EmbeddedBrokerTest {

    static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();
    static EmbeddedBroker broker;
    static MqttLink server;
    static final LinkedBlockingQueue<String> SERVER_INBOX = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("sealflow-broker-");
        PASSWORDS.put("dev-a", "secret-a");
        PASSWORDS.put("dev-b", "secret-b");
        broker = EmbeddedBroker.start("127.0.0.1", FreePort.find(), dir, true, (id, pass) ->
            CompletableFuture.completedFuture(PASSWORDS.containsKey(id)
                && PASSWORDS.get(id).equals(new String(pass, StandardCharsets.UTF_8))));
        assertThat(Files.readString(dir.resolve("mqtt/conf/config.xml"))).contains("<enabled>false</enabled>");
        InternalCredential cred = broker.internalCredential();
        server = new MqttLink(broker.url(), "server-1", cred.username(), cred.password())
            .subscribe(Topics.shared("evt"), 1, (topic, payload, retained) -> {
                SERVER_INBOX.add(topic + " " + new String(payload, StandardCharsets.UTF_8));
                return Future.succeededFuture();
            });
        server.connect().await(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        server.close();
        broker.stop();
    }

    @Test
    void deviceWithItsOwnCredentialsPublishesEventsTheServerReceivesThroughASharedSubscription() throws Exception {
        long[] before = broker.publishCounts();
        try (FakeDevice a = new FakeDevice(broker.url(), "dev-a", "dev-a", "secret-a").connect()) {
            a.publish(Topics.events("dev-a"), "{\"eventId\":\"e1\"}");
            assertThat(SERVER_INBOX.poll(10, TimeUnit.SECONDS)).isEqualTo("sealflow/v1/dev/dev-a/evt {\"eventId\":\"e1\"}");
        }
        long[] after = broker.publishCounts();
        assertThat(after[0]).as("publishes received by the broker").isGreaterThan(before[0]);
        assertThat(after[1]).as("publishes sent on by the broker").isGreaterThan(before[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.inHand() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.inHand()).as("the event was acknowledged once handled").isZero();
    }

    @Test
    void theBrokersMetricsAreCountedButNotRegisteredAsMBeans() throws Exception {
        assertThat(broker.publishCounts()[0]).as("the registry the server reads").isGreaterThanOrEqualTo(0);
        assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("metrics:*"), null)).isEmpty();
    }

    @Test
    void wrongPasswordUnknownDeviceAndForeignClientIdAreRefused() throws Exception {
        assertThatThrownBy(() -> new FakeDevice(broker.url(), "dev-a", "dev-a", "nope").connect()).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> new FakeDevice(broker.url(), "dev-x", "dev-x", "secret-a").connect()).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> new FakeDevice(broker.url(), "dev-b", "dev-a", "secret-a").connect()).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> new FakeDevice(broker.url(), "anon", null, null).connect()).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> new FakeDevice(broker.url(), "x", InternalCredential.PREFIX + "x", "guess").connect())
            .isInstanceOf(MqttException.class);
    }

    @Test
    void deviceReachesOnlyItsOwnTopics() throws Exception {
        try (FakeDevice a = new FakeDevice(broker.url(), "dev-a", "dev-a", "secret-a").connect();
             FakeDevice b = new FakeDevice(broker.url(), "dev-b", "dev-b", "secret-b").connect()) {
            assertThat(a.subscribe("sealflow/v1/dev/dev-a/cmd/#")).isLessThan(0x80);
            assertThat(a.subscribe("sealflow/v1/dev/dev-b/cmd/#")).isGreaterThanOrEqualTo(0x80);
            assertThat(a.subscribe("sealflow/v1/dev/+/cmd/#")).isGreaterThanOrEqualTo(0x80);
            assertThat(a.subscribe("#")).isGreaterThanOrEqualTo(0x80);
            assertThat(b.subscribe("sealflow/v1/dev/dev-b/cmd/#")).isLessThan(0x80);
            // A forging B's event: the broker refuses it, the server never sees it.
            try {
                a.publish(Topics.events("dev-b"), "{\"forged\":true}");
            } catch (MqttException refused) {
                // MQTT 5 brokers may answer with a NOT_AUTHORIZED PUBACK or drop the connection
            }
            // a device may not publish commands, not even to itself
            b.publish(Topics.events("dev-b"), "{\"eventId\":\"real\"}");
            assertThat(SERVER_INBOX.poll(10, TimeUnit.SECONDS)).isEqualTo("sealflow/v1/dev/dev-b/evt {\"eventId\":\"real\"}");
            assertThat(SERVER_INBOX.poll(300, TimeUnit.MILLISECONDS)).isNull();
            server.publish(Topics.command("dev-b", "ping"), "{\"commandId\":\"c1\"}").await(10, TimeUnit.SECONDS);
            assertThat(b.next(10).payload()).isEqualTo("{\"commandId\":\"c1\"}");
            assertThat(a.next(1)).isNull();
        }
    }

    @Test
    void disabledDeviceIsCutOffAtOnceAndCannotReconnect() throws Exception {
        PASSWORDS.put("dev-c", "secret-c");
        FakeDevice c = new FakeDevice(broker.url(), "dev-c", "dev-c", "secret-c").connect();
        try {
            assertThat(c.client.isConnected()).isTrue();
            PASSWORDS.remove("dev-c");
            assertThat(broker.disconnect("dev-c").toCompletableFuture().get(5, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (c.client.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(c.client.isConnected()).isFalse();
            assertThatThrownBy(() -> new FakeDevice(broker.url(), "dev-c", "dev-c", "secret-c").connect())
                .isInstanceOf(MqttException.class);
        } finally {
            c.close();
        }
    }

    @Test
    void twoServerNodesShareDeviceEventsEachMessageReachingOneNode() throws Exception {
        InternalCredential cred = broker.internalCredential();
        Map<String, String> seenBy = new ConcurrentHashMap<>();
        LinkedBlockingQueue<String> all = new LinkedBlockingQueue<>();
        MqttLink[] nodes = new MqttLink[2];
        for (int n = 0; n < 2; n++) {
            String node = "node-" + n;
            nodes[n] = new MqttLink(broker.url(), node, cred.username(), cred.password())
                .subscribe("$share/pair/" + Topics.ROOT + "+/evt", 1, (topic, payload, retained) -> {
                    String body = new String(payload, StandardCharsets.UTF_8);
                    if (seenBy.putIfAbsent(body, node) != null) {
                        all.add("DUPLICATE " + body);
                    }
                    all.add(body);
                    return Future.succeededFuture();
                });
            nodes[n].connect().await(20, TimeUnit.SECONDS);
        }
        try (FakeDevice a = new FakeDevice(broker.url(), "dev-a", "dev-a", "secret-a").connect()) {
            for (int i = 0; i < 60; i++) {
                a.publish(Topics.events("dev-a"), "{\"eventId\":\"s" + i + "\"}");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seenBy.keySet().stream().filter(k -> k.contains("\"s")).count() < 60 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            nodes[0].close();
            nodes[1].close();
        }
        // the class's own server link (group "sealflow") gets the same 60 events: take them all before the next
        // test reads its inbox (a fixed pause was not always enough on a loaded machine)
        int taken = 0;
        long inboxDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (taken < 60 && System.nanoTime() < inboxDeadline) {
            String m = SERVER_INBOX.poll(100, TimeUnit.MILLISECONDS);
            taken += m != null && m.contains("\"eventId\":\"s") ? 1 : 0;
        }
        assertThat(taken).as("the other group got every event too").isEqualTo(60);
        SERVER_INBOX.clear();
        assertThat(all).noneMatch(m -> m.startsWith("DUPLICATE"));
        assertThat(seenBy.keySet().stream().filter(k -> k.contains("\"s"))).hasSize(60);
        // the group spreads the load over its members
        assertThat(seenBy.values().stream().distinct()).contains("node-0", "node-1");
    }

    @Test
    void aFailedHandlerIsRetriedBeforeTheMessageIsAcknowledged() throws Exception {
        InternalCredential cred = broker.internalCredential();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        LinkedBlockingQueue<String> handled = new LinkedBlockingQueue<>();
        MqttLink flaky = new MqttLink(broker.url(), "flaky", cred.username(), cred.password())
            .subscribe(Topics.ROOT + "dev-b/status", 1, (topic, payload, retained) -> {
                if (calls.incrementAndGet() == 1) {
                    return Future.failedFuture(new IllegalStateException("database briefly away"));
                }
                handled.add(new String(payload, StandardCharsets.UTF_8));
                return Future.succeededFuture();
            });
        flaky.connect().await(20, TimeUnit.SECONDS);
        try (FakeDevice b = new FakeDevice(broker.url(), "dev-b", "dev-b", "secret-b").connect()) {
            b.publish(Topics.status("dev-b"), "{\"state\":\"ONLINE\"}");
            assertThat(handled.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"state\":\"ONLINE\"}");
            assertThat(calls.get()).isEqualTo(2);
        } finally {
            flaky.close();
        }
    }

    @Test
    void theBrokerSendsTheServersLinkUpToItsWindowOfUnacknowledgedMessagesAndTheRestOnceTheyAreAcknowledged() throws Exception {
        InternalCredential cred = broker.internalCredential();
        // through a shared subscription, as the server's link takes the devices' events
        String topic = "sealflow/test/window";
        java.util.List<io.vertx.core.Promise<Void>> held = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        MqttLink slow = new MqttLink(broker.url(), "slow-store", cred.username(), cred.password())
            .subscribe("$share/window-test/" + topic, 1, (t, payload, retained) -> {
                // acknowledged only when the test says the message is stored
                io.vertx.core.Promise<Void> stored = io.vertx.core.Promise.promise();
                held.add(stored);
                return stored.future();
            });
        MqttLink publisher = new MqttLink(broker.url(), "window-publisher", cred.username(), cred.password());
        slow.connect().await(20, TimeUnit.SECONDS);
        publisher.connect().await(20, TimeUnit.SECONDS);
        int total = EmbeddedBroker.IN_FLIGHT_WINDOW + 50;
        try {
            for (int i = 0; i < total; i++) {
                publisher.publish(topic, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false)
                    .await(10, TimeUnit.SECONDS);
            }
            // the first went out at once; the broker sends nothing more while it is unacknowledged
            awaitHeld(held, 1);
            Thread.sleep(500);
            assertThat(held).hasSize(1);
            // once it is acknowledged the broker sends the window's worth of the queue, not HiveMQ's own 50, and no more
            held.get(0).complete();
            awaitHeld(held, 1 + EmbeddedBroker.IN_FLIGHT_WINDOW);
            Thread.sleep(500);
            assertThat(held).hasSize(1 + EmbeddedBroker.IN_FLIGHT_WINDOW);
            assertThat(slow.inHand()).isEqualTo(EmbeddedBroker.IN_FLIGHT_WINDOW);
            // and the rest once all of those are acknowledged
            java.util.List.copyOf(held).forEach(p -> p.tryComplete());
            awaitHeld(held, total);
            java.util.List.copyOf(held).forEach(p -> p.tryComplete());
            assertThat(slow.awaitQuiet(200, 10_000)).isTrue();
            assertThat(held).hasSize(total);
        } finally {
            publisher.close();
            slow.close();
        }
    }

    private static void awaitHeld(java.util.List<?> held, int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (held.size() < count && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(held).hasSize(count);
    }

    @Test
    void filterMatching() {
        assertThat(MqttLink.matches("$share/g/sealflow/v1/dev/+/evt", "sealflow/v1/dev/a/evt")).isTrue();
        assertThat(MqttLink.matches("sealflow/v1/dev/+/cmd-res/+", "sealflow/v1/dev/a/cmd-res/x")).isTrue();
        assertThat(MqttLink.matches("sealflow/v1/dev/+/evt", "sealflow/v1/dev/a/status")).isFalse();
        assertThat(MqttLink.matches("a/#", "a/b/c")).isTrue();
    }
}
