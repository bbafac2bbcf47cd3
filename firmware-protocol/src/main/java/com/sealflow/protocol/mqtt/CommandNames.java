package com.sealflow.protocol.mqtt;

/** The {name} in {@code cmd/{name}} and the params each command carries. */
public final class CommandNames {

    /** params: {@code token} (the encoded unlock token). */
    public static final String UNLOCK = "unlock";
    /** params: {@code tokenId}, {@code reason} (withdrawn, cancelled, seal lost...). */
    public static final String REVOKE = "revoke";
    /** params: settings to change, e.g. {@code trustedKeys} (kid to base64 X.509 public key), {@code maxSkewMillis}. */
    public static final String CONFIG = "config";
    /** params: none; the agent answers DONE at once (a liveness probe). */
    public static final String PING = "ping";

    private CommandNames() {
    }
}
