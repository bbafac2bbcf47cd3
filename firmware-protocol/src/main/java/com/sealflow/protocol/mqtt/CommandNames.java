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
    /**
     * params: {@code fromSeq}, {@code toSeq} (inclusive): the server is missing these events (a gap in the device's
     * chain) and asks the agent to publish them again from its journal; DONE once they are queued.
     */
    public static final String RESEND = "resend";

    private CommandNames() {
    }
}
