package com.sealflow.agent.token;

import java.security.PublicKey;
import java.util.Map;

/** Decodes a wire token and checks its signature against the server keys the device knows (by key id). */
public interface TokenDecoder {

    UnlockToken decode(String wireToken, Map<String, PublicKey> keysByKid) throws TokenRefusedException;
}
