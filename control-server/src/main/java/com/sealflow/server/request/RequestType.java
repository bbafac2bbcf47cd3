package com.sealflow.server.request;

/** What a request asks for; each has its default flow and number prefix. */
public enum RequestType {
    SEAL_USE("seal-use", "YY"),
    TAKE_OUT("take-out", "WD");

    private final String defaultFlowKey;
    private final String numberPrefix;

    RequestType(String defaultFlowKey, String numberPrefix) {
        this.defaultFlowKey = defaultFlowKey;
        this.numberPrefix = numberPrefix;
    }

    public String defaultFlowKey() {
        return defaultFlowKey;
    }

    public String numberPrefix() {
        return numberPrefix;
    }
}
