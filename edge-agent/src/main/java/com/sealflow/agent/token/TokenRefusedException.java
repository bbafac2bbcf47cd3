package com.sealflow.agent.token;

/** A token check failed; {@link #reason()} goes on the wire. */
public final class TokenRefusedException extends Exception {

    private final RefusalReason reason;
    private final String tokenId;

    public TokenRefusedException(RefusalReason reason, String detail, String tokenId) {
        super(reason + ": " + detail);
        this.reason = reason;
        this.tokenId = tokenId;
    }

    /** The refused token's id when it could be decoded, else null. */
    public String tokenId() {
        return tokenId;
    }

    public RefusalReason reason() {
        return reason;
    }
}
