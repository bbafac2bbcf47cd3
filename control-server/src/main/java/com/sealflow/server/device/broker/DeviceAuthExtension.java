package com.sealflow.server.device.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import com.sealflow.server.device.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ embedded extension: devices log in with their own credentials and may reach only
 * {@code sealflow/v1/dev/{their id}/#} (publish evt, cmd-res, status; subscribe cmd); the server's own client
 * logs in with the per-start {@link InternalCredential} and may reach everything, shared subscriptions included.
 * Permissions are set at CONNECT as default permissions with DENY as default behaviour, so an unlisted topic is
 * refused (publish dropped / subscription failed, and for MQTT 5 the broker answers with a reason code).
 */
final class DeviceAuthExtension implements ExtensionMain {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAuthExtension.class);
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);

    private final InternalCredential internal;
    private final DeviceAuthenticator devices;
    private volatile ClientService clientService;
    /** Client ids that logged in with the internal credential: the server's own links, never cut off with devices. */
    private final Set<String> internalClients = ConcurrentHashMap.newKeySet();

    DeviceAuthExtension(InternalCredential internal, DeviceAuthenticator devices) {
        this.internal = internal;
        this.devices = devices;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        clientService = Services.clientService();
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> (SimpleAuthenticator) this::onConnect);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        clientService = null;
    }

    CompletionStage<Boolean> disconnect(String clientId) {
        ClientService service = clientService;
        return service == null ? CompletableFuture.completedFuture(false) : service.disconnectClient(clientId);
    }

    /** Disconnects every connected device (not the server's own links); completes with how many were cut off. */
    CompletionStage<Integer> disconnectDevices() {
        ClientService service = clientService;
        if (service == null) {
            return CompletableFuture.completedFuture(0);
        }
        List<CompletableFuture<Boolean>> cuts = new ArrayList<>();
        return service.iterateAllClients((context, session) -> {
            if (session.isConnected() && !internalClients.contains(session.getClientIdentifier())) {
                synchronized (cuts) {
                    cuts.add(service.disconnectClient(session.getClientIdentifier()));
                }
            }
        }).thenCompose(v -> {
            synchronized (cuts) {
                return CompletableFuture.allOf(cuts.toArray(CompletableFuture[]::new)).thenApply(x -> cuts.size());
            }
        });
    }

    private void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        String user = connect.getUserName().orElse(null);
        byte[] pass = connect.getPassword().map(DeviceAuthExtension::bytes).orElse(null);
        String clientId = connect.getClientId();
        if (user != null && user.startsWith(InternalCredential.PREFIX)) {
            if (internal.matches(user, pass)) {
                internalClients.add(clientId);
                allowAll(output.getDefaultPermissions());
                output.authenticateSuccessfully();
            } else {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad credentials");
            }
            return;
        }
        // A device must use its own id as client id too: otherwise it could take over another device's session.
        if (user == null || pass == null || !Topics.validDeviceId(user) || !user.equals(clientId)) {
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad credentials");
            return;
        }
        Async<SimpleAuthOutput> async = output.async(AUTH_TIMEOUT, TimeoutFallback.FAILURE);
        devices.verify(user, pass).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("device credential check failed for {}", user, error);
                output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "try again later");
            } else if (Boolean.TRUE.equals(ok)) {
                deviceOnly(output.getDefaultPermissions(), user);
                output.authenticateSuccessfully();
            } else {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad credentials");
            }
            async.resume();
        });
    }

    private static void allowAll(ModifiableDefaultPermissions permissions) {
        permissions.add(Builders.topicPermission().topicFilter("#")
            .type(TopicPermission.PermissionType.ALLOW)
            .sharedSubscription(TopicPermission.SharedSubscription.ALL).build());
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }

    static void deviceOnly(ModifiableDefaultPermissions permissions, String deviceId) {
        String root = Topics.deviceRoot(deviceId);
        permissions.add(publish(root + "evt"));
        permissions.add(publish(root + "status"));
        permissions.add(publish(root + "cmd-res/+"));
        permissions.add(Builders.topicPermission().topicFilter(root + "cmd/#")
            .type(TopicPermission.PermissionType.ALLOW)
            .activity(TopicPermission.MqttActivity.SUBSCRIBE)
            .sharedSubscription(TopicPermission.SharedSubscription.NOT_SHARED).build());
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }

    private static TopicPermission publish(String filter) {
        return Builders.topicPermission().topicFilter(filter)
            .type(TopicPermission.PermissionType.ALLOW)
            .activity(TopicPermission.MqttActivity.PUBLISH).build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
